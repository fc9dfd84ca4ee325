/**
 * When a scheduled flow runs, as a tenant setting every flow reuses (`severa.transferSchedule`,
 * `duell.settlementSchedule`, …): times of day in a time zone, or a fixed interval. Turned into a Temporal
 * ScheduleSpec by client/schedules/spec.ts; client/schedules/sync.ts reconciles each tenant's Temporal Schedules
 * with its settings (domain/scheduledFlows.ts says which setting holds which flow's schedule).
 *
 *   {"at": ["06:00", "14:30"], "timezone": "Europe/Helsinki"}        twice a day, Helsinki time
 *   {"at": ["02:00"], "days": ["mon","tue","wed","thu","fri"]}        on weekdays
 *   {"every": "10 minutes"}                                          every ten minutes
 *   {"off": true}                                                    no schedule (the flow runs by hand only)
 */
import { z } from 'zod';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day like "06:00" (24-hour, HH:MM)');
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const interval = z.string()
  .regex(/^\d+\s*(m|minutes?|h|hours?)$/, { message: 'an interval like "10 minutes" or "1 hour"', abort: true })
  .refine((every) => intervalMinutes(every) > 0, 'an interval of at least 1 minute');

export const scheduleSettingSchema = z.union([
  z.object({
    at: z.array(time).min(1).max(24),
    days: z.array(z.enum(WEEKDAYS)).min(1).optional(),
    timezone: z.string().default('Europe/Helsinki').refine(isTimeZone, 'an IANA time zone like "Europe/Helsinki" or "Europe/Oslo"'),
  }).strict(),
  z.object({ every: interval }).strict(),
  z.object({ off: z.literal(true) }).strict(),
]);

export type ScheduleSetting = z.output<typeof scheduleSettingSchema>;
/** A schedule that runs: times of day or an interval. */
export type ActiveScheduleSetting = Exclude<ScheduleSetting, { off: true }>;

/** "10 minutes", "1 hour", "90m", "2h" → minutes (the schema has checked the form). */
export function intervalMinutes(every: string): number {
  const [, amount, unit] = /^(\d+)\s*([mh])/.exec(every)!;
  return Number(amount) * (unit === 'h' ? 60 : 1);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
