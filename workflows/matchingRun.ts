/**
 * A purchase-order matching run of one tenant, 24SevenOffice ↔ CostTracker (`<tenant>/matching/<time>` by hand,
 * `<tenant>/matching-<time>` on the schedule). Fetch mode reads as the process:
 *
 *   resolve → master data → transactions (window by window, then the cursor) → orders → match → push → summary
 *
 * Post mode hands over to the posting run (`supplierInvoicePostingRun`) as a child. What rides in the history is
 * counts and window bounds: transactions, POs and results stay in the database. A step that needs a person
 * (CostTracker refuses the token, the filter names an unknown project) waits for `matching retry` or `cancel`.
 */
import { ParentClosePolicy, defineQuery, executeChild, log, proxyActivities, setCurrentDetails, setHandler, workflowInfo, type ActivityOptions } from '@temporalio/workflow';
import type { LedgerWindow, MasterDataCounts, MatchCounts, MatchingActivities, MatchingSummary } from '../activities/matching';
import { POSTING_FLOW } from '../domain/matching/posting';
import { Attention, type AttentionView } from './attention';
import { startMetadata } from './startMetadata';
import { stepsWith } from './step';

export { retry, cancel, retryUpdate, cancelUpdate } from './attention';

export type MatchingScope = 'all' | 'suppliers' | 'transactions';

export interface MatchingRunInput {
  tenant: string;
  /** `suppliers`: master data only; `transactions`: the ledger, the POs and the matching, without master data. Default all. */
  scope?: MatchingScope;
}

export interface MatchingProgress extends AttentionView {
  windows: { done: number; total: number };
  summary: MatchingSummary;
}

export const matchingProgress = defineQuery<MatchingProgress>('progress');

/** The posting run's workflow type (post mode), started by name. */
export const POSTING_RUN = 'supplierInvoicePostingRun';

const OPTIONS: ActivityOptions = {
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '5 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 10 },
};
const act = proxyActivities<MatchingActivities>(OPTIONS);
/** Ledger windows one activity reads with its connections opened once: a month of three-day windows, few activities a year. */
const WINDOWS_PER_ACTIVITY = 10;
const windowLabel = (w: LedgerWindow) => (w.kind === 'entry-date' ? `entry dates ${w.from} – ${w.to}` : `changed ${w.since} – ${w.until}`);
const step = stepsWith(OPTIONS);

export async function matchingRun(input: MatchingRunInput): Promise<MatchingSummary> {
  const { tenant } = input;
  const scope = input.scope ?? 'all';
  const ref = { tenant, workflowId: workflowInfo().workflowId };
  const summary: MatchingSummary = { scope, lines: 0, transactions: { added: 0, changed: 0, pushed: 0, withoutSupplier: 0 }, orderWarnings: [] };
  const windows = { done: 0, total: 0 };
  const attention: Attention = new Attention({
    subject: `matching run of ${tenant}`,
    logContext: { tenant, run: ref.workflowId },
    commands: { retry: `ledgerbridge matching retry ${tenant} ${ref.workflowId}`, cancel: `ledgerbridge matching cancel ${tenant} ${ref.workflowId}` },
    // The run keeps no row of its own: the stage is in the search attributes, the outcome in the export log.
    record: async () => undefined,
    details: () => details(),
  });
  const details = (): string => [
    `**Purchase-order matching** of tenant **${tenant}** · 24SevenOffice ↔ CostTracker · ${scope} · stage **${attention.stage}**`,
    windows.total ? `ledger windows ${windows.done}/${windows.total} · ${summary.lines} lines · ${summary.transactions.added} new, ${summary.transactions.changed} changed` : '',
    summary.matched ? `${summary.matched['auto-matched']} auto-matched · ${summary.matched.ambiguous} ambiguous · ${summary.matched.unmatched} unmatched` : '',
    attention.detailsMarkdown(),
  ].filter(Boolean).join('\n\n'); // a paragraph each: Markdown runs single lines together
  attention.registerHandlers();
  setHandler(matchingProgress, () => ({ ...attention.view(), windows: { ...windows }, summary }));

  await attention.enter('resolving');
  const setup = await attention.attended(() => step(act.resolveMatching, 'Resolve the settings and connections; log in to CostTracker', ref));
  if (setup.mode === 'post') {
    await attention.enter('posting');
    await executeChild(POSTING_RUN, {
      workflowId: `${ref.workflowId}/posting`,
      args: [{ tenant }],
      parentClosePolicy: ParentClosePolicy.TERMINATE,
      ...startMetadata({
        tenant, flow: POSTING_FLOW, stage: 'listing',
        summary: `Supplier invoices CostTracker → 24SevenOffice · ${tenant}`,
        title: 'Supplier invoice posting run', route: 'CostTracker → 24SevenOffice',
        facts: { 'started by': ref.workflowId },
      }),
    });
    attention.end('done');
    return summary;
  }

  if (scope !== 'transactions') {
    await attention.enter('master-data');
    const master: MasterDataCounts = await attention.attended(() => step(act.syncMasterData, 'Suppliers, projects and departments 24SevenOffice → CostTracker', ref));
    summary.suppliers = master.suppliers;
  }
  if (scope !== 'suppliers') {
    await attention.enter('transactions');
    const plan = await attention.attended(() => step(act.planTransactionWindows, 'Plan the ledger windows (entry dates, or changes since the cursor)', ref));
    windows.total = plan.windows.length;
    for (let i = 0; i < plan.windows.length; i += WINDOWS_PER_ACTIVITY) {
      const batch = plan.windows.slice(i, i + WINDOWS_PER_ACTIVITY);
      const label = `${windowLabel(batch[0]!)} … ${windowLabel(batch[batch.length - 1]!)}`;
      const counts = await attention.attended(() => step(act.fetchTransactionWindows,
        `Read the ledger, stage it and send it to CostTracker: ${label} (windows ${windows.done + 1}–${windows.done + batch.length} of ${windows.total})`, { ...ref, windows: batch }));
      summary.lines += counts.lines;
      summary.transactions.added += counts.added;
      summary.transactions.changed += counts.changed;
      summary.transactions.withoutSupplier += counts.withoutSupplier;
      summary.transactions.pushed += counts.pushed;
      windows.done += batch.length;
      setCurrentDetails(details());
    }
    await attention.attended(() => step(act.commitTransactionCursor, 'Move the ledger cursor', { ...ref, cursor: plan.cursor }));
    summary.transactions.pushed += (await attention.attended(() => step(act.pushTransactions, 'Send what an interrupted pass left to CostTracker', ref))).pushed;

    await attention.enter('orders');
    summary.orders = await attention.attended(() => step(act.fetchOrders, 'Read the purchase orders from CostTracker', ref));

    await attention.enter('matching');
    const matched: MatchCounts = await attention.attended(() => step(act.matchStaged, 'Match the transactions to POs (the criteria in order)', ref));
    summary.matched = { 'auto-matched': matched['auto-matched'], ambiguous: matched.ambiguous, unmatched: matched.unmatched, fixed: matched.fixed };
    summary.orderWarnings = matched.orderWarnings;

    await attention.enter('pushing');
    summary.records = await attention.attended(() => step(act.pushMatches, 'Send the match records to CostTracker', ref));
  }
  const message = await attention.attended(() => step(act.recordMatchingSummary, 'Record the run in the export log', { ...ref, summary }));
  attention.end(summary.records?.refused ? 'done-with-problems' : 'done');
  log.info(message, { tenant });
  return summary;
}
