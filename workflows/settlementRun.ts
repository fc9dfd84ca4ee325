/**
 * A settlement run of one tenant (the `duell` schedule, or `ledgerbridge settlements run`): for each department
 * whose Z-report transfer is on, read the Z-reports after the last one posted and post each in a child workflow of
 * its own (`<tenant>/settlement/<department>/<Z number>`), in number order. Departments go side by side; within
 * one, a report that waits for a person (or a gap in the series) holds the reports after it, since the days must
 * reach the books in order. One department's problem never holds back the others: a child that needs a person
 * tells the run, which goes on and leaves it waiting (children outlive the run); the next run finds it still in
 * progress and does not start it twice. The run returns counts only.
 */
import { defineQuery, log, proxyActivities, setCurrentDetails, setHandler, startChild, workflowInfo, type ActivityOptions } from '@temporalio/workflow';
import type { RunSummary, SettlementActivities } from '../activities/settlement';
import { SETTLEMENT_FLOW, settlementWorkflowId } from '../domain/settlement/flow';
import { Attention, type AttentionView } from './attention';
import { DOCUMENT_CHILD, documentChild, type ChildEnd } from './documentChild';
import { startMetadata } from './startMetadata';
import { settlement, settlementNeedsAttention, type SettlementOutcome } from './settlement';
import { stepsWith } from './step';

export { retry, cancel, retryUpdate, cancelUpdate } from './attention';

export interface SettlementRunInput {
  tenant: string;
  /** One department only (`--department`); default every department whose Z-report transfer is on. */
  departmentId?: string;
  /** Overrides the departments' `fromDate` for this run (`--from`). */
  fromDate?: string;
}

export interface SettlementRunView extends AttentionView {
  summary: RunSummary;
}

export const settlementRunStatus = defineQuery<SettlementRunView>('status');

const OPTIONS: ActivityOptions = {
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 15 },
};
const act = proxyActivities<SettlementActivities>(OPTIONS);
// The master-data and invoice-basis transfers report no progress while they work: no heartbeat timeout.
const SYNC_OPTIONS: ActivityOptions = { ...OPTIONS, heartbeatTimeout: undefined, startToCloseTimeout: '30 minutes' };
const sync = proxyActivities<SettlementActivities>(SYNC_OPTIONS);
const syncStep = stepsWith(SYNC_OPTIONS);
const step = stepsWith(OPTIONS);

export async function settlementRun(input: SettlementRunInput): Promise<RunSummary> {
  const ref = { tenant: input.tenant, workflowId: workflowInfo().workflowId };
  const summary: RunSummary = { departments: 0, read: 0, posted: 0, alreadyPosted: 0, skipped: 0, stillRunning: 0, needsAttention: 0, failed: 0, held: 0, more: false };
  // For the details only: the history carries counts (the export log and `settlements` commands name the reports).
  const waitingForPerson = new Set<string>();
  const departmentProblems: string[] = [];
  const attention: Attention = new Attention({
    subject: `settlement run of ${input.tenant}`,
    logContext: { tenant: input.tenant, run: ref.workflowId },
    commands: { retry: `ledgerbridge settlements retry ${input.tenant} ${ref.workflowId}`, cancel: `ledgerbridge settlements cancel ${input.tenant} ${ref.workflowId}` },
    // The run has no row of its own: its stage is in the search attributes and its summary in the export log.
    record: async () => undefined,
    details: () => details(),
  });
  const details = (): string => [
    `**Daily settlement** of tenant **${input.tenant}** · DUELL → 24SevenOffice · stage **${attention.stage}**`,
    `${summary.departments} department(s) · ${summary.read} Z-report(s) to post · ${summary.posted} posted · ${summary.alreadyPosted} posted before · ` +
      `${summary.skipped} skipped · ${summary.needsAttention} need attention · ${summary.held} held · ${summary.stillRunning} still in progress · ${summary.failed} failed`,
    summary.customers !== undefined ? `${summary.customers} customer(s) · ${summary.goods ?? 0} product(s) · ${summary.stock ?? 0} stock · ` +
      `${summary.invoices ?? 0} invoice basis(es) sent · ${summary.invoicesFailed ?? 0} failed` : '',
    attention.detailsMarkdown(),
    waitingForPerson.size ? `\nNeed attention: ${[...waitingForPerson].join(', ')} (\`ledgerbridge log ${input.tenant} --flow ${SETTLEMENT_FLOW}\`)` : '',
    departmentProblems.length ? `\nWaiting: ${departmentProblems.join('; ')}` : '',
  ].filter(Boolean).join('\n\n'); // a paragraph each: Markdown runs single lines together
  attention.registerHandlers();
  setHandler(settlementRunStatus, () => ({ ...attention.view(), summary }));
  setHandler(settlementNeedsAttention, ({ departmentId, zNumber }) => {
    waitingForPerson.add(`${departmentId} Z ${zNumber}`);
    setCurrentDetails(details());
  });

  await attention.enter('listing');
  const { departments, syncing = [] } = await attention.attended(() => step(act.settlementDepartments, 'List the departments to settle', { ...ref, departmentId: input.departmentId }));
  summary.departments = departments.length;

  // Customers and goods first (an invoice basis needs its customer), one department at a time: departments of one
  // company share the cursors, and side by side they could create the same customer twice.
  if (syncing.length > 0) await attention.enter('syncing');
  for (const department of syncing) {
    const deptRef = { ...ref, department };
    const customers = await attention.attended(() => syncStep(sync.syncDuellCustomers, `Customers of department ${department} to their non-master side`, deptRef));
    const goods = await attention.attended(() => syncStep(sync.syncDuellGoods, `Goods (and stock) of department ${department} to their non-master side`, deptRef));
    const invoices = await attention.attended(() => syncStep(sync.transferInvoiceBases, `Invoice bases of department ${department} to 24SevenOffice orders`, deptRef));
    summary.customers = (summary.customers ?? 0) + customers.written;
    summary.goods = (summary.goods ?? 0) + goods.written;
    summary.stock = (summary.stock ?? 0) + goods.stock;
    summary.invoices = (summary.invoices ?? 0) + invoices.sent;
    summary.invoicesFailed = (summary.invoicesFailed ?? 0) + invoices.failed;
    setCurrentDetails(details());
  }

  await attention.enter('posting');
  await Promise.all(departments.map((departmentId) => settleDepartment(departmentId)));

  const record = () => step(act.recordSettlementRunSummary, 'Record the run in the export log', { ...ref, summary });
  // Recorded also when the run was cancelled midway (attended() runs nothing then): what it posted is logged.
  const message = attention.cancelRequested !== undefined ? await record() : await attention.attended(record);
  attention.throwIfCancelled();
  attention.end(summary.needsAttention + summary.failed + summary.held > 0 ? 'done-with-problems' : 'done');
  log.info(message, { tenant: input.tenant });
  return summary;

  /** One department's reports, in number order: the first that does not go through holds the rest. */
  async function settleDepartment(departmentId: string): Promise<void> {
    const reports = await attention.attended(() => step(act.readDepartmentReports, `Read the Z-reports of department ${departmentId} from DUELL`,
      { ...ref, departmentId, fromDate: input.fromDate }));
    summary.read += reports.post.length;
    summary.held += reports.held.length;
    summary.more ||= reports.more;
    departmentProblems.push(...reports.problems);
    setCurrentDetails(details());
    for (const [i, z] of reports.post.entries()) {
      if (attention.cancelRequested !== undefined) return; // cancelled: no further report is started
      const key = `${departmentId} Z ${z.zNumber}`;
      const outcome = await settleOne(input.tenant, departmentId, z, ref.workflowId, () => waitingForPerson.has(key));
      if (outcome === 'needs-attention') summary.needsAttention++;
      else if (outcome === 'still-running') summary.stillRunning++;
      else if (outcome === 'failed') summary.failed++;
      else if (outcome.outcome === 'posted') summary.posted++;
      else if (outcome.outcome === 'already-posted') summary.alreadyPosted++;
      else summary.skipped++;
      if (typeof outcome === 'string') {
        summary.held += reports.post.length - i - 1;
        setCurrentDetails(details());
        return;
      }
      setCurrentDetails(details());
    }
  }
}

/** One Z-report's child (workflows/documentChild.ts). */
function settleOne(tenant: string, departmentId: string, z: { zNumber: number; date: string }, runWorkflowId: string, needsPerson: () => boolean): Promise<ChildEnd<SettlementOutcome>> {
  return documentChild(() => startChild(settlement, {
    ...DOCUMENT_CHILD,
    workflowId: settlementWorkflowId(tenant, departmentId, z.zNumber),
    args: [{ tenant, departmentId, zNumber: z.zNumber, date: z.date, runWorkflowId }],
    ...startMetadata({
      tenant, flow: SETTLEMENT_FLOW, businessKey: `${departmentId}/z/${z.zNumber}`, stage: 'preparing',
      summary: `Z ${z.zNumber} of department ${departmentId} (${z.date}) · DUELL → 24SevenOffice`,
      title: `Daily settlement of Z ${z.zNumber}`, route: 'DUELL → 24SevenOffice',
      facts: { department: departmentId, 'Z-report': z.zNumber, date: z.date, run: runWorkflowId },
      inspect: `ledgerbridge settlements show ${tenant} ${departmentId} ${z.zNumber}`,
    }),
  }), needsPerson);
}
