/**
 * `ledgerbridge settlements run | list | show | retry | cancel`: the daily settlement DUELL POS → 24SevenOffice. A
 * run reads each department's Z-reports after the last one posted and posts each in a workflow of its own; a report
 * that needs a person waits there for `settlements retry` (after the fix) or `settlements cancel`.
 */
import type { Client } from '@temporalio/client';
import type { Command } from '../command';
import type { CommandContext } from '../context';
import { sendDecision } from '../decision';
import { CliError, EXIT } from '../output';
import { flag, hasFlag, positional, type ParsedArgs } from '../args';
import { createSettlementRepo, type SettlementStage } from '../../../db/repos';
import { SETTLEMENT_STAGES } from '../../../db/schema';
import { SETTLEMENT_FLOW } from '../../../domain/settlement/flow';
import type { AttentionView, RetryRequest } from '../../../workflows/attention';
import { cancelSettlement, findSettlement, followSettlementRun, retrySettlement, settlementView, settlementWorkflowId, startSettlementRun } from '../../settlements';
import { createProgress } from '../progress';
import type { RunSummary } from '../../../activities/settlement';
import { invoiceDb as tenantDb } from './invoices';

export const settlementsRun: Command = {
  name: 'settlements run',
  summary: "Transfer DUELL's new Z-reports to 24SevenOffice now (the duell schedule does it every 24 hours by default); --wait follows it",
  usage: 'settlements run <tenant> [--department <DUELL department>] [--from YYYY-MM-DD] [--wait] [--json]\n\n' +
    '  --department   one department only; default every department whose Z-report transfer is on\n' +
    "  --from         nothing dated before this day, instead of the departments' fromDate\n" +
    'With --wait: the counts when the run ends; exit 0 when all went through, 1 when a report needs attention or waits.',
  examples: ['ledgerbridge settlements run acme-as', 'ledgerbridge settlements run acme-as --department OSL --from 2026-12-01 --wait'],
  booleans: ['wait'],
  async run(args, ctx) {
    const tenant = positional(args, 0, 'the tenant id', 'ledgerbridge settlements run acme-as');
    const fromDate = flag(args, 'from');
    if (fromDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(fromDate)) throw new CliError(`--from ${fromDate}: a day like 2026-12-01`, EXIT.usage);
    await tenantDb(ctx, tenant);
    const handle = await startSettlementRun(await ctx.temporal(), tenant, { departmentId: flag(args, 'department'), fromDate });
    const workflowId = handle.workflowId;
    ctx.out.note(`settlement run of tenant ${tenant} started: workflow ${workflowId}`);
    if (!hasFlag(args, 'wait')) {
      if (ctx.out.json) ctx.out.record({ tenant, workflowId });
      else ctx.out.say(workflowId);
      ctx.out.say(`next: ledgerbridge settlements list ${tenant}`);
      return EXIT.ok;
    }
    const progress = createProgress();
    const followed = await ctx.waitOnWorkflow(workflowId, (client) => followSettlementRun(client, workflowId, (v) => progress.update(...progressLine(v.stage, v.summary))));
    if (followed.kind === 'waiting') {
      progress.done();
      if (ctx.out.json) ctx.out.record({ tenant, workflowId, outcome: 'needs-attention', view: followed.view });
      ctx.out.say(`the settlement run of tenant ${tenant} needs attention: ${followed.view.attention ?? 'see the workflow'}`);
      ctx.out.say(`next: fix it, then: ledgerbridge settlements retry ${tenant} ${workflowId}   (or: ledgerbridge settlements cancel ${tenant} ${workflowId})`);
      return EXIT.notOk;
    }
    const { summary } = followed;
    progress.update(...progressLine('done', summary));
    progress.done();
    if (ctx.out.json) ctx.out.record({ tenant, workflowId, summary });
    else {
      ctx.out.say(`${summary.read} Z-report(s) to post in ${summary.departments} department(s): ${summary.posted} posted, ${summary.alreadyPosted} posted before, ` +
        `${summary.skipped} skipped, ${summary.needsAttention} need attention, ${summary.held} held, ${summary.failed} failed`);
      ctx.out.say(`next: ledgerbridge log ${tenant} --flow ${SETTLEMENT_FLOW}${summary.needsAttention + summary.held + summary.failed ? ' --outcome failed' : ''}`);
    }
    return summary.needsAttention + summary.held + summary.failed > 0 ? EXIT.notOk : EXIT.ok;
  },
};

export const settlementsList: Command = {
  name: 'settlements list',
  summary: "A tenant's Z-reports as ledgerbridge knows them: stage, voucher number, PDF stamp, journal or ledger, and why one waits",
  usage: `settlements list <tenant> [--department <DUELL department>] [--stage ${SETTLEMENT_STAGES.join('|')}] [--limit n] [--json]`,
  examples: ['ledgerbridge settlements list acme-as', 'ledgerbridge settlements list acme-as --department OSL --stage needs-attention'],
  async run(args, ctx) {
    const tenant = positional(args, 0, 'the tenant id', 'ledgerbridge settlements list acme-as');
    const stage = flag(args, 'stage') as SettlementStage | undefined;
    if (stage !== undefined && !SETTLEMENT_STAGES.includes(stage)) throw new CliError(`--stage ${stage}: use one of ${SETTLEMENT_STAGES.join(', ')}`, EXIT.usage);
    const limit = Number(flag(args, 'limit') ?? 200);
    if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit ${flag(args, 'limit')}: a whole number of rows, e.g. --limit 50`, EXIT.usage);
    const rows = await createSettlementRepo(await tenantDb(ctx, tenant)).list(tenant, { departmentId: flag(args, 'department'), stage, limit });
    ctx.out.table(rows.map((r) => ({
      department: r.departmentId, z: r.zNumber, date: r.date, stage: r.stage, voucher: r.transactionNo ?? '', stamp: r.stampNo ?? '', to: r.saveTo ?? '', attention: r.attention ?? '',
    })), ['department', 'z', 'date', 'stage', 'voucher', 'stamp', 'to', 'attention']);
    const waiting = rows.find((r) => r.stage === 'needs-attention');
    if (waiting && !ctx.out.json) ctx.out.say(`\nwhat one needs: ledgerbridge settlements show ${tenant} ${waiting.departmentId} ${waiting.zNumber}`);
    return EXIT.ok;
  },
};

export const settlementsShow: Command = {
  name: 'settlements show',
  summary: 'One Z-report: its stage, voucher, PDF stamp and, when it waits for a person, what to fix and the command after',
  usage: 'settlements show <tenant> <department> <Z number> [--json]',
  examples: ['ledgerbridge settlements show acme-as OSL 1042'],
  async run(args, ctx) {
    const { tenant, departmentId, zNumber } = reportOf(args, 'show');
    const row = await findSettlement(await tenantDb(ctx, tenant), tenant, departmentId, zNumber).catch((err: Error) => { throw new CliError(err.message, EXIT.notFound); });
    const live = row.stage === 'posted' || row.stage === 'skipped' || row.stage === 'cancelled' ? undefined
      : await ctx.temporal().then((client) => settlementView(client, tenant, departmentId, zNumber)).catch(() => undefined);
    const record = {
      tenant, department: departmentId, z: zNumber, date: row.date, stage: live?.stage ?? row.stage, voucher: row.transactionNo, stamp: row.stampNo, saveTo: row.saveTo,
      attention: live?.attention ?? row.attention, next: live?.nextAction, warnings: live?.warnings, workflowId: settlementWorkflowId(tenant, departmentId, zNumber),
    };
    if (ctx.out.json) ctx.out.record(record);
    else for (const [k, v] of Object.entries(record)) if (v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)) ctx.out.say(`${k}: ${Array.isArray(v) ? v.join('; ') : String(v)}`);
    return EXIT.ok;
  },
};

export const settlementsRetry: Command = {
  name: 'settlements retry',
  summary: 'Retry a Z-report (or a run) that needs attention, after fixing what it names (a mapping, the report in DUELL, its PDF …)',
  usage: 'settlements retry <tenant> <department> <Z number> [--in-target | --resend] [--json]\n' +
    'settlements retry <tenant> <run workflow id>\n\n' +
    'After a lost answer from the 24SevenOffice journal, say what you see under Accounting → Posting:\n' +
    '  --in-target   the voucher is there: do not post it again\n' +
    '  --resend      it is not there: post it again',
  examples: [
    'ledgerbridge mappings set acme-as settlement-account sales:group:30=3000 --source duell && ledgerbridge settlements retry acme-as OSL 1042',
    'ledgerbridge settlements retry acme-as OSL 1042 --in-target',
  ],
  booleans: ['in-target', 'resend'],
  run: (args, ctx) => {
    const inTarget = hasFlag(args, 'in-target');
    const resend = hasFlag(args, 'resend');
    if (inTarget && resend) throw new CliError('--in-target and --resend contradict each other: say what you see in 24SevenOffice', EXIT.usage);
    const request: RetryRequest = inTarget ? { resolution: 'in-target' } : resend ? { resolution: 'resend' } : {};
    return decide(args, ctx, 'retry', (client, id) => retrySettlement(client, id, request), 'retrying the step that needed attention');
  },
};

export const settlementsCancel: Command = {
  name: 'settlements cancel',
  summary: "Cancel a Z-report's transfer (or a run): nothing more is done now; the department's next run takes the report again and holds the later ones until it is posted",
  usage: 'settlements cancel <tenant> <department> <Z number> [--reason "…"] [--json]\nsettlements cancel <tenant> <run workflow id>',
  examples: ['ledgerbridge settlements cancel acme-as OSL 1042 --reason "posted by hand in 24SevenOffice"'],
  run: (args, ctx) => decide(args, ctx, 'cancel', (client, id) => cancelSettlement(client, id, flag(args, 'reason') ?? 'cancelled by an operator'), 'cancelled: nothing more is posted'),
};

function reportOf(args: ParsedArgs, verb: string): { tenant: string; departmentId: string; zNumber: number } {
  const example = `ledgerbridge settlements ${verb} acme-as OSL 1042`;
  const tenant = positional(args, 0, 'the tenant id', example);
  const departmentId = positional(args, 1, 'the DUELL department', example);
  const z = positional(args, 2, 'the Z number', example);
  if (!/^\d+$/.test(z)) throw new CliError(`${z}: a Z number is a whole number, e.g. ${example}`, EXIT.usage);
  return { tenant, departmentId, zNumber: Number(z) };
}

async function decide(args: ParsedArgs, ctx: CommandContext, verb: 'retry' | 'cancel', send: (client: Client, workflowId: string) => Promise<AttentionView>, done: string): Promise<number> {
  const tenant = positional(args, 0, 'the tenant id', `ledgerbridge settlements ${verb} acme-as OSL 1042`);
  const isRun = positional(args, 1, 'the DUELL department or a run', `ledgerbridge settlements ${verb} acme-as OSL 1042`).startsWith(`${tenant}/`);
  const report = isRun ? undefined : reportOf(args, verb);
  const workflowId = report ? settlementWorkflowId(tenant, report.departmentId, report.zNumber) : args.positionals[1]!;
  const what = report ? `Z ${report.zNumber} of department ${report.departmentId}` : `run ${workflowId}`;
  await tenantDb(ctx, tenant);
  const view = await sendDecision(ctx, workflowId, verb, (client) => send(client, workflowId),
    () => new CliError(`${what} of tenant ${tenant} is not running, so nothing waits for a ${verb}: see ledgerbridge log ${tenant} --flow ${SETTLEMENT_FLOW}`, EXIT.notFound));
  if (ctx.out.json) ctx.out.record({ tenant, workflowId, ...view });
  else ctx.out.say(`${what}: ${done}`);
  ctx.out.say(`next: ledgerbridge log ${tenant} --flow ${SETTLEMENT_FLOW}`);
  return EXIT.ok;
}

/** "posting · 2 department(s) · 3/5 · 3 posted · 0 need attention", the share of the reports read that are done. */
function progressLine(stage: string, s: RunSummary): [string, number | undefined] {
  const done = s.posted + s.alreadyPosted + s.skipped + s.needsAttention + s.held + s.failed;
  return [`${stage} · ${s.departments} department(s) · ${done}/${s.read} · ${s.posted} posted · ${s.needsAttention} need attention`, s.read ? done / s.read : undefined];
}
