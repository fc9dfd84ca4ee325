/**
 * What ledgerbridge wants a tenant's schedule for one flow to be in Temporal, and how to tell whether an existing
 * schedule already is that. Ownership is the memo (`managedBy`), which the server keeps from creation on: a
 * schedule an operator made by hand under a similar id is never updated or deleted by a sync.
 */
import type { ScheduleDescription, ScheduleOptions } from '@temporalio/client';
import type { SearchAttributePair, TypedSearchAttributes } from '@temporalio/common';
import { scheduleIdOf, type ScheduledFlow } from '../../domain/scheduledFlows';
import { FlowKey, TenantKey } from '../../workflows/searchAttributes';
import { startMetadata } from '../../workflows/startMetadata';
import type { ActiveScheduleSetting } from '../../domain/schedule';
import { normalisedSpec, scheduleSpec } from './spec';

export const MANAGED_BY = 'ledgerbridge';

/**
 * A run missed while Temporal was down (a restart, a deploy, a laptop asleep under `npm start`) is still started when
 * the server is back within the hour: the 06:00 transfer runs at 06:40 rather than the next morning. An older miss is
 * dropped, since the next run picks up everything that waits anyway (the default would replay a year of misses).
 */
export const CATCHUP_WINDOW_MS = 60 * 60 * 1000;

export interface ScheduleMemo {
  managedBy: typeof MANAGED_BY;
  tenant: string;
  flow: string;
}

export function scheduleOptions(tenant: string, scheduledFlow: ScheduledFlow, setting: ActiveScheduleSetting, taskQueue: string): ScheduleOptions {
  const memo: ScheduleMemo = { managedBy: MANAGED_BY, tenant, flow: scheduledFlow.flow };
  const findable = [{ key: TenantKey, value: tenant }, { key: FlowKey, value: scheduledFlow.flow }];
  const scheduleId = scheduleIdOf(tenant, scheduledFlow.flow);
  // Each run is found like a run started by hand (Tenant, Flow, NeedsAttention), and says which schedule started it.
  const run = startMetadata({
    tenant, flow: scheduledFlow.flow, summary: scheduledFlow.summary(tenant), title: `Scheduled run of ${scheduledFlow.flow}`,
    facts: { schedule: scheduleId, setting: scheduledFlow.settingPath }, inspect: `ledgerbridge schedules list ${tenant}`,
  });
  return {
    scheduleId,
    spec: scheduleSpec(setting),
    action: {
      type: 'startWorkflow',
      workflowType: scheduledFlow.workflowType,
      taskQueue,
      workflowId: scheduledFlow.workflowIdPrefix(tenant), // Temporal appends the scheduled time
      args: scheduledFlow.args(tenant),
      ...run,
    },
    // A run still going when the next is due is not doubled: the next one picks up what waits.
    policies: { overlap: 'SKIP', catchupWindow: CATCHUP_WINDOW_MS, pauseOnFailure: false },
    memo: { ...memo },
    typedSearchAttributes: findable, // the schedule itself, so `schedules list <tenant>` finds it
    state: { note: `${scheduledFlow.settingPath} of tenant ${tenant}, kept in step by ledgerbridge schedules sync` },
  };
}

export function ownedBy(description: { memo?: Record<string, unknown> }): ScheduleMemo | undefined {
  const memo = description.memo as Partial<ScheduleMemo> | undefined;
  return memo?.managedBy === MANAGED_BY && memo.tenant && memo.flow ? (memo as ScheduleMemo) : undefined;
}

/** Whether the schedule runs what and when we want; its state (paused, note) is the operator's and not compared. */
export function isAsWanted(wanted: ScheduleOptions, existing: ScheduleDescription): boolean {
  const action = existing.action;
  return (
    normalisedSpec(wanted.spec) === normalisedSpec(existing.spec) &&
    action.workflowType === wanted.action.workflowType &&
    action.taskQueue === wanted.action.taskQueue &&
    action.workflowId === wanted.action.workflowId &&
    JSON.stringify(action.args) === JSON.stringify(wanted.action.args) &&
    action.staticSummary === wanted.action.staticSummary &&
    action.staticDetails === wanted.action.staticDetails &&
    attributes(action.typedSearchAttributes) === attributes(wanted.action.typedSearchAttributes) &&
    existing.policies.overlap === wanted.policies?.overlap &&
    existing.policies.catchupWindow === wanted.policies?.catchupWindow &&
    existing.policies.pauseOnFailure === wanted.policies?.pauseOnFailure
  );
}

function attributes(attrs: SearchAttributePair[] | TypedSearchAttributes | undefined): string {
  const pairs = Array.isArray(attrs) ? attrs : (attrs?.getAll() ?? []);
  return JSON.stringify(pairs.map((p) => [p.key.name, p.value]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
}
