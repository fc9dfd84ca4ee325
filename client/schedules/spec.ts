/**
 * A ScheduleSetting as a Temporal ScheduleSpec, and back into words. Times of day become one calendar each (hour,
 * minute, the weekdays) in the setting's time zone; an interval becomes an IntervalSpec. The comparison is on a
 * normalised form because the server answers describe() with expanded ranges (`hour: [{start: 6, end: 6, step: 1}]`)
 * where we sent `hour: 6`: without it every sync would look like a change.
 */
import type { CalendarSpec, CalendarSpecDescription, DayOfWeek, ScheduleSpec, ScheduleSpecDescription } from '@temporalio/client';
import { DAYS_OF_WEEK, MONTHS } from '@temporalio/client';
import { intervalMinutes, WEEKDAYS, type ActiveScheduleSetting } from '../../domain/schedule';

const TEMPORAL_DAY: Record<(typeof WEEKDAYS)[number], DayOfWeek> = {
  mon: 'MONDAY', tue: 'TUESDAY', wed: 'WEDNESDAY', thu: 'THURSDAY', fri: 'FRIDAY', sat: 'SATURDAY', sun: 'SUNDAY',
};

export function scheduleSpec(setting: ActiveScheduleSetting): ScheduleSpec {
  if ('every' in setting) return { intervals: [{ every: intervalMinutes(setting.every) * 60_000 }] };
  const dayOfWeek = setting.days?.map((d) => TEMPORAL_DAY[d]);
  return {
    calendars: setting.at.map((time) => {
      const [hour, minute] = time.split(':').map(Number) as [number, number];
      return { hour, minute, ...(dayOfWeek && { dayOfWeek }) };
    }),
    timezone: setting.timezone,
  };
}

/** The same schedule, whichever form it came in: ours (loose ranges, defaults left out) or describe()'s. */
export function normalisedSpec(spec: ScheduleSpec | ScheduleSpecDescription): string {
  return JSON.stringify({
    calendars: (spec.calendars ?? []).map(normalisedCalendar).sort(),
    intervals: (spec.intervals ?? []).map((i) => `${ms(i.every)}+${ms(i.offset ?? 0)}`).sort(),
    skip: (spec.skip ?? []).map(normalisedCalendar).sort(),
    timezone: spec.timezone || 'UTC',
    startAt: spec.startAt?.toISOString(),
    endAt: spec.endAt?.toISOString(),
    cron: 'cronExpressions' in spec ? spec.cronExpressions ?? [] : [],
  });
}

/** "06:00, 14:30 Europe/Helsinki mon–fri", "every 10 minutes"; what the server holds, not what settings say. */
export function specInWords(spec: ScheduleSpecDescription): string {
  const phrases: string[] = [];
  const calendars = spec.calendars ?? [];
  const byDays = new Map<string, string[]>();
  for (const calendar of calendars) {
    const days = daysInWords(values(calendar.dayOfWeek, '*', 7, (d) => DAYS_OF_WEEK.indexOf(d as DayOfWeek)));
    const times = values(calendar.hour, [0], 24).flatMap((h) => values(calendar.minute, [0], 60).map((m) => `${pad(h)}:${pad(m)}`));
    byDays.set(days, [...(byDays.get(days) ?? []), ...times]);
  }
  for (const [days, times] of byDays) phrases.push(`${times.sort().join(', ')} ${spec.timezone || 'UTC'} ${days}`);
  for (const interval of spec.intervals ?? []) phrases.push(`every ${durationInWords(interval.every)}`);
  return phrases.join('; ') || 'never (no times)';
}

function normalisedCalendar(calendar: CalendarSpec | CalendarSpecDescription): string {
  return [
    expand(calendar.second, [0], 59),
    expand(calendar.minute, [0], 59),
    expand(calendar.hour, [0], 23),
    expand(calendar.dayOfMonth, '*', 31, 1),
    expand(calendar.month, '*', 12, 1, (m) => MONTHS.indexOf(m as (typeof MONTHS)[number]) + 1),
    expand(calendar.year, '*', 0),
    expand(calendar.dayOfWeek, '*', 6, 0, (d) => DAYS_OF_WEEK.indexOf(d as DayOfWeek)),
  ].join('|');
}

/**
 * A calendar field as the sorted list of values it matches, `*` for all of them (describe() spells "all" as the full
 * range, so a full range is folded into `*` too; years have no full range and stay as given).
 */
function expand(field: unknown, fallback: number[] | '*', max: number, min = 0, toNumber: (v: unknown) => number = Number): string {
  if (field === undefined || (Array.isArray(field) && field.length === 0)) return fallback === '*' ? '*' : fallback.join(',');
  if (field === '*') return '*';
  const set = new Set<number>();
  for (const part of Array.isArray(field) ? field : [field]) {
    if (typeof part === 'object' && part !== null) {
      const { start, end, step } = part as { start: unknown; end?: unknown; step?: number };
      const from = toNumber(start);
      const to = Math.max(from, end === undefined ? from : toNumber(end));
      for (let v = from; v <= to; v += Math.max(1, step ?? 1)) set.add(v);
    } else set.add(toNumber(part));
  }
  const sorted = [...set].sort((a, b) => a - b);
  if (max > 0 && sorted.length === max - min + 1) return '*';
  return sorted.join(',');
}

/** The values a described field matches, e.g. hours [6, 14]. */
function values(ranges: unknown, fallback: number[] | '*', count: number, toNumber: (v: unknown) => number = Number): number[] {
  const listed = expand(ranges, fallback, count - 1, 0, toNumber);
  return listed === '*' ? Array.from({ length: count }, (_, i) => i) : listed.split(',').map(Number);
}

const SHORT_DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function daysInWords(days: number[]): string {
  if (days.length === 7) return 'daily';
  if (days.join() === '1,2,3,4,5') return 'mon–fri';
  return days.map((d) => SHORT_DAYS[d]).join(', ');
}

function durationInWords(msValue: number): string {
  const minutes = Math.round(msValue / 60_000);
  if (minutes % 60 === 0) return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

const pad = (n: number) => String(n).padStart(2, '0');
const ms = (d: unknown) => (typeof d === 'number' ? d : String(d));
