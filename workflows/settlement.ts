/**
 * One DUELL Z-report to 24SevenOffice (`<tenant>/settlement/<department>/<Z number>`): read and check it → build
 * its balanced voucher and check it against the department's company → draw its voucher number → attach its PDF
 * (exactly once) → post the voucher (exactly once) to the journal or the ledger. What a person must fix (an
 * account to map, a report that does not add up, a missing PDF) waits in needs attention for `ledgerbridge
 * settlements retry` after the fix, or `cancel`; the run that started it is told, so it goes on with the other
 * departments.
 */
import {
  CancellationScope, defineQuery, defineSignal, getExternalWorkflowHandle, isCancellation, log, proxyActivities,
  setHandler, workflowInfo,
} from '@temporalio/workflow';
import type { SettlementActivities, SettlementRef } from '../activities/settlement';
import { settlementCommands } from '../domain/settlement/flow';
import { Attention, cancelledReason, type AttentionView, type RetryRequest } from './attention';
import { DOCUMENT_STEP_OPTIONS } from './documentChild';
import { stepsWith } from './step';

export { retry, cancel, retryUpdate, cancelUpdate } from './attention';

export interface SettlementInput {
  tenant: string;
  departmentId: string;
  zNumber: number;
  /** The business day, as the run read it, for people. */
  date: string;
  /** The run that started it, told when this report needs a person. */
  runWorkflowId?: string;
}

export interface SettlementOutcome {
  outcome: 'posted' | 'already-posted' | 'skipped';
  transactionNo?: number;
}

export interface SettlementView extends AttentionView {
  department: string;
  zNumber: number;
  transactionNo?: number;
  stampNo?: number;
  warnings: string[];
  nextAction?: string;
}

export const settlementStatus = defineQuery<SettlementView>('status');
/** Sent to the run: this report waits for a person, so the run need not wait for it. */
export const settlementNeedsAttention = defineSignal<[{ departmentId: string; zNumber: number }]>('settlementNeedsAttention');

const act = proxyActivities<SettlementActivities>(DOCUMENT_STEP_OPTIONS);
const step = stepsWith(DOCUMENT_STEP_OPTIONS);

export async function settlement(input: SettlementInput): Promise<SettlementOutcome> {
  const ref: SettlementRef = { tenant: input.tenant, departmentId: input.departmentId, zNumber: input.zNumber, workflowId: workflowInfo().workflowId };
  const what = `Z ${input.zNumber} of department ${input.departmentId} (${input.date})`;
  let transactionNo: number | undefined;
  let stampNo: number | undefined;
  let warnings: string[] = [];
  let toldRun = false;
  let posting = false;
  const attention: Attention = new Attention({
    subject: `DUELL ${what}`,
    logContext: { tenant: input.tenant, department: input.departmentId, z: input.zNumber },
    commands: settlementCommands(input.tenant, input.departmentId, input.zNumber),
    record: async (stage, reason) => {
      // The run is told first: recording may be what fails (the database down), and the run must not wait for it.
      if (stage === 'needs-attention' && input.runWorkflowId && !toldRun) {
        await getExternalWorkflowHandle(input.runWorkflowId).signal(settlementNeedsAttention, { departmentId: input.departmentId, zNumber: input.zNumber })
          .then(() => { toldRun = true; }, () => { toldRun = true; }); // refused only when the run is over already
      }
      await step(act.recordSettlementStage, `Record stage ${stage}`, { ...ref, date: input.date, stage, attention: reason ?? null });
    },
    details: () => details(),
    // Once the voucher may be in 24SevenOffice, a cancel would leave the department's series unclear: it finishes.
    cancelRefusal: () => (posting ? `${what} is being posted to 24SevenOffice; it cannot be cancelled now (it needs no person); wait for it to finish` : undefined),
  });
  const details = () => [
    `**DUELL ${what}** · tenant **${input.tenant}** · DUELL → 24SevenOffice`,
    `Stage: **${attention.stage}**${transactionNo !== undefined ? ` · voucher ${transactionNo}` : ''}${stampNo !== undefined ? ` · PDF stamp ${stampNo}` : ''}`,
    warnings.length ? `\nWarnings: ${warnings.join('; ')}` : '',
    attention.detailsMarkdown(),
    attention.refusals.length ? `\nRefused: ${attention.refusals.join('; ')}` : '',
  ].filter(Boolean).join('\n\n'); // a paragraph each: Markdown runs single lines together
  attention.registerHandlers();
  setHandler(settlementStatus, () => ({
    ...attention.view(), department: input.departmentId, zNumber: input.zNumber, transactionNo, stampNo, warnings, nextAction: attention.nextAction(),
  }));

  try {
    await attention.enter('preparing');
    const done = await attention.attended(async (request: RetryRequest) => {
      const prepared = await step(act.prepareSettlement, `Read ${what} from DUELL and check it`, ref);
      if (prepared.kind !== 'ready') return prepared;
      warnings = prepared.warnings;
      ({ transactionNo } = await step(act.numberSettlement, 'Draw the voucher number', ref));
      ({ stampNo } = await step(act.attachSettlementPdf, 'Attach the Z-report PDF in 24SevenOffice', ref));
      posting = true;
      try {
        const sent = await step(act.postSettlement, `Post voucher ${transactionNo} to 24SevenOffice`, { ...ref, retry: request });
        return { kind: 'posted' as const, ...sent };
      } finally {
        posting = false;
      }
    });
    if (done.kind === 'already-posted') {
      transactionNo = done.transactionNo;
      attention.end('posted');
      return finish('already-posted', `${what} was posted before as voucher ${done.transactionNo}; nothing sent again`);
    }
    if (done.kind === 'skipped') {
      attention.end('skipped');
      return finish('skipped', `${what}: ${done.why}`);
    }
    attention.end('posted');
    return done.postedBefore
      ? finish('already-posted', `${what} was in 24SevenOffice as voucher ${done.transactionNo} already; nothing sent again`)
      : finish('posted', `${what} posted to 24SevenOffice as voucher ${done.transactionNo}`);
  } catch (err) {
    const reason = cancelledReason(err) ?? (isCancellation(err) ? 'cancelled in the Temporal UI' : undefined);
    if (reason !== undefined) {
      attention.end('cancelled');
      await CancellationScope.nonCancellable(() => step(act.recordSettlementStage, 'Record the cancellation', { ...ref, date: input.date, stage: 'cancelled', attention: reason }))
        .catch((e: unknown) => log.warn('could not record the cancellation', { department: input.departmentId, z: input.zNumber, error: String(e) }));
    }
    throw err;
  }

  function finish(outcome: SettlementOutcome['outcome'], message: string): SettlementOutcome {
    log.info(message, { tenant: input.tenant, department: input.departmentId, z: input.zNumber });
    return { outcome, transactionNo };
  }
}
