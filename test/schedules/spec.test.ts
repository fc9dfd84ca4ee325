/** Settings → Temporal ScheduleSpec and which flows a tenant's settings schedule, without a server. */
import type { DayOfWeek, ScheduleSpecDescription } from '@temporalio/client';
import { scheduleSettingSchema } from '../../domain/schedule';
import { wantedSchedules } from '../../domain/scheduledFlows';
import { normalisedSpec, scheduleSpec, specInWords } from '../../client/schedules/spec';

const active = (value: unknown) => {
  const setting = scheduleSettingSchema.parse(value);
  if ('off' in setting) throw new Error('expected a schedule that runs');
  return setting;
};

const range = <T>(start: T, end = start) => ({ start, end, step: 1 });

test('times of day become one calendar each, in the setting’s time zone, every day', () => {
  expect(scheduleSpec(active({ at: ['06:00', '14:30'], timezone: 'Europe/Oslo' }))).toEqual({
    calendars: [{ hour: 6, minute: 0 }, { hour: 14, minute: 30 }],
    timezone: 'Europe/Oslo',
  });
});

test('the time zone defaults to Helsinki and days become Temporal weekdays', () => {
  expect(scheduleSpec(active({ at: ['02:00'], days: ['mon', 'fri', 'sun'] }))).toEqual({
    calendars: [{ hour: 2, minute: 0, dayOfWeek: ['MONDAY', 'FRIDAY', 'SUNDAY'] }],
    timezone: 'Europe/Helsinki',
  });
});

test('an interval becomes an IntervalSpec in milliseconds, in minutes or hours', () => {
  expect(scheduleSpec(active({ every: '10 minutes' }))).toEqual({ intervals: [{ every: 600_000 }] });
  expect(scheduleSpec(active({ every: '2h' }))).toEqual({ intervals: [{ every: 7_200_000 }] });
  expect(scheduleSettingSchema.safeParse({ every: '0 minutes' }).success).toBe(false);
});

test('our spec and the server’s expanded description of it normalise alike; another time does not', () => {
  const ours = scheduleSpec(active({ at: ['06:00'], days: ['mon', 'tue', 'wed', 'thu', 'fri'] }));
  const described: ScheduleSpecDescription = {
    calendars: [{
      second: [range(0)], minute: [range(0)], hour: [range(6)], dayOfMonth: [range(1, 31)],
      month: [range('JANUARY', 'DECEMBER')], year: [], dayOfWeek: [range('MONDAY', 'FRIDAY')],
    }],
    intervals: [],
    skip: [],
    timezone: 'Europe/Helsinki',
  };
  expect(normalisedSpec(ours)).toBe(normalisedSpec(described));
  const later = { ...described, calendars: [{ ...described.calendars![0]!, hour: [range(7)] }] };
  expect(normalisedSpec(ours)).not.toBe(normalisedSpec(later));
  expect(normalisedSpec(ours)).not.toBe(normalisedSpec({ ...described, timezone: 'Europe/Oslo' }));
  expect(normalisedSpec(scheduleSpec(active({ every: '10m' })))).toBe(normalisedSpec({ intervals: [{ every: 600_000, offset: 0 }] }));
});

test('what Temporal holds reads back in words', () => {
  const daily: ScheduleSpecDescription = {
    calendars: [
      { second: [range(0)], minute: [range(30)], hour: [range(14)], dayOfMonth: [range(1, 31)], month: [range('JANUARY', 'DECEMBER')], year: [], dayOfWeek: [range('SUNDAY', 'SATURDAY')] },
      { second: [range(0)], minute: [range(0)], hour: [range(6)], dayOfMonth: [range(1, 31)], month: [range('JANUARY', 'DECEMBER')], year: [], dayOfWeek: [range('SUNDAY', 'SATURDAY')] },
    ],
    timezone: 'Europe/Helsinki',
  };
  expect(specInWords(daily)).toBe('06:00, 14:30 Europe/Helsinki daily');
  const weekdays: ScheduleSpecDescription = { ...daily, calendars: [{ ...daily.calendars![1]!, dayOfWeek: [range<DayOfWeek>('MONDAY', 'FRIDAY')] }] };
  expect(specInWords(weekdays)).toBe('06:00 Europe/Helsinki mon–fri');
  expect(specInWords({ intervals: [{ every: 600_000, offset: 0 }] })).toBe('every 10 minutes');
});

test('a tenant gets a schedule per flow whose setting it holds, none for a flow switched off', () => {
  expect(wantedSchedules('acme-oy', {})).toEqual([]);
  const all = wantedSchedules('acme-oy', { severa: {} });
  expect(all.map((w) => [w.scheduledFlow.flow, w.setting])).toEqual([
    ['invoice-transfer', { at: ['06:00'], timezone: 'Europe/Helsinki' }],
    ['product-register', { at: ['05:00'], timezone: 'Europe/Helsinki' }],
    ['sales-ledger', { at: ['05:30'], timezone: 'Europe/Helsinki' }],
  ]);
  const off = wantedSchedules('acme-oy', { severa: { transferSchedule: { off: true } } });
  expect(off.map((w) => w.scheduledFlow.flow)).toEqual(['product-register', 'sales-ledger']);
  expect(() => wantedSchedules('acme-oy', { severa: { transferSchedule: { at: ['6am'] } } }))
    .toThrow(/tenant acme-oy has invalid severa settings.*ledgerbridge tenants settings acme-oy/);
});

test('the nightly matching: a tenant with a `matching` key gets it (02:00 Oslo by default), starting matchingRun as <tenant>/matching-<time>', () => {
  const [matching] = wantedSchedules('acme-as', { matching: {} });
  expect(matching!.scheduledFlow).toMatchObject({ flow: 'matching', workflowType: 'matchingRun', settingPath: 'matching.schedule' });
  expect(matching!.setting).toEqual({ at: ['02:00'], timezone: 'Europe/Oslo' });
  expect(matching!.scheduledFlow.workflowIdPrefix('acme-as')).toBe('acme-as/matching');
  expect(matching!.scheduledFlow.args('acme-as')).toEqual([{ tenant: 'acme-as' }]);
  expect(wantedSchedules('acme-as', { matching: { schedule: { off: true } } })).toEqual([]);
  expect(wantedSchedules('acme-as', { matching: { schedule: { at: ['23:30'], timezone: 'Europe/Oslo', days: ['mon', 'fri'] } } })[0]!.setting)
    .toMatchObject({ at: ['23:30'] });
});

test('the daily settlement: a tenant with a `duell` key gets one schedule for all its departments (every 24 hours by default), starting settlementRun', () => {
  const departments = { OSL: { company: '24so', department: 1 }, BGO: { company: '24so-bergen', department: 2 } };
  const [duell] = wantedSchedules('acme-as', { duell: { departments } });
  expect(duell!.scheduledFlow).toMatchObject({ flow: 'duell', workflowType: 'settlementRun', settingPath: 'duell.schedule' });
  expect(duell!.setting).toEqual({ every: '24 hours' });
  expect(duell!.scheduledFlow.workflowIdPrefix('acme-as')).toBe('acme-as/settlements');
  expect(duell!.scheduledFlow.args('acme-as')).toEqual([{ tenant: 'acme-as' }]);
  expect(wantedSchedules('acme-as', { duell: { departments, schedule: { off: true } } })).toEqual([]);
});
