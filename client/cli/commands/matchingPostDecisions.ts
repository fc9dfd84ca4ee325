/**
 * `ledgerbridge matching retry | cancel`: an operator's answer to a matching run, a posting run or a supplier invoice
 * of post mode that needs attention, sent as a workflow update so the answer is synchronous. The workflow judges it as it judges
 * the Temporal UI's signal; a refusal exits 5 with the workflow's reason.
 */
import type { Client } from '@temporalio/client';
import type { Command } from '../command';
import type { CommandContext } from '../context';
import { sendDecision } from '../decision';
import { CliError, EXIT } from '../output';
import { flag, hasFlag, positional, type ParsedArgs } from '../args';
import type { AttentionView, RetryRequest } from '../../../workflows/attention';
import { createTenantRepo } from '../../../db/repos';
import { POSTING_FLOW } from '../../../domain/matching/posting';
import { cancelMatchingRun, retryMatchingRun } from '../../matching';
import { findPosting, supplierInvoiceWorkflowId } from '../../supplierPostings';

export const matchingRetry: Command = {
  name: 'matching retry',
  summary: 'Retry a matching run, or a supplier invoice of post mode, that needs attention, after fixing what it names (a token, the filter, a mapping …)',
  usage: 'matching retry <tenant> <invoice | run workflow id> [--in-target | --resend] [--json]\n\n' +
    "<invoice> is CostTracker's id of the received invoice, or the supplier's invoice number; a run is named by its\n" +
    'workflow id (acme-as/matching/…, its posting run acme-as/matching/…/posting).\n' +
    'After a lost answer from the 24SevenOffice journal, say what you see under Accounting → Posting:\n' +
    '  --in-target   the voucher is there: do not post it again\n' +
    '  --resend      it is not there: post it again',
  examples: [
    'ledgerbridge mappings set acme-as account 6540=6800 --source costtracker && ledgerbridge matching retry acme-as ri-1042',
    'ledgerbridge matching retry acme-as ri-1042 --in-target',
    'ledgerbridge matching retry acme-as acme-as/matching/2026-12-02T02:00:00Z',
  ],
  booleans: ['in-target', 'resend'],
  run: (args, ctx) => decide(args, ctx, 'retry', () => {
    const inTarget = hasFlag(args, 'in-target');
    const resend = hasFlag(args, 'resend');
    if (inTarget && resend) throw new CliError('--in-target and --resend contradict each other: say what you see in 24SevenOffice', EXIT.usage);
    const request: RetryRequest = inTarget ? { resolution: 'in-target' } : resend ? { resolution: 'resend' } : {};
    return (client, workflowId) => retryMatchingRun(client, workflowId, request);
  }, 'retrying the step that needed attention'),
};

export const matchingCancel: Command = {
  name: 'matching cancel',
  summary: "Cancel a matching run, or a supplier invoice's posting: nothing more is done now; the next run starts where this one left off, and takes an invoice still approved in CostTracker again",
  usage: 'matching cancel <tenant> <invoice | run workflow id> [--reason "…"] [--json]',
  examples: ['ledgerbridge matching cancel acme-as ri-1042 --reason "posted by hand in 24SevenOffice"'],
  run: (args, ctx) => decide(args, ctx, 'cancel', () => {
    const reason = flag(args, 'reason') ?? 'cancelled by an operator';
    return (client, workflowId) => cancelMatchingRun(client, workflowId, reason);
  }, 'cancelled: nothing more is posted'),
};

async function decide(
  args: ParsedArgs, ctx: CommandContext, verb: 'retry' | 'cancel',
  /** Reads the flags (usage errors come before any connection), then sends. */
  prepare: () => (client: Client, workflowId: string) => Promise<AttentionView>, done: string,
): Promise<number> {
  const example = `ledgerbridge matching ${verb} acme-as ri-1042`;
  const tenant = positional(args, 0, 'the tenant id', example);
  const word = positional(args, 1, "the CostTracker invoice id or number, or a run's workflow id", example);
  const send = prepare();
  const { db } = await ctx.database();
  await createTenantRepo(db).get(tenant);
  const isRun = word.startsWith(`${tenant}/`);
  const row = isRun ? undefined : await findPosting(db, tenant, word).catch((err: Error) => { throw new CliError(err.message, EXIT.notFound); });
  const workflowId = row ? supplierInvoiceWorkflowId(tenant, row.invoiceId) : word;
  const what = row ? `CostTracker invoice ${row.invoiceNumber ?? row.invoiceId}` : `run ${word}`;
  const view = await sendDecision(ctx, workflowId, verb, (client) => send(client, workflowId), () => new CliError(
    `${what} of tenant ${tenant} is not running${row ? `; its stage is ${row.stage}` : ''}, so nothing waits for a ${verb}: ` +
      `see ledgerbridge log ${tenant}${row ? ` --flow ${POSTING_FLOW}` : ''}`, row ? EXIT.conflict : EXIT.notFound));
  if (ctx.out.json) ctx.out.record({ tenant, workflowId, ...view });
  else ctx.out.say(`${what}: ${done}`);
  ctx.out.say(`next: ledgerbridge log ${tenant}${row ? ` --flow ${POSTING_FLOW} --source ${row.invoiceId}` : ''}`);
  return EXIT.ok;
}
