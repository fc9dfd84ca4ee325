/**
 * `ledgerbridge batch approve | reject | retry | cancel | renumber | check`: an operator's decision, sent as a workflow update so
 * the answer is synchronous. The workflow's validator judges it exactly as it judges the Temporal UI's signal;
 * a refusal exits 5 with the workflow's reason.
 */
import type { Command } from '../command';
import type { CommandContext } from '../context';
import { CliError, EXIT } from '../output';
import { flag, hasFlag, requiredFlag, type ParsedArgs } from '../args';
import { batchWords, type BatchWords } from '../batchAccess';
import { createBatchRepo } from '../../../db/repos';
import type { BatchView } from '../../../workflows/batchState';
import { approveBatch, batchWorkflowId, cancelBatch, checkBatch, rejectBatch, renumberBatch, retryBatch } from '../../batches';
import type { Client } from '@temporalio/client';

export const batchApprove: Command = {
  name: 'batch approve',
  summary: 'Approve a batch waiting for approval (approval mode): it is then posted to the ledger',
  usage: 'batch approve <tenant> <batch> --by <name> [--note "…"] [--json]',
  examples: ['ledgerbridge batch approve demo 2026-11-3 --by kari@acme.no', 'ledgerbridge batch approve demo 2026-11-3 --by "Kari Nordmann" --note "checked against the VAT report"'],
  run: (args, ctx) => decide(args, ctx, 'batch approve', ({ tenant, batchId }) => {
    const by = requiredFlag(args, 'by', `ledgerbridge batch approve ${tenant} ${batchId} --by kari@acme.no`);
    return (client) => approveBatch(client, tenant, batchId, { by, note: flag(args, 'note') });
  }, (v) => `approved by ${v.approvedBy} at ${v.approvedAt}: it is posted to the ledger now`),
};

export const batchReject: Command = {
  name: 'batch reject',
  summary: 'Reject a batch before it is posted: the export ends with the reason (it may be exported again once fixed)',
  usage: 'batch reject <tenant> <batch> --by <name> --reason "…" [--json]',
  examples: ['ledgerbridge batch reject demo 2026-11-3 --by kari@acme.no --reason "wrong period, close again in December"'],
  run: (args, ctx) => decide(args, ctx, 'batch reject', ({ tenant, batchId }) => {
    const example = `ledgerbridge batch reject ${tenant} ${batchId} --by kari@acme.no --reason "…"`;
    const rejection = { by: requiredFlag(args, 'by', example), reason: requiredFlag(args, 'reason', example) };
    return (client) => rejectBatch(client, tenant, batchId, rejection);
  }, () => 'rejected: the export ends without posting'),
};

export const batchRetry: Command = {
  name: 'batch retry',
  summary: 'Retry a batch that needs attention, after fixing what `batch show` lists (a mapping, a project …)',
  usage: 'batch retry <tenant> <batch> [--in-journal | --resend] [--json]\n\n' +
    'After a lost answer in journal mode, say what you see in 24SevenOffice under Accounting → Posting:\n' +
    '  --in-journal   the incoming batch named in `batch show` is there: do not send it again\n' +
    '  --resend       it is not there: send it again',
  examples: [
    'ledgerbridge mappings set demo voucher-type salesInvoice=1 && ledgerbridge batch retry demo 2026-11-3',
    'ledgerbridge batch retry demo 2026-11-3 --in-journal',
  ],
  booleans: ['in-journal', 'resend'],
  run: (args, ctx) => decide(args, ctx, 'batch retry', ({ tenant, batchId }) => {
    const inJournal = hasFlag(args, 'in-journal');
    const resend = hasFlag(args, 'resend');
    if (inJournal && resend) throw new CliError('--in-journal and --resend contradict each other: say what you see in the journal', EXIT.usage);
    const resolution = inJournal ? 'in-target' as const : resend ? 'resend' as const : undefined;
    return (client) => retryBatch(client, tenant, batchId, { resolution });
  }, () => 'retrying the step that needed attention'),
};

export const batchRenumber: Command = {
  name: 'batch renumber',
  summary: 'Draw new voucher numbers for the vouchers 24SevenOffice refused because other vouchers hold theirs, then send them',
  usage: 'batch renumber <tenant> <batch> --by <name> [--json]\n\n' +
    'Only vouchers refused with DuplicateData give up their numbers (which are never used again); vouchers whose\n' +
    'outcome is unknown keep theirs.',
  examples: ['ledgerbridge batch renumber demo 2026-11-3 --by kari@acme.no'],
  run: (args, ctx) => decide(args, ctx, 'batch renumber', ({ tenant, batchId }) => {
    const by = requiredFlag(args, 'by', `ledgerbridge batch renumber ${tenant} ${batchId} --by kari@acme.no`);
    return (client) => renumberBatch(client, tenant, batchId, by);
  }, () => 'drawing new numbers for the refused vouchers and sending them'),
};

export const batchCheck: Command = {
  name: 'batch check',
  summary: "Look now whether the accountant has posted a batch waiting in 24SevenOffice's journal",
  usage: 'batch check <tenant> <batch> [--json]',
  examples: ['ledgerbridge batch check demo 2026-11-3'],
  run: (args, ctx) => decide(args, ctx, 'batch check', ({ tenant, batchId }) => (client) => checkBatch(client, tenant, batchId),
    (v) => `looking at 24SevenOffice now (${v.posted?.posted ?? 0} of ${v.vouchers} posted at the last look)`),
};

export const batchCancel: Command = {
  name: 'batch cancel',
  summary: 'Cancel a batch export before posting started, while it needs attention, or while it waits in the journal; it may be exported again',
  usage: 'batch cancel <tenant> <batch> [--reason "…"] [--json]',
  examples: ['ledgerbridge batch cancel demo 2026-11-3 --reason "closed by mistake"'],
  run: (args, ctx) => decide(args, ctx, 'batch cancel', ({ tenant, batchId }) => (client) => cancelBatch(client, tenant, batchId, flag(args, 'reason') ?? 'cancelled by an operator'),
    () => 'cancelled: the export ends without posting'),
};

async function decide(
  args: ParsedArgs, ctx: CommandContext, command: string,
  /** Reads the flags (usage errors come before any connection), then sends. */
  prepare: (words: BatchWords) => (client: Client) => Promise<BatchView>, done: (view: BatchView) => string,
): Promise<number> {
  const words = batchWords(args, command);
  const { tenant, batchId } = words;
  const send = prepare(words);
  let view: BatchView;
  try {
    view = await ctx.waitOnWorkflow(batchWorkflowId(tenant, batchId), send);
  } catch (err) {
    const e = err as Error & { cause?: Error };
    if (e.name === 'WorkflowUpdateFailedError') throw new CliError(`${command.split(' ')[1]} refused: ${e.cause?.message ?? e.message}`, EXIT.conflict);
    if (e.name === 'WorkflowNotFoundError') throw await notRunning(ctx, words);
    throw err;
  }
  if (ctx.out.json) ctx.out.record(view as unknown as Record<string, unknown>);
  else ctx.out.say(`batch ${view.label}: ${done(view)}`);
  ctx.out.say(`next: ledgerbridge batch show ${tenant} ${batchId}`);
  return EXIT.ok;
}

/** No running workflow: an export that has ended is a conflict, a batch never exported is not found. */
async function notRunning(ctx: CommandContext, { tenant, batchId }: BatchWords): Promise<CliError> {
  const stored = await createBatchRepo((await ctx.database()).db).find(tenant, batchId);
  if (stored) return new CliError(`batch ${stored.label} of tenant ${tenant} is no longer running (stage ${stored.stage}); nothing to decide: see ledgerbridge batch show ${tenant} ${batchId}`, EXIT.conflict);
  return new CliError(`tenant ${tenant} has no export of batch ${batchId}: start one with ledgerbridge batch export ${tenant} ${batchId}`, EXIT.notFound);
}
