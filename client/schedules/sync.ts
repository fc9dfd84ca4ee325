/**
 * Reconciles Temporal Schedules with tenant settings: each tenant's settings say which flows run when
 * (domain/scheduledFlows.ts); a sync creates what is missing, updates what differs, deletes what is no longer
 * wanted, and leaves alone what already matches, so a second sync changes nothing. A pause is the operator's:
 * an update keeps it and its note.
 */
import type { Client } from '@temporalio/client';
import type { Db } from '../../db';
import { createTenantRepo, type Tenant } from '../../db/repos';
import { wantedSchedules, scheduleIdOf, type WantedSchedule } from '../../domain/scheduledFlows';
import { TASK_QUEUE } from '../../platform/config';
import { isAsWanted, scheduleOptions } from './definition';
import { describeSchedule, existingSchedules, type ExistingSchedule } from './existing';
import { specInWords } from './spec';

export type SyncOutcome =
  | 'created'
  | 'updated'
  | 'unchanged'
  | 'deleted'
  /** Updated to the settings and still paused, as the operator left it. */
  | 'paused-kept'
  /** The tenant's settings are invalid: its schedules are left as they were. */
  | 'failed';

export interface ScheduleSyncResult {
  scheduleId: string;
  tenant: string;
  flow: string;
  outcome: SyncOutcome;
  /** When it runs, as Temporal now holds it ("06:00 Europe/Helsinki daily"); absent once deleted. */
  when?: string;
  paused?: boolean;
  note?: string;
  error?: string;
}

export interface SyncOptions {
  /** One tenant; default every tenant (and schedules of tenants that no longer exist are deleted). */
  tenant?: string;
  taskQueue?: string;
}

export async function syncSchedules(client: Client, db: Db, { tenant, taskQueue = TASK_QUEUE }: SyncOptions = {}): Promise<ScheduleSyncResult[]> {
  const repo = createTenantRepo(db);
  const tenants = tenant ? [await repo.get(tenant)] : await repo.list();
  const existing = await existingSchedules(client, tenant ? [tenant] : undefined);
  const results: ScheduleSyncResult[] = [];
  for (const t of tenants) {
    const mine = existing.filter((s) => s.tenant === t.id);
    results.push(...(await syncTenant(client, t, mine, taskQueue)));
  }
  const known = new Set(tenants.map((t) => t.id as string));
  for (const orphan of existing.filter((s) => !known.has(s.tenant))) results.push(await remove(client, orphan));
  return results;
}

async function syncTenant(client: Client, tenant: Tenant, existing: ExistingSchedule[], taskQueue: string): Promise<ScheduleSyncResult[]> {
  let wanted: WantedSchedule[];
  try {
    wanted = wantedSchedules(tenant.id, tenant.settings);
  } catch (err) {
    return [{ scheduleId: `${tenant.id}/*`, tenant: tenant.id, flow: '*', outcome: 'failed', error: (err as Error).message }];
  }
  const results: ScheduleSyncResult[] = [];
  for (const { scheduledFlow, setting } of wanted) {
    const options = scheduleOptions(tenant.id, scheduledFlow, setting, taskQueue);
    const current = existing.find((s) => s.scheduleId === options.scheduleId)?.description;
    const base = { scheduleId: options.scheduleId, tenant: tenant.id, flow: scheduledFlow.flow };
    if (!current) {
      await client.schedule.create(options);
      results.push({ ...base, outcome: 'created', ...(await stateOf(client, options.scheduleId)) });
      continue;
    }
    if (isAsWanted(options, current)) {
      results.push({ ...base, outcome: 'unchanged', when: specInWords(current.spec), paused: current.state.paused, note: current.state.note });
      continue;
    }
    await client.schedule.getHandle(options.scheduleId).update((previous) => ({
      spec: options.spec,
      action: options.action,
      policies: options.policies,
      typedSearchAttributes: options.typedSearchAttributes,
      // The operator's pause and its note stay; so does a limit on the remaining runs.
      state: { paused: previous.state.paused, note: previous.state.note, remainingActions: previous.state.remainingActions },
    }));
    results.push({ ...base, outcome: current.state.paused ? 'paused-kept' : 'updated', ...(await stateOf(client, options.scheduleId)) });
  }
  const wantedIds = new Set(wanted.map((w) => scheduleIdOf(tenant.id, w.scheduledFlow.flow)));
  for (const unwanted of existing.filter((s) => !wantedIds.has(s.scheduleId))) results.push(await remove(client, unwanted));
  return results;
}

async function remove(client: Client, schedule: ExistingSchedule): Promise<ScheduleSyncResult> {
  await client.schedule.getHandle(schedule.scheduleId).delete();
  return { scheduleId: schedule.scheduleId, tenant: schedule.tenant, flow: schedule.flow, outcome: 'deleted' };
}

async function stateOf(client: Client, scheduleId: string): Promise<Pick<ScheduleSyncResult, 'when' | 'paused' | 'note'>> {
  const description = await describeSchedule(client, scheduleId);
  return description ? { when: specInWords(description.spec), paused: description.state.paused, note: description.state.note } : {};
}
