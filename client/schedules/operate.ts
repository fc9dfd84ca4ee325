/** What an operator does with a schedule between syncs: look, pause with a reason, unpause, run it now. */
import type { Client, ScheduleDescription } from '@temporalio/client';
import { existingSchedules, describeSchedule } from './existing';
import { specInWords } from './spec';

export interface ScheduleRow {
  scheduleId: string;
  tenant: string;
  flow: string;
  when: string;
  nextRun?: Date;
  lastRun?: Date;
  paused: boolean;
  note?: string;
}

/** The tenants' schedules (every tenant's without `tenants`), read with describe() so a pause just made shows. */
export async function listSchedules(client: Client, tenants?: readonly string[]): Promise<ScheduleRow[]> {
  return (await existingSchedules(client, tenants)).map(({ scheduleId, tenant, flow, description }) => ({
    scheduleId,
    tenant,
    flow,
    when: specInWords(description.spec),
    nextRun: description.state.paused ? undefined : description.info.nextActionTimes[0], // Temporal lists them while paused too
    lastRun: description.info.recentActions.at(-1)?.takenAt,
    paused: description.state.paused,
    note: description.state.note,
  }));
}

export class ScheduleBusy extends Error {
  override readonly name = 'ScheduleBusy';
}

/**
 * Starts the schedule's action now and returns the started workflow's id. Refused while a run is going: the
 * schedule's overlap policy (SKIP) would drop the trigger silently, and two runs of a flow at once gain nothing.
 */
export async function triggerSchedule(client: Client, scheduleId: string, timeoutMs = 10_000): Promise<string> {
  const before = await client.schedule.getHandle(scheduleId).describe();
  const running = await runningWorkflow(client, before);
  if (running) {
    throw new ScheduleBusy(`schedule ${scheduleId} is running now (workflow ${running}): let it finish, or see it with: temporal workflow describe -w ${running}`);
  }
  const seen = new Set(before.info.recentActions.map((a) => a.action.workflow.workflowId));
  await client.schedule.getHandle(scheduleId).trigger();
  // The trigger is taken asynchronously by the schedule's own workflow: the new run shows in describe() shortly.
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    const started = (await describeSchedule(client, scheduleId))?.info.recentActions.find((a) => !seen.has(a.action.workflow.workflowId));
    if (started) return started.action.workflow.workflowId;
  }
  throw new Error(`schedule ${scheduleId} accepted the trigger but started no run within ${timeoutMs / 1000} s: see it with: temporal schedule describe -s ${scheduleId}`);
}

/**
 * The run still going, if any. The dev server (1.29) leaves `runningActions` empty for a run no worker has picked
 * up yet, so the latest run is also asked directly.
 */
async function runningWorkflow(client: Client, schedule: ScheduleDescription): Promise<string | undefined> {
  const listed = schedule.info.runningActions[0]?.workflow.workflowId;
  if (listed) return listed;
  const latest = schedule.info.recentActions.at(-1)?.action.workflow.workflowId;
  if (!latest) return undefined;
  const status = await client.workflow.getHandle(latest).describe().then((d) => d.status.name, () => undefined);
  return status === 'RUNNING' ? latest : undefined;
}
