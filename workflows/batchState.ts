/**
 * The one object the batch workflow's handlers and queries read: where the batch is, what it waits for, who
 * approved it. Signals and updates share its validation, so the UI's signal dialog and the CLI's update are
 * judged alike; a refused signal cannot answer, so it is kept and shown instead.
 */
import { log } from '@temporalio/workflow';
import { displayMinor } from '../domain/money';
import { KIND_LABEL } from '../domain/batch/voucher';
import type { PostingMode, PreflightResult, StageResult } from '../domain/batch/flow';
import type { BatchStage } from '../db/schemaTypes';

export interface Approval {
  /** Who approves: a person's name or e-mail, recorded with the time. */
  by: string;
  note?: string;
}

export interface Rejection {
  by: string;
  reason: string;
}

export interface BatchView {
  tenant: string;
  batchId: string;
  label: string;
  mode: PostingMode;
  stage: BatchStage;
  vouchers: number;
  chunks: { sent: number; total: number };
  posted?: { posted: number; total: number };
  preflight?: PreflightResult;
  attention?: string;
  approvedBy?: string;
  approvedAt?: string;
  refusals: string[];
  nextAction?: string;
}

export class BatchState {
  stage: BatchStage = 'staging';
  staged?: StageResult;
  preflight?: PreflightResult;
  chunksSent = 0;
  posted?: { posted: number; total: number };
  attention?: string;
  approval?: Approval & { at: string };
  rejection?: Rejection;
  retryRequested = false;
  cancelRequested?: string;
  sendingStarted = false;
  readonly refusals: string[] = [];

  constructor(readonly input: { tenant: string; batchId: string; label: string; mode: PostingMode }) {}

  // ----- validation shared by signals and updates: throw to refuse -----

  assertApprovable(a: Approval): void {
    if (!a?.by?.trim()) throw new Error('an approval must say who approves (by)');
    if (this.input.mode !== 'approval') throw new Error(`batch ${this.input.label} is in ${this.input.mode} mode: it needs no approval`);
    if (this.approval) throw new Error(`batch ${this.input.label} was already approved by ${this.approval.by} at ${this.approval.at}`);
    if (this.sendingStarted || this.stage === 'posted') throw new Error(`batch ${this.input.label} is already ${this.stage === 'posted' ? 'posted' : 'being posted'}; it cannot be approved again`);
    if (this.preflight && !this.preflight.ok) {
      throw new Error(`batch ${this.input.label} failed preflight with ${this.preflight.problemCount} problem(s); fix them and send retry before approving`);
    }
    if (this.stage !== 'awaiting-approval') throw new Error(`batch ${this.input.label} is not waiting for approval (stage ${this.stage})`);
  }

  assertRejectable(r: Rejection): void {
    if (!r?.by?.trim() || !r.reason?.trim()) throw new Error('a rejection must say who rejects (by) and why (reason)');
    if (this.sendingStarted) throw new Error(`batch ${this.input.label} is already being posted; it can no longer be rejected`);
    if (this.rejection) throw new Error(`batch ${this.input.label} was already rejected`);
  }

  assertRetryable(): void {
    if (this.stage !== 'needs-attention') throw new Error(`batch ${this.input.label} does not need attention (stage ${this.stage}); nothing to retry`);
  }

  assertCancellable(): void {
    if (this.sendingStarted && this.stage !== 'needs-attention') {
      throw new Error(`batch ${this.input.label} is being posted; cancel is possible only while it waits for attention`);
    }
  }

  // ----- transitions -----

  approve(a: Approval, at: Date): BatchView {
    this.approval = { ...a, at: at.toISOString() };
    log.info('batch approved', { batch: this.input.batchId, by: a.by });
    return this.view();
  }

  reject(r: Rejection): BatchView {
    this.rejection = r;
    return this.view();
  }

  retry(): BatchView {
    this.retryRequested = true;
    return this.view();
  }

  cancel(reason: string): BatchView {
    this.cancelRequested = reason;
    return this.view();
  }

  /** A signal the validation refused: kept for the details and the log, since a signal cannot answer. */
  refuse(what: string, err: unknown): void {
    const message = `${what} refused: ${(err as Error).message}`;
    this.refusals.push(message);
    if (this.refusals.length > 10) this.refusals.shift();
    log.warn(message, { batch: this.input.batchId });
  }

  view(): BatchView {
    return {
      tenant: this.input.tenant,
      batchId: this.input.batchId,
      label: this.input.label,
      mode: this.input.mode,
      stage: this.stage,
      vouchers: this.staged?.voucherCount ?? 0,
      chunks: { sent: this.chunksSent, total: this.staged?.chunkCount ?? 0 },
      posted: this.posted,
      preflight: this.preflight,
      attention: this.attention,
      approvedBy: this.approval?.by,
      approvedAt: this.approval?.at,
      refusals: [...this.refusals],
      nextAction: this.nextAction(),
    };
  }

  nextAction(): string | undefined {
    const { tenant, batchId } = this.input;
    switch (this.stage) {
      case 'needs-attention':
        return `fix what is listed, then: ledgerbridge batch retry ${tenant} ${batchId}   (or: ledgerbridge batch cancel ${tenant} ${batchId})`;
      case 'awaiting-approval':
        return `ledgerbridge batch approve ${tenant} ${batchId} --by <your name>   (or: ledgerbridge batch reject ${tenant} ${batchId} --by <name> --reason "…")`;
      case 'in-journal':
        return 'the accountant posts the incoming batch in 24SevenOffice: Accounting → Posting; this workflow notices by itself';
      default:
        return undefined;
    }
  }

  /** The workflow's current details in the Temporal UI (Markdown). */
  details(): string {
    const v = this.view();
    const lines = [`### Batch ${v.label} · ${v.stage}`, ''];
    if (this.staged) {
      lines.push(`${this.staged.voucherCount} vouchers · ${displayMinor(this.staged.totalMinor)} · mode ${v.mode}`, '');
      for (const [kind, t] of Object.entries(this.staged.totals)) lines.push(`- ${KIND_LABEL[kind as keyof typeof KIND_LABEL]}: ${t!.vouchers} vouchers, ${displayMinor(t!.debit)}`);
      lines.push('');
    }
    if (this.preflight) lines.push(`Preflight: ${this.preflight.ok ? 'passed' : `**${this.preflight.problemCount} problem(s)**`} (${this.preflight.vouchersChecked} vouchers verified)`);
    if (v.chunks.total) lines.push(`Chunks sent: ${v.chunks.sent} / ${v.chunks.total}`);
    if (v.posted) lines.push(`Posted in 24SevenOffice: ${v.posted.posted} / ${v.posted.total} vouchers`);
    if (v.approvedBy) lines.push(`Approved by ${v.approvedBy} at ${v.approvedAt}`);
    if (v.attention) lines.push('', `**Needs attention:** ${v.attention}`);
    if (this.preflight && !this.preflight.ok) lines.push('', ...this.preflight.firstProblems.map((p) => `- ${p}`));
    if (v.refusals.length) lines.push('', 'Refused signals:', ...v.refusals.map((r) => `- ${r}`));
    if (v.nextAction) lines.push('', `**Next:** \`${v.nextAction}\``);
    return lines.join('\n');
  }
}
