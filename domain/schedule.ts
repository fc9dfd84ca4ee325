/**
 * When a scheduled flow runs, as a tenant setting every flow reuses (`severa.transferSchedule`,
 * `duell.settlementSchedule`, …): times of day in a time zone, or a fixed interval. Turned into a Temporal
 * ScheduleSpec by client/schedules.ts, which reconciles each tenant's Temporal Schedules with its settings.
 *
 *   {"at": ["06:00", "14:30"], "timezone": "Europe/Helsinki"}        twice a day, Helsinki time
 *   {"at": ["02:00"], "days": ["mon","tue","wed","thu","fri"]}        on weekdays
 *   {"every": "10 minutes"}                                          every ten minutes
 *   {"off": true}                                                    no schedule (the flow runs by hand only)
 */
import { z } from 'zod';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day like "06:00" (24-hour, HH:MM)');
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const interval = z.string().regex(/^\d+\s*(m|minutes?|h|hours?)$/, 'an interval like "10 minutes" or "1 hour"');

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

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
