/**
 * The schedules ledgerbridge owns in Temporal. Each is read with describe(), which is strongly consistent; the
 * listing (visibility) lags behind creates, pauses and deletes by a moment, so it only adds ids the registry no
 * longer names (a flow since removed, a tenant since deleted), never decides what a schedule holds.
 */
import { ScheduleNotFoundError, type Client, type ScheduleDescription } from '@temporalio/client';
import { SCHEDULED_FLOWS, scheduleIdOf } from '../../domain/scheduledFlows';
import { TenantKey } from '../../workflows/searchAttributes';
import { ownedBy, type ScheduleMemo } from './definition';

export interface ExistingSchedule extends ScheduleMemo {
  scheduleId: string;
  description: ScheduleDescription;
}

/** For the given tenants, or for every tenant when `tenants` is undefined. */
export async function existingSchedules(client: Client, tenants?: readonly string[]): Promise<ExistingSchedule[]> {
  const ids = new Set<string>();
  for (const tenant of tenants ?? []) for (const { flow } of SCHEDULED_FLOWS) ids.add(scheduleIdOf(tenant, flow));
  const query = tenants?.length === 1 ? `${TenantKey.name} = '${tenants[0]}'` : undefined;
  for await (const summary of client.schedule.list({ query })) {
    const owner = ownedBy(summary);
    if (owner && (!tenants || tenants.includes(owner.tenant))) ids.add(summary.scheduleId);
  }
  const found: ExistingSchedule[] = [];
  for (const scheduleId of [...ids].sort()) {
    const description = await describeSchedule(client, scheduleId);
    const owner = description && ownedBy(description);
    if (owner) found.push({ ...owner, scheduleId, description: description! });
  }
  return found;
}

export async function describeSchedule(client: Client, scheduleId: string): Promise<ScheduleDescription | undefined> {
  try {
    return await client.schedule.getHandle(scheduleId).describe();
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return undefined;
    throw err;
  }
}
