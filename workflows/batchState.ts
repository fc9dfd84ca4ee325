/**
 * The one object the batch workflow's handlers and queries read: where the batch is, what it waits for, who
 * approved it. Signals and updates share its validation, so the UI's signal dialog and the CLI's update are
 * judged alike; a refused signal cannot answer, so it is kept and shown instead.
 */
import { log } from '@temporalio/workflow';
import type { Attention } from './attention';
import { escapeMarkdown } from './markdown';
import { displayMinor } from '../domain/money';
import { KIND_LABEL } from '../domain/batch/voucher';
import type { PostedResult, PostingMode, PreflightResult, StageResult } from '../domain/batch/flow';
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
  /** Journal wait: when the next look at 24SevenOffice is due (ISO time). */
  nextCheckAt?: string;
  preflight?: PreflightResult;
  attention?: string;
  approvedBy?: string;
  approvedAt?: string;
  refusals: string[];
  nextAction?: string;
}

export class BatchState {
  staged?: StageResult;
  preflight?: PreflightResult;
  chunksSent = 0;
  posted?: PostedResult;
  nextCheckAt?: string;
  checkRequested = false;
  approval?: Approval & { at: string };
  rejection?: Rejection;
  sendingStarted = false;
  /** How many times an operator asked for new numbers, and who asked last. */
  renumbers = 0;
  renumberedBy?: string;
  attention!: Attention;

  constructor(readonly input: { tenant: string; batchId: string; label: string; mode: PostingMode }) {}

  get stage(): BatchStage {
    return this.attention.stage as BatchStage;
  }

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

  /** Why cancel is not possible now (the UI's dialog and the CLI alike), or undefined when it is. */
  cancelRefusal(): string | undefined {
    if (this.sendingStarted && this.stage !== 'in-journal') {
      return `batch ${this.input.label} is being posted; cancel is possible while it waits for attention or in the journal`;
    }
    return undefined;
  }

  assertRenumberable(by: string): void {
    if (!by?.trim()) throw new Error('renumbering must say who asks for it (by)');
    if (!this.sendingStarted || this.stage !== 'needs-attention') {
      throw new Error(`batch ${this.input.label} has no vouchers refused for their numbers (stage ${this.stage}); nothing to renumber`);
    }
  }

  renumber(by: string): void {
    this.renumbers++;
    this.renumberedBy = by;
    log.info('batch renumber requested', { batch: this.input.batchId, by });
  }

  assertCheckable(): void {
    if (this.stage !== 'in-journal') throw new Error(`batch ${this.input.label} is not waiting in the journal (stage ${this.stage}); nothing to check`);
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

  check(): BatchView {
    this.checkRequested = true;
    return this.view();
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
      nextCheckAt: this.nextCheckAt,
      preflight: this.preflight,
      attention: this.attention.reason,
      approvedBy: this.approval?.by,
      approvedAt: this.approval?.at,
      refusals: [...this.attention.refusals],
      nextAction: this.nextAction(),
    };
  }

  nextAction(): string | undefined {
    const { tenant, batchId } = this.input;
    switch (this.stage) {
      case 'needs-attention':
        return this.attention.nextAction();
      case 'awaiting-approval':
        return `ledgerbridge batch approve ${tenant} ${batchId} --by <your name>   (or: ledgerbridge batch reject ${tenant} ${batchId} --by <name> --reason "…")`;
      case 'in-journal':
        return `the accountant posts the incoming batch in 24SevenOffice (Accounting → Posting); this workflow notices by itself, or look now: ledgerbridge batch check ${tenant} ${batchId}`;
      default:
        return undefined;
    }
  }

  /** The workflow's current details in the Temporal UI (Markdown; text from elsewhere is escaped). */
  details(): string {
    const v = this.view();
    const lines = [`### Batch ${v.label} · ${v.stage}`, ''];
    if (this.staged) {
      lines.push(`${this.staged.voucherCount} vouchers · ${displayMinor(this.staged.totalMinor)} · mode ${v.mode}`, '');
      for (const [kind, t] of Object.entries(this.staged.totals)) lines.push(`- ${KIND_LABEL[kind as keyof typeof KIND_LABEL]}: ${t!.vouchers} vouchers, ${displayMinor(t!.debit)}`);
      lines.push('');
    }
    // One item a line: Markdown would run consecutive lines into one paragraph.
    if (this.preflight) lines.push(`- Preflight: ${this.preflight.ok ? 'passed' : `**${this.preflight.problemCount} problem(s)**`} (${this.preflight.vouchersChecked} vouchers verified)`);
    if (v.chunks.total) lines.push(`- Chunks sent: ${v.chunks.sent} / ${v.chunks.total}`);
    if (v.posted) lines.push(`- Posted in 24SevenOffice: ${v.posted.posted} / ${v.posted.total} vouchers`);
    if (v.nextCheckAt && v.stage === 'in-journal') lines.push(`- Next look at 24SevenOffice: ${v.nextCheckAt}`);
    if (v.approvedBy) lines.push(`- Approved by ${escapeMarkdown(v.approvedBy)} at ${v.approvedAt}`);
    if (v.attention) lines.push('', `**Needs attention:** ${escapeMarkdown(v.attention)}`);
    if (this.preflight && !this.preflight.ok) lines.push('', ...this.preflight.firstProblems.map((p) => `- ${escapeMarkdown(p)}`));
    if (v.refusals.length) lines.push('', 'Refused signals:', ...v.refusals.map((r) => `- ${escapeMarkdown(r)}`));
    if (v.nextAction) lines.push('', `**Next:** \`${v.nextAction.replace(/`/g, "'")}\``);
    return lines.join('\n');
  }
}
