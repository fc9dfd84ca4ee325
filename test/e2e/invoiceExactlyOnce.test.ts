/**
 * Exactly once at Talenom, whatever happens on the way: a 5xx and a lost answer, the same invoice set to waiting
 * again (unchanged or changed), an expiring Severa token, Severa's 429 with Retry-After; and one invoice's problem
 * never holds back the others nor gets started twice by the next run.
 */
import { retryTransfer, invoiceWorkflowId } from '../../client/invoices';
import { DEMO_SEVERA } from '../../sandbox/severa';
import { DEMO_TALENOM } from '../../sandbox/talenom';
import { anInvoice, CUSTOMERS, hours, numberOf, waitForRow } from './invoiceFixtures';
import { useInvoiceStage, TRANSFERRED, WAITING } from './invoiceHarness';

jest.setTimeout(60_000);

const stage = useInvoiceStage();

beforeEach(() => stage.clearWaiting());

const finvoicePosts = () => stage.talenom.admin.calls().filter((c) => c.method === 'POST' && c.path.endsWith('/invoices/finvoice'));

test('a Talenom 5xx, then a lost answer: Talenom is asked before sending again and holds the invoice once', async () => {
  const guid = stage.addInvoice(anInvoice());
  stage.talenom.admin.setFault({ operation: 'sendInvoice', kind: 'http500' });
  stage.talenom.admin.setFault({ operation: 'sendInvoice', kind: 'lostResponse' });

  const summary = await stage.run();
  expect(summary.transferred).toEqual([numberOf(stage, guid)]);
  expect(stage.talenom.admin.invoices(DEMO_TALENOM.organizationNumber).filter((i) => i.documentId === guid)).toHaveLength(1);
  expect(finvoicePosts().map((c) => c.status)).toEqual([500]); // the second POST's answer was lost: never logged as answered
  const log = await stage.exportLog();
  expect(log.filter((l) => l.sourceId === guid && l.outcome === 'ok').map((l) => l.message)).toEqual([
    `invoice ${numberOf(stage, guid)} (${CUSTOMERS.plain}) found at Talenom after an uncertain send; not sent again`,
    `invoice ${numberOf(stage, guid)} transferred: Severa status set to "${TRANSFERRED}"`,
  ]);
  expect(stage.severaStatus(guid)).toBe(TRANSFERRED);
});

test('the same invoice set to waiting again, unchanged, is not sent twice and goes back to transferred', async () => {
  const guid = stage.addInvoice(anInvoice());
  await stage.run();
  expect(stage.severaStatus(guid)).toBe(TRANSFERRED);
  const { documentAt } = (await stage.row(guid))!;

  stage.severa.admin.setInvoiceStatus(DEMO_SEVERA.clientId, guid, WAITING);
  const again = await stage.run();
  // The same invoice is the same document, down to its timestamp (the stored one comes back from jsonb reordered).
  expect((await stage.row(guid))!.documentAt).toEqual(documentAt);
  expect(again.needsAttention).toEqual([]);
  expect(stage.receivedFor(guid)).toHaveLength(1);
  expect(finvoicePosts()).toHaveLength(1);
  expect(stage.severaStatus(guid)).toBe(TRANSFERRED);
  expect(await stage.row(guid)).toMatchObject({ stage: 'transferred', attention: null });
});

test('an invoice changed after its transfer and set to waiting again waits as DuplicateMismatch; retry --in-target marks it without sending', async () => {
  const guid = stage.addInvoice(anInvoice());
  await stage.run();
  stage.severa.admin.setInvoiceStatus(DEMO_SEVERA.clientId, guid, WAITING);
  stage.severa.admin.patchInvoice(DEMO_SEVERA.clientId, guid, { notes: 'Eräpäivä siirretty asiakkaan pyynnöstä' });

  const again = await stage.run();
  expect(again.needsAttention).toEqual([numberOf(stage, guid)]);
  const view = await stage.waitForStage(guid, 'needs-attention');
  expect(view.attention).toContain('DuplicateMismatch');
  expect(view.attention).toContain(`tenant ${stage.tenant}, invoice ${numberOf(stage, guid)} went to Talenom before with other content`);
  expect(view.attention).toContain(`ledgerbridge invoices retry ${stage.tenant} ${numberOf(stage, guid)} --in-target`);
  expect(stage.severaStatus(guid)).toBe(WAITING);

  await retryTransfer(stage.env.client, stage.tenant, { invoiceGuid: guid }, { resolution: 'in-target' });
  await waitForRow(stage, guid, 'transferred');
  expect(stage.receivedFor(guid)).toHaveLength(1);
  expect(finvoicePosts()).toHaveLength(1);
  expect(stage.severaStatus(guid)).toBe(TRANSFERRED);
  const log = await stage.exportLog();
  expect(log.map((l) => l.message)).toContain(`invoice ${numberOf(stage, guid)}: an operator says Talenom holds the right invoice; not sent again`);

  // Talenom now counts as holding the corrected invoice: set to waiting once more, unchanged, it is only marked.
  stage.severa.admin.setInvoiceStatus(DEMO_SEVERA.clientId, guid, WAITING);
  const third = await stage.run();
  expect(third.needsAttention).toEqual([]);
  expect(third.transferred).toEqual([numberOf(stage, guid)]);
  expect(finvoicePosts()).toHaveLength(1);
  expect(stage.severaStatus(guid)).toBe(TRANSFERRED);
});

test('a Severa token that expires mid-run is renewed, not failed', async () => {
  const guids = [stage.addInvoice(anInvoice()), stage.addInvoice(anInvoice({ customer: CUSTOMERS.eInvoicing }))];
  const stop = stage.severa.admin.watchCalls((call) => {
    if (call.operation === 'invoiceRows') {
      stage.severa.admin.expireTokens(DEMO_SEVERA.clientId);
      stop();
    }
  });

  const summary = await stage.run();
  expect([...summary.transferred].sort()).toEqual(guids.map((g) => numberOf(stage, g)).sort());
  expect(summary.needsAttention).toEqual([]);
  const calls = stage.severa.admin.calls();
  expect(calls.filter((c) => c.status === 401).length).toBeGreaterThanOrEqual(1);
  expect(calls.filter((c) => c.operation === 'token').length).toBeGreaterThanOrEqual(2);
  for (const guid of guids) expect(stage.severaStatus(guid)).toBe(TRANSFERRED);
});

test('Severa\'s 429 with Retry-After is waited out, then the invoice transfers', async () => {
  const guid = stage.addInvoice(anInvoice());
  stage.severa.admin.setFault({ operation: 'invoiceRows', kind: 'quarantine', retryAfterSeconds: 2 });

  const summary = await stage.run();
  expect(summary.transferred).toEqual([numberOf(stage, guid)]);
  const rows = stage.severa.admin.calls({ operation: 'invoiceRows' });
  expect(rows.map((c) => c.status)).toEqual([429, 200]);
  expect(Date.parse(rows[1]!.at) - Date.parse(rows[0]!.at)).toBeGreaterThanOrEqual(1_900);
  expect(stage.receivedFor(guid)).toHaveLength(1);
});

test('one invoice that needs a person holds back no other; the next run finds it still waiting and does not start it twice', async () => {
  const good = [0, 1, 2].map((i) => stage.addInvoice(anInvoice({ rows: [hours(i + 1)] })));
  const bad = stage.addInvoice(anInvoice({ rows: [] }));

  const first = await stage.run();
  expect([...first.transferred].sort()).toEqual(good.map((g) => numberOf(stage, g)).sort());
  expect(first.needsAttention).toEqual([numberOf(stage, bad)]);
  const child = stage.env.client.workflow.getHandle(invoiceWorkflowId(stage.tenant, bad));
  const waiting = await child.describe();
  expect(waiting.status.name).toBe('RUNNING'); // the run ended; the invoice's own workflow waits for a person

  const second = await stage.run();
  expect(second.stillRunning).toEqual([numberOf(stage, bad)]);
  expect(second.transferred).toEqual([]);
  expect((await child.describe()).runId).toBe(waiting.runId);
  const log = await stage.exportLog();
  expect(log.filter((l) => l.entityType === 'run').at(-1)!.message).toContain(`1 still in progress from an earlier run (${numberOf(stage, bad)})`);
  expect(stage.receivedFor(bad)).toEqual([]);
  expect(stage.severaStatus(bad)).toBe(WAITING);
});
