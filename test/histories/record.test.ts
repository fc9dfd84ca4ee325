/**
 * Records the batch export at the points where a batch may wait for days, from the release checked out now.
 * The replay test (test/replay) replays them against every later change of workflow code, so a deploy cannot
 * break a batch that waits in the journal, for an approval or in needs attention. Runs only when asked:
 * RECORD_HISTORIES=1 npx jest test/histories/record.test.ts (see README.md next to this file).
 */
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { retryBatch } from '../../client/batches';
import { ROUTES, createMappingRepo } from '../../db/repos';
import { approve } from '../../workflows/batchExport';
import { useBatchStage, useBatchStageContinuingAsNewAfter } from '../e2e/batchHarness';
import { useInvoiceStage } from '../e2e/invoiceHarness';
import { invoiceWorkflowId, retryTransfer } from '../../client/invoices';
import { usePostingStage } from '../e2e/supplierPostingHarness';
import { retryMatchingRun } from '../../client/matching';
import { supplierInvoiceWorkflowId } from '../../client/supplierPostings';
import { bundleWorkflows } from '../harness/temporal';
import { useSettlementStage } from '../e2e/settlementHarness';
import { retrySettlement, settlementWorkflowId } from '../../client/settlements';
import { completed, continuedAsNew, keepHistory, releaseUnderRecording, scheduled, signals, timersFired, waitForHistory, waiting } from './recording';

const recording = process.env.RECORD_HISTORIES === '1';
const describeWhenRecording = recording ? describe : describe.skip;

/** Small batches in two or more chunks: the histories stay small and still show a chunked send. */
const DOCUMENTS = 6;
const CHUNK_SIZE = 4;

let release: string;
let bundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  if (!recording) return;
  release = releaseUnderRecording();
  bundle = await bundleWorkflows();
});

describeWhenRecording('on the run\'s dev server', () => {
  const stage = useBatchStage();

  test('a journal batch that sent its vouchers and waits for the accountant, reminded once', async () => {
    await stage.configure({ postingMode: 'journal', chunkSize: CHUNK_SIZE });
    const before = stage.ledger().size;
    const batchId = await stage.closeBatch(DOCUMENTS);
    const { handle } = await stage.exportBatch(batchId, { pollEvery: '300 ms', remindEvery: '1 second' });
    expect((await stage.waitForStage(batchId, 'in-journal')).chunks.total).toBeGreaterThanOrEqual(2);

    const history = await waitForHistory(handle, (e) => completed(e, 'remindJournal') >= 1 && timersFired(e) >= 1 && waiting(e), 'reminded once, a poll timer fired');
    expect(stage.ledger().size).toBe(before);
    await keepHistory(release, 'in-journal', history, bundle);
    await handle.terminate('history recorded');
  });

  test('an approval batch waiting for approval, after an approve from the UI that named nobody', async () => {
    await stage.configure({ postingMode: 'approval', chunkSize: CHUNK_SIZE });
    const batchId = await stage.closeBatch(DOCUMENTS);
    const { handle } = await stage.exportBatch(batchId);
    await stage.waitForStage(batchId, 'awaiting-approval');
    await handle.signal(approve, { by: '' });

    const history = await waitForHistory(handle, (e) => signals(e, 'approve') === 1 && waiting(e), 'the refused approve handled');
    expect((await stage.waitForStage(batchId, 'awaiting-approval')).refusals).toHaveLength(1);
    await keepHistory(release, 'awaiting-approval', history, bundle);
    await handle.terminate('history recorded');
  });

  test('a batch in needs attention for an unmapped voucher type, retried once before the mapping was made', async () => {
    await stage.configure({ postingMode: 'direct', chunkSize: CHUNK_SIZE });
    await createMappingRepo(stage.db).remove(stage.tenant, ROUTES.telarisTo24so, 'voucher-type', 'salesInvoice');
    const batchId = await stage.closeBatch(DOCUMENTS);
    const { handle } = await stage.exportBatch(batchId);
    await stage.waitForStage(batchId, 'needs-attention');
    await retryBatch(stage.env.client, stage.tenant, batchId);

    const history = await waitForHistory(handle, (e) => scheduled(e, 'preflightBatch') === 2 && waiting(e), 'needs attention again after the retry');
    expect((await stage.waitForStage(batchId, 'needs-attention')).attention).toMatch(/voucher type/);
    await keepHistory(release, 'needs-attention', history, bundle);
    await handle.terminate('history recorded');
  });
});

describeWhenRecording('an invoice transfer, on the run\'s dev server', () => {
  const stage = useInvoiceStage();

  test('an invoice in needs attention for a sales account Talenom does not know, retried once before the mapping was made', async () => {
    await stage.useSalesAccounts();
    const [guid] = stage.waitingGuids();
    const runId = await stage.startRun();
    await stage.waitForStage(guid!, 'needs-attention');
    await retryTransfer(stage.env.client, stage.tenant, { invoiceGuid: guid });

    const handle = stage.env.client.workflow.getHandle(invoiceWorkflowId(stage.tenant, guid!));
    const history = await waitForHistory(handle, (e) => scheduled(e, 'prepareInvoice') === 2 && waiting(e), 'needs attention again after the retry');
    expect((await stage.waitForStage(guid!, 'needs-attention')).attention).toMatch(/sales account/);
    await keepHistory(release, 'invoice-needs-attention', history, bundle);
    await handle.terminate('history recorded');
    await stage.env.client.workflow.getHandle(runId).terminate('history recorded').catch(() => undefined);
  });
});

describeWhenRecording('a supplier invoice of post mode, on the run\'s dev server', () => {
  const stage = usePostingStage();

  test('a CostTracker invoice in needs attention for an account 24SevenOffice lacks, retried once before the mapping was made', async () => {
    stage.clearApproved();
    const id = stage.addInvoice({ invoiceNumber: 'H-1', supplier: '20002', date: '2026-11-10', dueDate: '2026-11-24', lines: [{ account: 6540, amount: '800.00', vatCode: '1', vatAmount: '200.00' }] });
    const runId = await stage.startRun();
    await stage.waitForStage(id, 'needs-attention');
    const handle = stage.env.client.workflow.getHandle(supplierInvoiceWorkflowId(stage.tenant, id));
    await retryMatchingRun(stage.env.client, handle.workflowId);

    const history = await waitForHistory(handle, (e) => scheduled(e, 'preparePosting') === 2 && waiting(e), 'needs attention again after the retry');
    expect((await stage.waitForStage(id, 'needs-attention')).attention).toMatch(/account 6540/);
    await keepHistory(release, 'supplier-invoice-needs-attention', history, bundle);
    await handle.terminate('history recorded');
    await stage.env.client.workflow.getHandle(runId).terminate('history recorded').catch(() => undefined);
  });
});

describeWhenRecording('a DUELL settlement, on the run\'s dev server', () => {
  const stage = useSettlementStage();

  test('a Z-report in needs attention for an account 24SevenOffice lacks, retried once before the mapping was made', async () => {
    // Z 3 of the demo's OSL sells in article group 30, whose DUELL account 3001 the company lacks.
    const runId = await stage.startRun();
    await stage.waitForStage('OSL', 3, 'needs-attention');
    const handle = stage.env.client.workflow.getHandle(settlementWorkflowId(stage.tenant, 'OSL', 3));
    await retrySettlement(stage.env.client, handle.workflowId);

    const history = await waitForHistory(handle, (e) => scheduled(e, 'prepareSettlement') === 2 && waiting(e), 'needs attention again after the retry');
    expect((await stage.waitForStage('OSL', 3, 'needs-attention')).attention).toMatch(/account 3001/);
    await keepHistory(release, 'settlement-needs-attention', history, bundle);
    await handle.terminate('history recorded');
    await stage.env.client.workflow.getHandle(runId).terminate('history recorded').catch(() => undefined);
  });
});

describeWhenRecording('on a server that suggests continue-as-new after 40 events', () => {
  const stage = useBatchStageContinuingAsNewAfter(40);

  test('a journal wait resumed by continue-as-new, until it continued as new again', async () => {
    await stage.configure({ postingMode: 'journal', chunkSize: CHUNK_SIZE });
    const batchId = await stage.closeBatch(DOCUMENTS);
    const { handle } = await stage.exportBatch(batchId, { pollEvery: '200 ms', remindEvery: '1 second' });
    const firstRunId = (await handle.describe()).runId; // the first run stages and sends for seconds before it continues
    const runOf = (runId: string) => stage.env.client.workflow.getHandle(handle.workflowId, runId);

    const first = await waitForHistory(runOf(firstRunId), (e) => continuedAsNew(e) !== undefined, 'the first run continued as new');
    const resumedRunId = continuedAsNew(first.events!)!.newExecutionRunId!;
    const resumed = await waitForHistory(runOf(resumedRunId), (e) => continuedAsNew(e) !== undefined, 'the resumed run continued as new');
    expect(timersFired(resumed.events!)).toBeGreaterThanOrEqual(1);
    await keepHistory(release, 'journal-continued-as-new', resumed, bundle);
    await handle.terminate('history recorded');
  });
});
