/**
 * `ledgerbridge status <tenant>`: one screen for one tenant: each flow's last run, what waits for a person and the
 * command that answers it, the next scheduled runs, and the export log's latest failures.
 */
import type { Command } from '../command';
import { EXIT } from '../output';
import { countFlag, positional } from '../args';
import { listedWithNext } from './workflows';
import { listWorkflows } from '../../workflowSearch';
import { listSchedules } from '../../schedules';
import { createExportLogRepo, createTenantRepo } from '../../../db/repos';
import { FLOWS } from '../../../domain/flows';

export const status: Command = {
  name: 'status',
  summary: "A tenant on one screen: each flow's last run, what waits for a person, next scheduled runs, failed transfers",
  usage: 'status <tenant> [--failures N] [--json]',
  examples: ['ledgerbridge status demo', 'ledgerbridge status demo --failures 20', 'ledgerbridge status demo --json | jq .waiting'],
  async run(args, ctx) {
    const tenant = positional(args, 0, 'the tenant id', 'ledgerbridge status demo');
    const failures = countFlag(args, 'failures', 5);
    const { db } = await ctx.database();
    await createTenantRepo(db).get(tenant);
    const client = await ctx.temporal();
    const [lastRuns, waiting, schedules, failed] = await Promise.all([
      Promise.all(FLOWS.map(async ({ flow }) => ({ flow, last: (await listWorkflows(client, { tenant, flow }, 1))[0] }))),
      listedWithNext(ctx, { tenant, needsAttention: true }, 100),
      listSchedules(client, [tenant]),
      createExportLogRepo(db).list({ tenant, outcome: 'failed', limit: failures }),
    ]);
    const runs = lastRuns.map(({ flow, last }) => ({
      flow, outcome: last?.status ?? 'never run', stage: last?.stage, at: last ? last.closeTime ?? last.startTime : undefined, workflowId: last?.workflowId,
    }));
    const report = {
      tenant,
      lastRuns: runs,
      waiting: waiting.map((w) => ({ workflowId: w.workflowId, flow: w.flow, businessKey: w.businessKey, stage: w.stage, since: w.startTime, next: w.next })),
      schedules: schedules.map((s) => ({ scheduleId: s.scheduleId, flow: s.flow, when: s.when, nextRun: s.nextRun, paused: s.paused })),
      failedExports: failed.map((f) => ({ at: f.at, flow: f.flow, entity: f.entityType, source: f.sourceId, attempt: f.attempt, message: f.message })),
    };
    // Waiting for a person is "not ok" (exit 1), as `batch show` says of a batch that needs attention.
    const exitCode = report.waiting.length > 0 ? EXIT.notOk : EXIT.ok;
    if (ctx.out.json) {
      ctx.out.record(report);
      return exitCode;
    }
    ctx.out.say(`tenant ${tenant}\n\nLast runs`);
    ctx.out.table(report.lastRuns, ['flow', 'outcome', 'stage', 'at', 'workflowId']);
    ctx.out.say(`\nWaiting for a person (${report.waiting.length})`);
    ctx.out.table(report.waiting, ['workflowId', 'flow', 'businessKey', 'since', 'next']);
    ctx.out.say('\nNext scheduled runs');
    ctx.out.table(report.schedules, ['scheduleId', 'when', 'nextRun', 'paused']);
    ctx.out.say(`\nFailed transfers in the export log (the newest ${failures}; all: ledgerbridge log ${tenant} --outcome failed)`);
    ctx.out.table(report.failedExports, ['at', 'flow', 'entity', 'source', 'attempt', 'message']);
    return exitCode;
  },
};
