/**
 * An operator runs accounting batches from the `ledgerbridge` CLI: mappings and settings, close, list, export
 * with a progress bar, a preflight problem fixed by a mapping and a retry, approval, a re-export, a chunk being
 * retried, and the refusals (a second export, a second approval, an unknown batch, an empty close). Each test
 * has a tenant of its own, so any one of them runs alone (`-t`); the binary runs against a real worker and
 * both sandboxes.
 */
import { DEMO_TELARIS } from '../../sandbox/telaris';
import { SECRETS, useCliStage, VOUCHER_TYPES } from './cliStage';

jest.setTimeout(120_000);

const stage = useCliStage();
const cli = (...args: string[]) => stage.cli(args);

/** Documents into Telaris' open batch, as the ERP's users make them during the month. */
const bookDocuments = (count: number) => stage.telaris.admin.generateDocuments({ companyNo: DEMO_TELARIS.companyNo, count, withProjects: true });

async function closeBatch(tenant: string, documents: number): Promise<string> {
  bookDocuments(documents);
  const closed = await cli('batch', 'close', tenant, '--json');
  expect(closed.code).toBe(0);
  return JSON.parse(closed.stdout).id;
}

async function untilStage(tenant: string, batchId: string, stage: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 60; i++) {
    const shown = JSON.parse((await cli('batch', 'show', tenant, batchId, '--json')).stdout);
    if ((shown.live?.stage ?? shown.stored?.stage) === stage) return shown;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`batch ${batchId} never reached ${stage}`);
}

test('mappings are set and listed in the syntax preflight messages print; bad kinds, targets and settings are refused by name', async () => {
  const tenant = await stage.aTenant({ voucherTypes: {} });
  const set = await cli('mappings', 'set', tenant, 'voucher-type', 'cost=3', 'payment=4', 'cashSettlement=6');
  expect(set.code).toBe(0);
  const listed = await cli('mappings', 'list', tenant, '--kind', 'voucher-type', '--json');
  const route = 'telaris→24sevenoffice';
  expect(JSON.parse(listed.stdout)).toEqual([
    { route, kind: 'voucher-type', source: 'cashSettlement', target: '6', origin: 'operator' },
    { route, kind: 'voucher-type', source: 'cost', target: '3', origin: 'operator' },
    { route, kind: 'voucher-type', source: 'payment', target: '4', origin: 'operator' },
  ]);
  // DUELL's mappings are its own: the same kind and source under another route is apart from Telaris'.
  expect((await cli('mappings', 'set', tenant, 'account', '3010=3000', '--source', 'duell')).code).toBe(0);
  expect(JSON.parse((await cli('mappings', 'list', tenant, '--kind', 'account', '--json')).stdout)).toEqual([]);
  expect(JSON.parse((await cli('mappings', 'list', tenant, '--kind', 'account', '--source', 'duell', '--json')).stdout))
    .toEqual([{ route: 'duell→24sevenoffice', kind: 'account', source: '3010', target: '3000', origin: 'operator' }]);

  const badKind = await cli('mappings', 'set', tenant, 'voucher-typ', 'cost=3');
  expect(badKind.code).toBe(2);
  expect(badKind.stderr).toContain('"voucher-typ" is not a mapping kind');
  const badTarget = await cli('mappings', 'set', tenant, 'voucher-type', 'invoice=1', 'cost=three');
  expect(badTarget.code).toBe(2);
  expect(badTarget.stderr).toMatch(/voucher-type invoice: the source must be one of salesInvoice, payment, cost, cashSettlement; .*cost=three: the target must be a whole number/);

  const badSettings = await cli('tenants', 'settings', tenant, 'batch={"postingMode":"later","chunkSize":0}');
  expect(badSettings.code).toBe(2);
  expect(badSettings.stderr).toContain(`tenant ${tenant}: batch settings are not valid: batch.postingMode:`);
  expect(badSettings.stderr).toContain('batch.chunkSize:');
  const settings = await cli('tenants', 'settings', tenant, 'batch={"postingMode":"direct","chunkSize":15}', 'note="month-end team"');
  expect(settings.code).toBe(0);
  expect(settings.stdout).toContain('batch in effect: {"postingMode":"direct","chunkSize":15,"sendConcurrency":2,"pollEvery":"5 minutes","pollAtMost":"1 hour","pollRequestsPerHour":144');
  expect(JSON.parse((await cli('tenants', 'show', tenant, '--json')).stdout).settings).toEqual({ batch: { postingMode: 'direct', chunkSize: 15 }, note: 'month-end team' });
});

test('a batch with an unmapped voucher type needs attention, shows the problem once with its count, and posts after mappings set and retry', async () => {
  const { salesInvoice: _unmapped, ...others } = VOUCHER_TYPES;
  const tenant = await stage.aTenant({ batch: { postingMode: 'direct', chunkSize: 15 }, voucherTypes: others });
  const batchId = await closeBatch(tenant, 30);
  const invoices = stage.telaris.admin.documentTypes(DEMO_TELARIS.companyNo, batchId).salesInvoice;
  expect(invoices).toBeGreaterThan(10); // more than the workflow's first few problems

  const waited = await cli('batch', 'export', tenant, batchId, '--wait');
  expect(waited.code).toBe(1);
  expect(waited.stdout).toContain(`next: fix what is listed, then: ledgerbridge batch retry ${tenant} ${batchId}`);

  const shown = await cli('batch', 'show', tenant, batchId);
  expect(shown.code).toBe(1);
  expect(shown.stdout).toContain(`${invoices} problem(s), 1 distinct`);
  // One row for the one fix, with how many vouchers it concerns; --json keeps every voucher's problem.
  expect(shown.stdout.match(/^VoucherTypeNotMapped /gm)).toHaveLength(1);
  expect(shown.stdout).toMatch(new RegExp(`^VoucherTypeNotMapped\\s+${invoices}\\s+tenant ${tenant}, batch \\S+ #\\d+: ${invoices} vouchers \\(documents \\S+, \\S+, \\S+ and ${invoices - 3} more\\): ` +
    `invoice journal have no voucher type; map one: ledgerbridge mappings set ${tenant} voucher-type salesInvoice=<TypeNo>$`, 'm'));
  const json = JSON.parse((await cli('batch', 'show', tenant, batchId, '--json')).stdout);
  expect(json.stored.preflight.problems).toHaveLength(invoices);
  // The workflow's details (the Temporal UI) carry the same grouped line.
  expect(json.live.preflight.firstProblems).toEqual([expect.stringContaining(`${invoices} vouchers (documents `)]);

  const mapped = await cli('mappings', 'set', tenant, 'voucher-type', 'salesInvoice=1');
  expect(mapped.stdout).toContain(`next: ledgerbridge batch retry ${tenant} ${batchId}`);
  const retried = await cli('batch', 'retry', tenant, batchId);
  expect(retried.code).toBe(0);
  expect(retried.stdout).toContain('retrying the step that needed attention');
  const posted = await untilStage(tenant, batchId, 'posted');
  expect(posted.stored).toEqual(expect.objectContaining({ voucherCount: 30, preflight: expect.objectContaining({ ok: true }) }));
  expect(posted.sent).toEqual(expect.objectContaining({ posted: 30, total: 30 }));
});

test('close → list shows it closed → export --wait posts it → list shows it posted → a second export is refused', async () => {
  const tenant = await stage.aTenant({ batch: { postingMode: 'direct', chunkSize: 15 } });
  const batchId = await closeBatch(tenant, 12);
  const listed = JSON.parse((await cli('batch', 'list', tenant, '--json')).stdout);
  expect(listed.find((b: { batchId?: string }) => b.batchId === batchId)).toEqual(expect.objectContaining({
    state: 'closed', documents: 12, next: `ledgerbridge batch export ${tenant} ${batchId}`,
  }));
  expect(listed[0]).toEqual(expect.objectContaining({ state: 'open', documents: 0 }));

  const exported = await cli('batch', 'export', tenant, batchId, '--wait');
  expect(exported.code).toBe(0);
  expect(exported.stdout).toContain('12 vouchers posted in 24SevenOffice and reconciled');
  expect(exported.stderr).toMatch(/^\[#{24}\] \d{4}-\d\d #\d+ · posted · 12 vouchers$/m); // the progress bar's last line
  const table = (await cli('batch', 'list', tenant)).stdout;
  expect(table).toMatch(new RegExp(`^${batchId}\\s+\\S+ #\\d+\\s+posted\\s+12`, 'm'));
  const shown = (await cli('batch', 'show', tenant, batchId)).stdout;
  expect(shown).toMatch(/^vouchers\s+12 in 1 chunk\(s\) of up to 15$/m);
  expect(shown).toMatch(/^sent\s+12 of 12 \(12 posted\)$/m);

  const again = await cli('batch', 'export', tenant, batchId);
  expect(again.code).toBe(5);
  expect(again.stderr).toMatch(new RegExp(`already exported at \\S+ \\(workflow ${tenant}/batch/${batchId}\\)`));

  const log = await cli('log', tenant, '--flow', 'batch', '--source', batchId, '--json');
  expect(JSON.parse(log.stdout)[0]).toEqual(expect.objectContaining({ outcome: 'ok', message: expect.stringContaining('12 vouchers posted') }));
});

test('approval mode: export waits for an approval; approve answers at once; a second approval and unknown batches are refused', async () => {
  const tenant = await stage.aTenant({ batch: { postingMode: 'approval' } });
  const batchId = await closeBatch(tenant, 8);
  const waiting = await cli('batch', 'export', tenant, batchId, '--wait');
  expect(waiting.code).toBe(0);
  expect(waiting.stdout).toContain(`next: ledgerbridge batch approve ${tenant} ${batchId} --by <your name>`);
  const second = await cli('batch', 'export', tenant, batchId);
  expect(second.code).toBe(5); // as README says: a second export is refused, also while the first runs
  expect(second.stderr).toContain(`is already being exported (workflow ${tenant}/batch/${batchId}); nothing new started. Follow it: ledgerbridge batch export ${tenant} ${batchId} --wait`);
  const joined = await cli('batch', 'export', tenant, batchId, '--wait');
  expect(joined.code).toBe(0); // joins the running export: still waiting for the approval
  expect(joined.stderr).toContain('is already being exported');
  expect(joined.stdout).toContain(`next: ledgerbridge batch approve ${tenant} ${batchId} --by <your name>`);

  expect((await cli('batch', 'approve', tenant, batchId)).code).toBe(2); // who approves?
  const approved = await cli('batch', 'approve', tenant, batchId, '--by', 'kari@acme.no', '--json');
  expect(approved.code).toBe(0);
  expect(JSON.parse(approved.stdout)).toEqual(expect.objectContaining({ approvedBy: 'kari@acme.no' }));

  const twice = await cli('batch', 'approve', tenant, batchId, '--by', 'ola@acme.no');
  expect(twice.code).toBe(5);
  expect(twice.stderr).toMatch(/already approved by kari@acme.no|no longer running/);
  const posted = await untilStage(tenant, batchId, 'posted');
  expect(posted.stored).toEqual(expect.objectContaining({ approvedBy: 'kari@acme.no' }));

  const unknown = await cli('batch', 'reject', tenant, '2020-01-9', '--by', 'kari', '--reason', 'wrong month');
  expect(unknown.code).toBe(4);
  expect(unknown.stderr).toContain(`tenant ${tenant} has no export of batch 2020-01-9`);
  expect((await cli('batch', 'approve', tenant, 'last-one', '--by', 'kari')).code).toBe(2);
});

test('after a rejection and a chunk-size change, batch show prints the chunk size the new export runs with', async () => {
  const tenant = await stage.aTenant({ batch: { postingMode: 'approval', chunkSize: 5 } });
  const batchId = await closeBatch(tenant, 12);
  expect((await cli('batch', 'export', tenant, batchId, '--wait')).code).toBe(0); // waits for an approval
  expect((await cli('batch', 'show', tenant, batchId)).stdout).toMatch(/^vouchers\s+12 in 3 chunk\(s\) of up to 5$/m);
  expect((await cli('batch', 'reject', tenant, batchId, '--by', 'kari', '--reason', 'chunks too small')).code).toBe(0);
  await untilStage(tenant, batchId, 'rejected');

  expect((await cli('tenants', 'settings', tenant, 'batch={"postingMode":"approval","chunkSize":4}')).code).toBe(0);
  expect((await cli('batch', 'export', tenant, batchId, '--wait')).code).toBe(0);
  const shown = await cli('batch', 'show', tenant, batchId);
  expect(shown.stdout).toMatch(/^vouchers\s+12 in 3 chunk\(s\) of up to 4$/m);
  expect(JSON.parse((await cli('batch', 'show', tenant, batchId, '--json')).stdout).chunkSize).toBe(4);
  expect((await cli('batch', 'cancel', tenant, batchId)).code).toBe(0);
});

test('while a chunk is retried after HTTP 500s, batch show names the attempt and the last failure', async () => {
  const tenant = await stage.aTenant();
  const batchId = await closeBatch(tenant, 5);
  // Failing until the test has seen it: each `batch show` is a subprocess of a few seconds.
  stage.tso.admin.setFault({ operation: 'SaveBundleList', kind: 'http500', times: 1000 });
  let shown = '';
  try {
    expect((await cli('batch', 'export', tenant, batchId)).code).toBe(0);
    for (let i = 0; i < 30 && !/^retrying:/m.test(shown); i++) shown = (await cli('batch', 'show', tenant, batchId)).stdout;
  } finally {
    stage.tso.admin.clearFaults();
  }
  const retrying = shown.match(/^retrying: sendChunk, attempt (\d+) of 20; last failure: (.+?)(?:; next attempt at \S+)?$/m);
  expect(retrying).not.toBeNull();
  expect(Number(retrying![1])).toBeGreaterThan(1);
  expect(retrying![2]).toMatch(/500/);
  await untilStage(tenant, batchId, 'posted');
}, 300_000);

test('batch close refuses an open batch without documents, unless --allow-empty', async () => {
  const tenant = await stage.aTenant();
  if (stage.telaris.admin.state().companies[0]!.open.documentCount > 0) stage.telaris.admin.closeBatch(DEMO_TELARIS.companyNo);
  const before = stage.telaris.admin.batches(DEMO_TELARIS.companyNo).length;

  const refused = await cli('batch', 'close', tenant);
  expect(refused.code).toBe(5);
  expect(refused.stderr).toContain(`tenant ${tenant}: the open Telaris batch has no documents, nothing to close`);
  expect(refused.stderr).toContain(`ledgerbridge batch close ${tenant} --allow-empty`);
  expect(stage.telaris.admin.batches(DEMO_TELARIS.companyNo)).toHaveLength(before);

  const allowed = await cli('batch', 'close', tenant, '--allow-empty', '--json');
  expect(allowed.code).toBe(0);
  expect(JSON.parse(allowed.stdout)).toEqual(expect.objectContaining({ documentCount: 0 }));
  expect(stage.telaris.admin.batches(DEMO_TELARIS.companyNo)).toHaveLength(before + 1);
});

test('no CLI output ever carries a secret', async () => {
  // Its own commands, so that it proves something when run alone too.
  const tenant = await stage.aTenant();
  await cli('tenants', 'show', tenant, '--json');
  await cli('connections', 'test', tenant, '24so');
  await cli('batch', 'list', tenant);
  expect(stage.outputs.length).toBeGreaterThanOrEqual(3);
  for (const { stdout, stderr } of stage.outputs) for (const secret of SECRETS) expect(stdout + stderr).not.toContain(secret);
});
