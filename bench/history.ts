/**
 * Where the workflow's time went, read from its own history: per activity type the wall time (scheduled →
 * completed, so an attempt that timed out and was retried counts) and the last attempt's run time (started →
 * completed; the Started event of a retried activity is the last attempt's), and the time when no activity was
 * scheduled or running (workflow task round trips through the server between steps).
 */
import type { temporal } from '@temporalio/proto';
import { tsToMs } from '@temporalio/common/lib/time';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

export interface ActivityProfile {
  activity: string;
  count: number;
  /** Sum of scheduled → completed: the wall time the workflow waited, earlier failed attempts included. */
  wallMs: number;
  /** Sum of started → completed of the last attempt. */
  runMs: number;
  maxWallMs: number;
  /** First scheduled → last completed: the elapsed time of the step when its runs overlap (chunks in flight together). */
  spanMs: number;
  firstAt: number;
}

export interface HistoryProfile {
  events: number;
  /** First event to last. */
  totalMs: number;
  activities: ActivityProfile[];
  /** Time with no activity scheduled or running: workflow tasks between steps (the server and the workflow's own code). */
  betweenActivitiesMs: number;
  workflowTasks: number;
  /** Attempts beyond the first, by activity type (a retried transient fault shows here). */
  retries: Record<string, number>;
}

const num = (v: unknown) => Number(String(v ?? 0));

export function profileHistory(events: HistoryEvent[]): HistoryProfile {
  const scheduled = new Map<number, { type: string; at: number }>();
  const started = new Map<number, number>();
  const byType = new Map<string, ActivityProfile>();
  const retries: Record<string, number> = {};
  const inFlight = new Set<number>();
  let idleSince: number | undefined;
  let between = 0;
  let workflowTasks = 0;
  for (const e of events) {
    const at = tsToMs(e.eventTime);
    if (e.activityTaskScheduledEventAttributes) {
      const type = e.activityTaskScheduledEventAttributes.activityType?.name ?? '?';
      scheduled.set(num(e.eventId), { type, at });
      inFlight.add(num(e.eventId));
      if (idleSince !== undefined) between += at - idleSince;
      idleSince = undefined;
    } else if (e.activityTaskStartedEventAttributes) {
      const a = e.activityTaskStartedEventAttributes;
      started.set(num(a.scheduledEventId), at);
      const type = scheduled.get(num(a.scheduledEventId))?.type ?? '?';
      if ((a.attempt ?? 1) > 1) retries[type] = (retries[type] ?? 0) + (a.attempt ?? 1) - 1;
    } else {
      const done = e.activityTaskCompletedEventAttributes ?? e.activityTaskFailedEventAttributes ?? e.activityTaskTimedOutEventAttributes;
      if (done) {
        const s = scheduled.get(num(done.scheduledEventId));
        const st = started.get(num(done.scheduledEventId)) ?? s?.at ?? at;
        const p = byType.get(s?.type ?? '?') ?? { activity: s?.type ?? '?', count: 0, wallMs: 0, runMs: 0, maxWallMs: 0, spanMs: 0, firstAt: s?.at ?? st };
        const wall = at - (s?.at ?? st);
        p.firstAt = Math.min(p.firstAt, s?.at ?? st);
        p.spanMs = at - p.firstAt;
        p.count++;
        p.wallMs += wall;
        p.runMs += at - st;
        p.maxWallMs = Math.max(p.maxWallMs, wall);
        byType.set(p.activity, p);
        inFlight.delete(num(done.scheduledEventId));
        if (inFlight.size === 0) idleSince = at;
      }
    }
    if (e.workflowTaskCompletedEventAttributes) workflowTasks++;
  }
  const first = events.length ? tsToMs(events[0]!.eventTime) : 0;
  const last = events.length ? tsToMs(events[events.length - 1]!.eventTime) : 0;
  return {
    events: events.length,
    totalMs: last - first,
    activities: [...byType.values()].sort((a, b) => a.firstAt - b.firstAt),
    betweenActivitiesMs: between,
    workflowTasks,
    retries,
  };
}
