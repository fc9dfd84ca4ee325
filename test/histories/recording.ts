/**
 * What the recorder needs to keep a history: a look at where a run stands (read from its events, since the
 * status query says nothing about pending timers), and a place named after the release that wrote it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { historyToJson } from '../replay/historyJson';
import { HISTORIES_DIR, replayHistoryFile } from '../replay/replayHistory';
import { secretsIn } from './secrets';

type Events = temporal.api.history.v1.IHistoryEvent[];
const { EventType } = temporal.api.enums.v1;

export const scheduled = (events: Events, activity: string): number =>
  events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activity).length;

export const completed = (events: Events, activity: string): number => {
  const ids = new Set(events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activity).map((e) => String(e.eventId)));
  return events.filter((e) => ids.has(String(e.activityTaskCompletedEventAttributes?.scheduledEventId))).length;
};

export const timersFired = (events: Events): number => events.filter((e) => e.eventType === EventType.EVENT_TYPE_TIMER_FIRED).length;

export const signals = (events: Events, name: string): number =>
  events.filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === name).length;

export const continuedAsNew = (events: Events) => events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes ?? undefined;

/** The run waits: its last workflow task is finished and no activity is running (a timer may be). */
export function waiting(events: Events): boolean {
  const lastTask = events.filter((e) => WORKFLOW_TASK_EVENTS.has(e.eventType!)).at(-1);
  if (lastTask?.eventType !== EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) return false;
  const open = new Set(events.filter((e) => e.activityTaskScheduledEventAttributes).map((e) => String(e.eventId)));
  for (const e of events) {
    const closed = e.activityTaskCompletedEventAttributes ?? e.activityTaskFailedEventAttributes ?? e.activityTaskTimedOutEventAttributes ?? e.activityTaskCanceledEventAttributes;
    if (closed) open.delete(String(closed.scheduledEventId));
  }
  return open.size === 0;
}

const WORKFLOW_TASK_EVENTS = new Set([
  EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
  EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED, EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT,
]);

export async function waitForHistory(handle: WorkflowHandle, until: (events: Events) => boolean, what: string, timeoutMs = 30_000): Promise<History> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const history = await handle.fetchHistory();
    if (until(history.events ?? [])) return history;
    if (Date.now() > deadline) throw new Error(`workflow ${handle.workflowId} did not reach "${what}" within ${timeoutMs} ms (${history.events?.length} events)`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The release the histories come from: the checked-out commit, which must be what the worker runs (nothing
 * changed outside test/ and docs/), or the folder would name a release that never ran this code.
 */
export function releaseUnderRecording(): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: HISTORIES_DIR, encoding: 'utf8' }).trim();
  const changed = git('status', '--porcelain', '--untracked-files=no', '--', ':/', ':/!test', ':/!docs');
  if (changed) throw new Error(`uncommitted changes outside test/ and docs/ (${changed.split('\n').join('; ')}): record from a clean checkout of the release`);
  return git('rev-parse', '--short', 'HEAD');
}

/** Writes the history as JSON and proves it reads back and replays, and holds no demo secret, before keeping it. */
export async function keepHistory(release: string, name: string, history: History, workflowBundle: WorkflowBundleWithSourceMap): Promise<void> {
  const json = historyToJson(history);
  const leaked = secretsIn(json);
  if (leaked.length) throw new Error(`the ${name} history holds the ${leaked.join(', ')}: find the activity input or result that carries it and keep it in the database instead`);
  const file = path.join(release, `${name}.json`);
  fs.mkdirSync(path.join(HISTORIES_DIR, release), { recursive: true });
  fs.writeFileSync(path.join(HISTORIES_DIR, file), json + '\n');
  try {
    await replayHistoryFile(file, workflowBundle);
  } catch (err) {
    fs.rmSync(path.join(HISTORIES_DIR, file));
    throw err;
  }
}
