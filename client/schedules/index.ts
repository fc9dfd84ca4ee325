/** Temporal Schedules for every scheduled flow, derived from tenant settings (see docs/architecture.md, Schedules). */
export { syncSchedules, type ScheduleSyncResult, type SyncOutcome, type SyncOptions } from './sync';
export { listSchedules, triggerSchedule, ScheduleBusy, type ScheduleRow } from './operate';
export { describeSchedule } from './existing';
export { CATCHUP_WINDOW_MS, MANAGED_BY } from './definition';
