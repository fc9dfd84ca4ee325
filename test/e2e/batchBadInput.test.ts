/**
 * Bad input in an accounting batch: each is one clear message naming the tenant, the batch and the voucher,
 * the batch waits in "needs attention", and nothing is posted until the operator has fixed it and retried.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { approveBatch, cancelBatch, retryBatch } from '../../client/batches';
import { ROUTES, createBatchRepo, createMappingRepo } from '../../db/repos';
import type { BadDocumentKind } from '../../sandbox/telaris';
import { DEMO_TELARIS } from '../../sandbox/telaris';
import { CLIENT_ID, useBatchStage } from './batchHarness';

const stage = useBatchStage();
const COMPANY = DEMO_TELARIS.companyNo;

async function batchWith(kind: BadDocumentKind, good = 6): Promise<string> {
  stage.telaris.admin.generateDocuments({ companyNo: COMPANY, count: good, withProjects: true });
  stage.telaris.admin.addBadDocument({ companyNo: COMPANY, kind });
  return stage.telaris.admin.closeBatch(COMPANY).id;
}

/** Waits until the batch needs attention for this reason (a retry passes through other stages first). */
async function expectAttention(batchId: string, pattern: RegExp) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const view = await stage.waitForStage(batchId, 'needs-attention');
    const said = [view.attention ?? '', ...(view.preflight?.firstProblems ?? [])].join('\n');
    if (pattern.test(said) || Date.now() > deadline) {
      expect(said).toMatch(pattern);
      return view;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

test.each<[BadDocumentKind, RegExp]>([
  ['unbalanced', /voucher \d+ \(document TD-\d+\) does not balance: entries sum to NOK 0\.10/],
  ['unknownAccount', /line 2: account 3999 does not exist in 24SevenOffice; create it there or map it: ledgerbridge mappings set acme-\w+ account 3999=<account>/],
  ['unknownVatCode', /VAT code 99 does not exist in 24SevenOffice; map it/],
  ['unknownProject', /project 99 does not exist in 24SevenOffice, so the line would lose its project/],
  ['unknownDepartment', /department 99 does not exist in 24SevenOffice, so the line would lose its department/],
  ['customerWithoutOrgNumber', /customer 9000\d has no valid organisation number in Telaris/],
  ['customerInvalidOrgNumber', /customer 9000\d has no valid organisation number in Telaris/],
  ['threeDecimals', /TD-\d+.*more than two decimals/],
])('%s: needs attention with the reason, nothing posted', async (kind, pattern) => {
  await stage.configure({ postingMode: 'direct' });
  const before = stage.ledger().size;
  const batchId = await batchWith(kind);
  await stage.exportBatch(batchId);

  const view = await expectAttention(batchId, pattern);
  expect(view.attention).toContain(stage.tenant);
  expect(view.attention).toMatch(/batch 2026-\d\d #\d|batch \d{4}-\d\d-\d/);
  expect(view.nextAction).toContain(`ledgerbridge batch retry ${stage.tenant} ${batchId}`);
  expect(stage.ledger().size).toBe(before);
  expect((await createBatchRepo(stage.db).get(stage.tenant, batchId)).stage).toBe('needs-attention');
  expect(stage.telaris.admin.batches(COMPANY).find((b) => b.id === batchId)?.status).toBe('closed');
});

test('a missing project is fixed by creating it in 24SevenOffice and mapping it; retry then posts everything', async () => {
  await stage.configure({ postingMode: 'direct' });
  const before = stage.ledger().size;
  const batchId = await batchWith('unknownProject');
  const { handle } = await stage.exportBatch(batchId);
  await expectAttention(batchId, /project 99 does not exist/);

  const id = stage.tso.admin.addProject(CLIENT_ID, { Name: 'Prosjekt 99' });
  await createMappingRepo(stage.db).set(stage.tenant, ROUTES.telarisTo24so, 'project', '99', String(id));
  await retryBatch(stage.env.client, stage.tenant, batchId);

  expect((await handle.result()).outcome).toBe('posted');
  expect(stage.ledger().size - before).toBe(7);
  const projects = stage.tso.admin.transactions(CLIENT_ID).flatMap((t) => (t.Dimensions as { Type: string; Value: string }[] | undefined) ?? [])
    .filter((d) => d.Type === 'Project').map((d) => Number(d.Value));
  expect(projects).toContain(id);
});

test('a voucher type without a mapping is reported with the command that maps it', async () => {
  await stage.configure({ postingMode: 'direct' });
  await createMappingRepo(stage.db).remove(stage.tenant, ROUTES.telarisTo24so, 'voucher-type', 'salesInvoice');
  const batchId = await stage.closeBatch(8);
  await stage.exportBatch(batchId);
  await expectAttention(batchId, /invoice journal have no voucher type; map one: ledgerbridge mappings set acme-\w+ voucher-type salesInvoice=<TypeNo>/);
});

test('a closed fiscal year is found by preflight; a closed month is refused at sending with nothing posted', async () => {
  await stage.configure({ postingMode: 'direct' });
  const before = stage.ledger().size;
  const year = new Date().getFullYear();
  stage.tso.admin.lockPeriod(CLIENT_ID, { year });
  const first = await stage.closeBatch(5);
  await stage.exportBatch(first);
  await expectAttention(first, new RegExp(`fiscal year ${year} is closed or missing in 24SevenOffice`));

  stage.tso.admin.lockPeriod(CLIENT_ID, { year }, false);
  stage.tso.admin.lockPeriod(CLIENT_ID, { period: new Date().toISOString().slice(0, 7) });
  await retryBatch(stage.env.client, stage.tenant, first);
  await expectAttention(first, /24SevenOffice refused the vouchers: .*the period \d{4}-\d\d is closed.*\(and \d+ more\); fix the cause/);
  expect(stage.ledger().size).toBe(before);
});

test('a document Telaris sends twice is staged and posted once', async () => {
  await stage.configure({ postingMode: 'direct', chunkSize: 4 });
  const before = stage.ledger().size;
  const batchId = await batchWith('repeatedDocument', 9);
  const { handle } = await stage.exportBatch(batchId);
  expect((await handle.result()).vouchers).toBe(9);
  expect(stage.ledger().size - before).toBe(9);
});

test('approving a batch whose preflight failed is refused; cancel ends it with nothing posted', async () => {
  await stage.configure({ postingMode: 'approval' });
  const before = stage.ledger().size;
  const batchId = await batchWith('unbalanced');
  const { handle } = await stage.exportBatch(batchId);
  await expectAttention(batchId, /does not balance/);

  const refused = await approveBatch(stage.env.client, stage.tenant, batchId, { by: 'kari@acme.no' }).catch((e) => e);
  expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
  expect(String(refused.cause?.message)).toMatch(/failed preflight with 1 problem\(s\); fix them and send retry before approving/);

  await cancelBatch(stage.env.client, stage.tenant, batchId, 'will be corrected in Telaris');
  await expect(handle.result()).rejects.toThrow();
  expect((await createBatchRepo(stage.db).get(stage.tenant, batchId)).stage).toBe('cancelled');
  expect(stage.ledger().size).toBe(before);
});

test('reject ends an awaiting batch with the reason; it can be exported again later', async () => {
  await stage.configure({ postingMode: 'approval' });
  const batchId = await stage.closeBatch(5);
  const { handle } = await stage.exportBatch(batchId);
  await stage.waitForStage(batchId, 'awaiting-approval');
  const { rejectBatch } = await import('../../client/batches');
  await rejectBatch(stage.env.client, stage.tenant, batchId, { by: 'kari@acme.no', reason: 'wrong period' });
  await expect(handle.result()).rejects.toThrow();
  const batch = await createBatchRepo(stage.db).get(stage.tenant, batchId);
  expect(batch.stage).toBe('rejected');
  expect(batch.attention).toBe('rejected by kari@acme.no: wrong period');

  const again = await stage.exportBatch(batchId);
  expect(again.started).toBe(true);
  await stage.waitForStage(batchId, 'awaiting-approval');
  await cancelBatch(stage.env.client, stage.tenant, batchId, 'test over');
});

test('a document Telaris repeats with different content needs attention before anything is sent', async () => {
  await stage.configure({ postingMode: 'direct' });
  const before = stage.ledger().size;
  const earlier = await stage.closeBatch(1);
  const [original] = stage.telaris.admin.batchDocuments(COMPANY, earlier);
  stage.telaris.admin.generateDocuments({ companyNo: COMPANY, count: 3, withProjects: false });
  stage.telaris.admin.addDocument({ companyNo: COMPANY, document: original! });
  stage.telaris.admin.addDocument({ companyNo: COMPANY, document: { ...original!, description: `${original!.description} (changed)` } });
  const batchId = stage.telaris.admin.closeBatch(COMPANY).id;
  await stage.exportBatch(batchId);

  await expectAttention(batchId, new RegExp(`Telaris sent document ${original!.id} twice with different content`));
  expect(stage.ledger().size).toBe(before);
});
