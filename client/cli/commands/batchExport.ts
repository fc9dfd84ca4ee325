/** `ledgerbridge batch export`: start (or join) a batch's export workflow, and with --wait follow it to the end. */
import type { Command } from '../command';
import type { CommandContext } from '../context';
import { CliError, EXIT } from '../output';
import { hasFlag } from '../args';
import { batchWords, telarisAccess, type BatchWords } from '../batchAccess';
import { printPreflight } from '../batchRecord';
import { createProgress } from '../progress';
import { createBatchRepo } from '../../../db/repos';
import { displayMinor, groupDigits } from '../../../domain/money';
import { batchLabel } from '../../../domain/batch/flow';
import type { BatchView } from '../../../workflows/batchState';
import { startBatchExport } from '../../batches';
import { telarisBatch } from '../../telaris';
import { waitForBatch } from '../../batchWait';

export const batchExport: Command = {
  name: 'batch export',
  summary: 'Export a closed Telaris batch to 24SevenOffice (once: a second export is refused); --wait follows it',
  usage: 'batch export <tenant> <batch> [--wait] [--json]',
  examples: [
    'ledgerbridge batch export demo 2026-11-3',
    'ledgerbridge batch export demo 2026-11-3 --wait   # progress on stderr until posted (exit 0) or a person must act:\n    # needs attention (exit 1), awaiting approval or in the journal for the accountant (exit 0, with the next step)',
  ],
  booleans: ['wait'],
  async run(args, ctx) {
    const words = batchWords(args, 'batch export');
    const { tenant, batchId } = words;
    const access = await telarisAccess(ctx, tenant);
    const source = await telarisBatch(access, tenant, batchId);
    if (!source) throw new CliError(`Telaris has no batch ${batchId} for tenant ${tenant}: see ledgerbridge batch list ${tenant}`, EXIT.notFound);
    const stored = await createBatchRepo(access.db).find(tenant, batchId);
    if (source.status === 'exported' && !stored) {
      throw new CliError(`batch ${source.label} was already exported outside ledgerbridge at ${source.exportedAt} (reference ${source.exportReference ?? 'unknown'}); nothing done`, EXIT.conflict);
    }
    const client = await ctx.temporal();
    const { handle, started } = await startBatchExport(client, access, { tenant, batchId, documentCount: source.documentCount, debitMinor: source.totals.debit });
    const summary = `${groupDigits(source.documentCount)} documents, ${displayMinor(source.totals.debit)}`;
    if (!started && !hasFlag(args, 'wait')) {
      // A second export is refused like any other conflict; --wait joins the running one instead.
      throw new CliError(`batch ${source.label} is already being exported (workflow ${handle.workflowId}); nothing new started. ` +
        `Follow it: ledgerbridge batch export ${tenant} ${batchId} --wait, or see it: ledgerbridge batch show ${tenant} ${batchId}`, EXIT.conflict);
    }
    ctx.out.note(started ? `export of batch ${source.label} started: ${summary} (workflow ${handle.workflowId})` : `batch ${source.label} is already being exported (workflow ${handle.workflowId}); following it`);
    if (!hasFlag(args, 'wait')) {
      if (ctx.out.json) ctx.out.record({ batchId, workflowId: handle.workflowId, started });
      ctx.out.say(`next: ledgerbridge batch show ${tenant} ${batchId}   (or follow it: ledgerbridge batch export ${tenant} ${batchId} --wait)`);
      return EXIT.ok;
    }
    return follow(ctx, words, handle.workflowId, started);
  },
};

async function follow(ctx: CommandContext, { tenant, batchId }: BatchWords, workflowId: string, started: boolean): Promise<number> {
  const progress = createProgress();
  const result = await ctx.waitOnWorkflow(workflowId, (client) => waitForBatch(client, tenant, batchId, { onView: (v) => progress.update(...progressLine(v)) }));
  if (result.kind === 'completed') progress.update(`${result.outcome.label} · ${result.outcome.outcome} · ${groupDigits(result.outcome.vouchers)} vouchers`, 1);
  progress.done();
  const json = (extra: Record<string, unknown>) => ctx.out.json && ctx.out.record({ batchId, workflowId, started, ...extra });
  switch (result.kind) {
    case 'completed': {
      const { outcome } = result;
      if (outcome.outcome === 'already-exported') throw new CliError(outcome.message, EXIT.conflict);
      json({ outcome: outcome.outcome, vouchers: outcome.vouchers, message: outcome.message });
      ctx.out.say(outcome.message);
      return EXIT.ok;
    }
    case 'failed':
      json({ outcome: 'failed', message: result.message });
      ctx.out.say(`batch ${batchLabel(batchId)} did not post: ${result.message}`);
      ctx.out.say(`next (after fixing): ledgerbridge batch export ${tenant} ${batchId}`);
      return EXIT.notOk;
    case 'waiting': {
      const { view } = result;
      json({ outcome: view.stage, view });
      ctx.out.say(`batch ${view.label} waits: ${WAITING[view.stage] ?? view.stage}${view.attention ? `\n${view.attention}` : ''}`);
      if (view.stage === 'needs-attention') {
        const stored = await createBatchRepo((await ctx.database()).db).find(tenant, batchId);
        if (stored) printPreflight(ctx.out, stored);
      }
      if (view.nextAction) ctx.out.say(`\nnext: ${view.nextAction}`);
      return view.stage === 'needs-attention' ? EXIT.notOk : EXIT.ok;
    }
  }
}

const WAITING: Record<string, string> = {
  'needs-attention': 'it needs attention',
  'awaiting-approval': 'for an approval',
  'in-journal': "in 24SevenOffice's journal for the accountant to post it (the workflow notices by itself; nothing to wait for here)",
};

/**
 * The bar follows what ledgerbridge does, sending the chunks; what the accountant posts from the journal is the
 * text's "posted n/m" (a bar back at empty after "chunks 1/1" read as stuck).
 */
export function progressLine(v: BatchView): [string, number | undefined] {
  const parts = [`${v.label} · ${v.stage}`];
  if (v.vouchers) parts.push(`${groupDigits(v.vouchers)} vouchers`);
  if (v.chunks.total) parts.push(`chunks ${v.chunks.sent}/${v.chunks.total}`);
  if (v.posted) parts.push(`posted ${v.posted.posted}/${v.posted.total}`);
  return [parts.join(' · '), v.chunks.total ? v.chunks.sent / v.chunks.total : undefined];
}
