/**
 * `ledgerbridge schedules …`: each tenant's Temporal Schedules follow its settings (`schedules sync`, also run by
 * `npm start`); between syncs an operator looks at them, pauses one with a reason, unpauses it, or runs it now.
 */
import type { Client } from '@temporalio/client';
import type { Command } from '../command';
import type { CommandContext } from '../context';
import { CliError, EXIT } from '../output';
import { flag, positional, type ParsedArgs } from '../args';
import { createTenantRepo } from '../../../db/repos';
import { SCHEDULED_FLOWS, findScheduledFlow, scheduleIdOf } from '../../../domain/scheduledFlows';
import { describeSchedule, listSchedules, syncSchedules, triggerSchedule } from '../../schedules';

const FLOW_NAMES = SCHEDULED_FLOWS.map((f) => f.flow).join(', ');

export const schedulesSync: Command = {
  name: 'schedules sync',
  summary: "Create, update and delete tenants' Temporal Schedules to match their settings (a pause is kept)",
  usage: 'schedules sync [<tenant>] [--json]',
  examples: [
    'ledgerbridge schedules sync            # every tenant',
    'ledgerbridge schedules sync acme-oy    # after: ledgerbridge tenants settings acme-oy severa=\'{"transferSchedule":{"at":["07:00"]}}\'',
  ],
  async run(args, ctx) {
    const { db } = await ctx.database();
    const results = await syncSchedules(await ctx.temporal(), db, { tenant: args.positionals[0] });
    if (ctx.out.json) ctx.out.table(results.map((r) => ({ ...r })));
    else ctx.out.table(results.map((r) => ({ ...r, paused: pausedInWords(r) })), ['scheduleId', 'outcome', 'when', 'paused', 'error']);
    if (results.length === 0) ctx.out.say(`no schedules: a tenant's flow is scheduled when its settings hold the flow's key, e.g. ledgerbridge tenants settings acme-oy ${SCHEDULED_FLOWS[0]!.settingExample}`);
    return results.some((r) => r.outcome === 'failed') ? EXIT.notOk : EXIT.ok;
  },
};

export const schedulesList: Command = {
  name: 'schedules list',
  summary: 'List Temporal Schedules: when each runs, its next and last run, and whether it is paused and why',
  usage: 'schedules list [<tenant>] [--json]',
  examples: ['ledgerbridge schedules list', 'ledgerbridge schedules list acme-oy --json'],
  async run(args, ctx) {
    const tenant = args.positionals[0];
    const { db } = await ctx.database();
    const tenants = tenant ? [(await createTenantRepo(db).get(tenant)).id] : (await createTenantRepo(db).list()).map((t) => t.id);
    const rows = await listSchedules(await ctx.temporal(), tenants);
    if (ctx.out.json) ctx.out.table(rows.map((r) => ({ ...r })));
    else ctx.out.table(rows.map((r) => ({ ...r, paused: pausedInWords(r) })), ['scheduleId', 'flow', 'when', 'nextRun', 'lastRun', 'paused']);
    return EXIT.ok;
  },
};

export const schedulesPause: Command = {
  name: 'schedules pause',
  summary: 'Pause a tenant\'s schedule for one flow, with a note saying why (a sync keeps it paused)',
  usage: 'schedules pause <tenant> <flow> [--note "<why>"] [--json]',
  examples: [`ledgerbridge schedules pause acme-oy invoice-transfer --note "Talenom closes the year, until 5 Jan"`],
  async run(args, ctx) {
    const { client, scheduleId } = await scheduleOf(args, ctx, 'pause');
    const note = flag(args, 'note') ?? 'paused with ledgerbridge schedules pause';
    await client.schedule.getHandle(scheduleId).pause(note);
    ctx.out.record({ scheduleId, paused: true, note });
    ctx.out.say(`undo with: ledgerbridge schedules unpause ${args.positionals[0]} ${args.positionals[1]}`);
    return EXIT.ok;
  },
};

export const schedulesUnpause: Command = {
  name: 'schedules unpause',
  summary: "Unpause a tenant's schedule for one flow",
  usage: 'schedules unpause <tenant> <flow> [--json]',
  examples: ['ledgerbridge schedules unpause acme-oy invoice-transfer'],
  async run(args, ctx) {
    const { client, scheduleId } = await scheduleOf(args, ctx, 'unpause');
    await client.schedule.getHandle(scheduleId).unpause('unpaused with ledgerbridge schedules unpause');
    const description = await describeSchedule(client, scheduleId);
    ctx.out.record({ scheduleId, paused: description?.state.paused ?? false, nextRun: description?.info.nextActionTimes[0] });
    return EXIT.ok;
  },
};

export const schedulesTrigger: Command = {
  name: 'schedules trigger',
  summary: "Run a tenant's scheduled flow now (as its schedule would) and print the started workflow's id",
  usage: 'schedules trigger <tenant> <flow> [--json]',
  examples: ['ledgerbridge schedules trigger acme-oy invoice-transfer'],
  async run(args, ctx) {
    const { client, scheduleId } = await scheduleOf(args, ctx, 'trigger');
    const workflowId = await triggerSchedule(client, scheduleId);
    ctx.out.record({ scheduleId, workflowId });
    ctx.out.say(`follow it with: temporal workflow describe -w ${workflowId}`);
    return EXIT.ok;
  },
};

function pausedInWords({ paused, note }: { paused?: boolean; note?: string }): string | undefined {
  if (paused === undefined) return undefined; // deleted, or not synced
  return paused ? `yes: ${note ?? ''}` : 'no';
}

/**
 * The schedule of a tenant and flow, or a refusal that says what is missing: an unknown flow lists the flows, a
 * tenant without the flow's setting gets the setting to add, an unsynced one the sync to run.
 */
async function scheduleOf(args: ParsedArgs, ctx: CommandContext, verb: string): Promise<{ client: Client; scheduleId: string }> {
  const example = `ledgerbridge schedules ${verb} acme-oy invoice-transfer`;
  const tenant = positional(args, 0, 'the tenant id', example);
  const name = positional(args, 1, `the flow (${FLOW_NAMES})`, example);
  const scheduledFlow = findScheduledFlow(name);
  if (!scheduledFlow) throw new CliError(`unknown flow "${name}": the scheduled flows are ${FLOW_NAMES}; e.g. ledgerbridge schedules ${verb} ${tenant} ${SCHEDULED_FLOWS[0]!.flow}`);
  const { db } = await ctx.database();
  const { settings } = await createTenantRepo(db).get(tenant);
  const client = await ctx.temporal();
  const scheduleId = scheduleIdOf(tenant, scheduledFlow.flow);
  if (await describeSchedule(client, scheduleId)) return { client, scheduleId };
  const value = settings[scheduledFlow.settingsKey];
  if (value === undefined) {
    throw new CliError(
      `tenant ${tenant} has no ${scheduledFlow.settingsKey} setting, so ${scheduledFlow.flow} is not scheduled: add it, e.g. ` +
        `ledgerbridge tenants settings ${tenant} ${scheduledFlow.settingExample}; then: ledgerbridge schedules sync ${tenant}`,
      EXIT.notFound,
    );
  }
  if (!scheduledFlow.schedule(value, tenant)) {
    throw new CliError(`tenant ${tenant}'s ${scheduledFlow.settingPath} is {"off":true}, so ${scheduledFlow.flow} has no schedule: give it times (e.g. {"at":["06:00"]}) and run: ledgerbridge schedules sync ${tenant}`, EXIT.notFound);
  }
  throw new CliError(`tenant ${tenant} has no ${scheduledFlow.flow} schedule in Temporal yet: create it with: ledgerbridge schedules sync ${tenant}`, EXIT.notFound);
}
