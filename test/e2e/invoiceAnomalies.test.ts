/**
 * What a run reports that it cannot repair: an invoice moved to "Transferred" by hand (Talenom never got it) and
 * an invoice changed in Severa after its transfer (Talenom was not updated), each in the export log and in the
 * run's summary with its fix.
 */
import { DEMO_SEVERA } from '../../sandbox/severa';
import { anInvoice, numberOf } from './invoiceFixtures';
import { useInvoiceStage, TRANSFERRED } from './invoiceHarness';

jest.setTimeout(60_000);

const stage = useInvoiceStage();

beforeEach(() => stage.clearWaiting());

test('an invoice moved straight to "Transferred" by hand is reported with the fix "move it back to waiting"; Talenom gets nothing', async () => {
  // The first run starts the watch: what was in "transferred" before ledgerbridge is not reported.
  const before = stage.addInvoice({ ...anInvoice(), status: TRANSFERRED });
  expect((await stage.run()).anomalies.neverTransferred).toEqual([]);
  const byHand = stage.addInvoice({ ...anInvoice(), status: TRANSFERRED });
  const number = numberOf(stage, byHand);

  const summary = await stage.run();
  expect(summary.anomalies.neverTransferred).toEqual([{ guid: byHand, number }]);
  expect(summary.transferred).toEqual([]);
  const log = await stage.exportLog();
  const fix = `invoice ${number} in "${TRANSFERRED}" but never transferred by ledgerbridge (set by hand?): Talenom does not have it. ` +
    'Fix: move it back to "Waiting for transfer to Talenom" in Severa; the next run transfers it';
  expect(log.filter((l) => l.sourceId === byHand).map((l) => [l.outcome, l.message])).toEqual([['warning', fix]]);
  const run = log.filter((l) => l.entityType === 'run').slice(-1); // the newest
  expect(run.map((l) => [l.outcome, l.message])).toEqual([['warning', `transfer run: 0 transferred; 1 in transferred but never transferred (${number}): ` +
    'move them back to "Waiting for transfer to Talenom" in Severa; the next run transfers them']]);
  expect(await stage.row(byHand)).toMatchObject({ stage: 'not-ours', anomaly: fix.slice(`invoice ${number} `.length) });
  expect(stage.receivedFor(byHand)).toEqual([]);
  expect(await stage.row(before)).toBeUndefined();

  // Reported once: a second run that finds nothing new says nothing more about it.
  await stage.run();
  expect((await stage.exportLog()).filter((l) => l.sourceId === byHand)).toHaveLength(1);
});

test('an invoice changed in Severa after its transfer is reported as "Talenom not updated" with the fields that changed', async () => {
  const guid = stage.addInvoice(anInvoice({ notes: 'Kiitos tilauksesta' }));
  const number = numberOf(stage, guid);
  await stage.run();
  expect(stage.severaStatus(guid)).toBe(TRANSFERRED);

  stage.severa.admin.patchInvoice(DEMO_SEVERA.clientId, guid, { notes: 'Kiitos tilauksesta! Maksuaikaa pidennetty.', dueDate: '2026-12-31' });
  const summary = await stage.run();
  expect(summary.anomalies.changedAfter).toEqual([{ guid, number, fields: ['due date', 'notes'] }]);
  const log = await stage.exportLog();
  const lines = log.filter((l) => l.sourceId === guid && l.outcome === 'warning').map((l) => l.message);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^invoice ${number}: Talenom not updated: due date, notes changed in Severa after the transfer on \\d{4}-\\d{2}-\\d{2}\\. ` +
    'Fix: make the same change in Talenom, or credit the invoice in Severa and transfer a new one$'));
  expect(log.filter((l) => l.entityType === 'run').at(-1)!.message).toContain(`1 changed after transfer, Talenom not updated (${number}: due date/notes)`);
  expect((await stage.row(guid))!.anomaly).toMatch(/^Talenom not updated: due date, notes/);
  expect(stage.receivedFor(guid)).toHaveLength(1); // nothing was sent again
});
