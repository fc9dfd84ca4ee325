/**
 * `ledgerbridge workflows list|count`: every flow's workflows in one place, found through the search attributes
 * each sets (Tenant, Flow, BusinessKey, Stage, NeedsAttention), with the command a waiting one needs next.
 */
import type { Command } from '../command';
import type { CommandContext } from '../context';
import { CliError, EXIT } from '../output';
import { countFlag, flag, hasFlag, type ParsedArgs } from '../args';
import { nearest } from '../validate';
import { nextActions } from '../../attention';
import {
  EXECUTION_STATUSES, GROUPINGS, countWorkflows, listWorkflows, type ExecutionStatus, type Grouping, type WorkflowFilter, type WorkflowRow,
} from '../../workflowSearch';
import { createTenantRepo } from '../../../db/repos';
import { FLOW_NAMES } from '../../../domain/flows';
import { TASK_QUEUE } from '../../../platform/config';

const FILTERS = `[--tenant <tenant>] [--flow ${FLOW_NAMES.join('|')}] [--needs-attention] [--stage <stage>] [--status ${Object.keys(EXECUTION_STATUSES).join('|')}]`;

export const workflowsList: Command = {
  name: 'workflows list',
  summary: 'Workflows of every flow, newest first, with stage, status and the command a waiting one needs next',
  usage: `workflows list ${FILTERS} [--limit N] [--json]`,
  examples: [
    'ledgerbridge workflows list --needs-attention',
    'ledgerbridge workflows list --tenant demo --flow batch --status running',
    'ledgerbridge workflows list --tenant demo --stage awaiting-approval --json',
  ],
  booleans: ['needs-attention'],
  async run(args, ctx) {
    const filter = await workflowFilter(args, ctx);
    const limit = countFlag(args, 'limit', 50);
    const rows = await listedWithNext(ctx, filter, limit);
    if (ctx.out.json) {
      ctx.out.table(rows as unknown as Record<string, unknown>[]);
      return EXIT.ok;
    }
    ctx.out.table(rows.map((r) => ({
      workflow: r.workflowId, tenant: r.tenant, flow: r.flow, key: r.businessKey, stage: r.stage,
      attention: r.needsAttention ? 'needs-attention' : undefined, status: r.status, started: r.startTime, next: r.next,
    })), ['workflow', 'tenant', 'flow', 'key', 'stage', 'attention', 'status', 'started', 'next']);
    if (rows.length === limit) ctx.out.say(`(the newest ${limit}; more with --limit ${Math.min(limit * 4, 10_000)})`);
    return EXIT.ok;
  },
};

export const workflowsCount: Command = {
  name: 'workflows count',
  summary: 'How many workflows match, in all or per flow, stage, tenant or status (Temporal\'s count API)',
  usage: `workflows count ${FILTERS} [--group-by ${GROUPINGS.join('|')}] [--json]`,
  examples: [
    'ledgerbridge workflows count --needs-attention --group-by tenant',
    'ledgerbridge workflows count --tenant demo --group-by flow',
    'ledgerbridge workflows count --flow invoice-transfer --group-by status --json',
  ],
  booleans: ['needs-attention'],
  async run(args, ctx) {
    const filter = await workflowFilter(args, ctx);
    const groupBy = flag(args, 'group-by') as Grouping | undefined;
    if (groupBy !== undefined && !GROUPINGS.includes(groupBy)) throw new CliError(`--group-by ${groupBy}: use one of ${GROUPINGS.join(', ')}`);
    const counted = await countWorkflows(await ctx.temporal(), filter, groupBy, async (grouping) => {
      if (grouping === 'flow') return FLOW_NAMES;
      if (grouping === 'tenant') return (await createTenantRepo((await ctx.database()).db).list()).map((t) => t.id);
      // No list of every flow's stages exists: the stages are those the matching workflows show now.
      return [...new Set((await listWorkflows(await ctx.temporal(), filter, 10_000)).flatMap((r) => (r.stage ? [r.stage] : [])))].sort();
    });
    if (ctx.out.json) {
      ctx.out.record({ total: counted.total, ...(groupBy ? { groupBy, groups: counted.groups } : {}) });
      return EXIT.ok;
    }
    if (groupBy) ctx.out.table(counted.groups.map((g) => ({ [groupBy]: g.value, count: g.count })), [groupBy, 'count']);
    ctx.out.say(`total: ${counted.total}`);
    return EXIT.ok;
  },
};

/** The rows with `next`: the exact command a waiting workflow names (asked of it; see nextActions). */
export async function listedWithNext(ctx: CommandContext, filter: WorkflowFilter, limit: number): Promise<(WorkflowRow & { next?: string })[]> {
  const client = await ctx.temporal();
  const rows = await listWorkflows(client, filter, limit);
  const next = await nextActions(client, rows, TASK_QUEUE);
  if (next === undefined) ctx.out.note(`warning: no worker polls task queue "${TASK_QUEUE}": the waiting workflows cannot say their next command`);
  return rows.map((r) => ({ ...r, next: next?.get(r.workflowId) }));
}

async function workflowFilter(args: ParsedArgs, ctx: CommandContext): Promise<WorkflowFilter> {
  const flow = flag(args, 'flow');
  if (flow !== undefined && !FLOW_NAMES.includes(flow)) {
    throw new CliError(`unknown flow "${flow}": the flows are ${FLOW_NAMES.join(', ')}${nearest(flow, [...FLOW_NAMES])}`);
  }
  const status = flag(args, 'status') as ExecutionStatus | undefined;
  if (status !== undefined && !Object.hasOwn(EXECUTION_STATUSES, status)) throw new CliError(`--status ${status}: use one of ${Object.keys(EXECUTION_STATUSES).join(', ')}`);
  const tenant = flag(args, 'tenant');
  if (tenant !== undefined) await createTenantRepo((await ctx.database()).db).get(tenant);
  return { tenant, flow, stage: flag(args, 'stage'), status, needsAttention: hasFlag(args, 'needs-attention') ? true : undefined };
}
