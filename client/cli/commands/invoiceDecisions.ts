/**
 * `ledgerbridge invoices retry | cancel`: an operator's answer to an invoice (or a run) that needs attention, sent
 * as a workflow update so the answer is synchronous. The workflow judges it as it judges the Temporal UI's signal;
 * a refusal exits 5 with the workflow's reason.
 */
import type { Client } from '@temporalio/client';
import type { Command } from '../command';
import type { CommandContext } from '../context';
import { CliError, EXIT } from '../output';
import { flag, hasFlag, positional, type ParsedArgs } from '../args';
import type { AttentionView, RetryRequest } from '../../../workflows/attention';
import { cancelTransfer, invoiceWorkflowId, retryTransfer } from '../../invoices';
import { invoiceDb, invoiceOf } from './invoices';

export const invoicesRetry: Command = {
  name: 'invoices retry',
  summary: 'Retry an invoice (or a run) that needs attention, after fixing what `invoices show` lists (a mapping, a customer …)',
  usage: 'invoices retry <tenant> <invoice | run workflow id> [--in-target | --resend] [--json]\n\n' +
    '<invoice> is the Severa invoice number or guid; a run is named by its workflow id (acme-oy/invoices/…).\n' +
    'After a lost answer that Talenom cannot settle, say what you see in Talenom:\n' +
    '  --in-target   the invoice is there: do not send it again\n' +
    '  --resend      it is not there: send it again',
  examples: [
    'ledgerbridge mappings set demo sales-account 3050@25.5=3000 --source severa --target talenom && ledgerbridge invoices retry demo 10001',
    'ledgerbridge invoices retry demo 10001 --in-target',
    'ledgerbridge invoices retry demo demo/invoices/2026-12-02T06:00:00.000Z',
  ],
  booleans: ['in-target', 'resend'],
  run: (args, ctx) => decide(args, ctx, 'retry', () => {
    const inTarget = hasFlag(args, 'in-target');
    const resend = hasFlag(args, 'resend');
    if (inTarget && resend) throw new CliError('--in-target and --resend contradict each other: say what you see in Talenom', EXIT.usage);
    const request: RetryRequest = inTarget ? { resolution: 'in-target' } : resend ? { resolution: 'resend' } : {};
    return (client, tenant, target) => retryTransfer(client, tenant, target, request);
  }, 'retrying the step that needed attention'),
};

export const invoicesCancel: Command = {
  name: 'invoices cancel',
  summary: "Cancel an invoice's transfer (or a run): nothing more is sent now; an invoice still waiting in Severa is tried again by the next run",
  usage: 'invoices cancel <tenant> <invoice | run workflow id> [--reason "…"] [--json]',
  examples: ['ledgerbridge invoices cancel demo 10001 --reason "customer disputes the hours, credit note coming"'],
  run: (args, ctx) => decide(args, ctx, 'cancel', () => {
    const reason = flag(args, 'reason') ?? 'cancelled by an operator';
    return (client, tenant, target) => cancelTransfer(client, tenant, target, reason);
  }, 'cancelled: nothing more is sent'),
};

type Target = { invoiceGuid?: string; workflowId?: string };

/** A run's workflow id (`<tenant>/invoices/…`, a register's `<tenant>/products…`), else an invoice. */
const isRunId = (word: string) => ['/invoices', '/products', '/sales-ledger'].some((part) => word.includes(part));

async function decide(
  args: ParsedArgs, ctx: CommandContext, verb: 'retry' | 'cancel',
  /** Reads the flags (usage errors come before any connection), then sends. */
  prepare: () => (client: Client, tenant: string, target: Target) => Promise<AttentionView>, done: string,
): Promise<number> {
  const example = `ledgerbridge invoices ${verb} demo 10001`;
  const tenant = positional(args, 0, 'the tenant id', example);
  const word = positional(args, 1, 'the invoice number or guid, or a run\'s workflow id', example);
  const send = prepare();
  const db = await invoiceDb(ctx, tenant);
  const row = isRunId(word) ? undefined : await invoiceOf(db, tenant, word);
  const target: Target = row ? { invoiceGuid: row.invoiceGuid } : { workflowId: word };
  const what = row ? `invoice ${row.number ?? row.invoiceGuid}` : `run ${word}`;
  const workflowId = target.workflowId ?? invoiceWorkflowId(tenant, row!.invoiceGuid);
  let view: AttentionView;
  try {
    view = await ctx.waitOnWorkflow(workflowId, (client) => send(client, tenant, target));
  } catch (err) {
    const e = err as Error & { cause?: Error };
    if (e.name === 'WorkflowUpdateFailedError') throw new CliError(`${verb} refused: ${e.cause?.message ?? e.message}`, EXIT.conflict);
    if (e.name === 'WorkflowNotFoundError') {
      const stage = row ? `; its stage is ${row.stage}` : '';
      throw new CliError(`${what} of tenant ${tenant} is not running${stage}, so nothing waits for a ${verb}: see ledgerbridge invoices ${row ? `show ${tenant} ${word}` : `list ${tenant}`}`,
        row ? EXIT.conflict : EXIT.notFound);
    }
    throw err;
  }
  if (ctx.out.json) ctx.out.record({ tenant, workflowId, ...view });
  else ctx.out.say(`${what}: ${done}`);
  ctx.out.say(row ? `next: ledgerbridge invoices show ${tenant} ${word}` : `next: ledgerbridge invoices list ${tenant}`);
  return EXIT.ok;
}
