/**
 * Activities log through the injected logger (deps.log), not the SDK's: what they write is ours, with our redaction.
 * Each line still carries the tenant, flow and workflow id of the workflow that runs the activity, as a workflow's
 * own lines do (platform/log.ts forwardTemporalLog), so an operator's search for one workflow finds both.
 */
import { asyncLocalStorage } from '@temporalio/activity';
import { businessIds, withAmbientFields, type Fields, type Logger } from '../platform/log';

export function activityLog(log: Logger): Logger {
  return withAmbientFields(log, runningActivity);
}

/** The running activity's workflow, read from the SDK's activity context; nothing outside an activity. */
function runningActivity(): Fields {
  const info = asyncLocalStorage.getStore()?.info;
  if (!info) return {};
  const workflowId = info.workflowExecution?.workflowId;
  return { ...(workflowId ? businessIds(workflowId) : {}), activityType: info.activityType };
}
