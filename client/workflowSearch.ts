/**
 * Every flow's workflows found through the typed search attributes (Tenant, Flow, BusinessKey, Stage,
 * NeedsAttention) that each sets: the list and the counts behind `ledgerbridge workflows` and `status`.
 * Values reach Temporal's visibility query quoted and escaped, never pasted in.
 */
import type { Client, WorkflowExecutionInfo, WorkflowExecutionStatusName } from '@temporalio/client';
import { BusinessKeyKey, FlowKey, NeedsAttentionKey, StageKey, TenantKey } from '../workflows/searchAttributes';

/** The statuses an operator types, and Temporal's name for each in a query. */
export const EXECUTION_STATUSES = {
  running: 'Running', completed: 'Completed', failed: 'Failed', cancelled: 'Canceled',
  terminated: 'Terminated', 'continued-as-new': 'ContinuedAsNew', 'timed-out': 'TimedOut',
} as const;
export type ExecutionStatus = keyof typeof EXECUTION_STATUSES;

export interface WorkflowFilter {
  tenant?: string;
  flow?: string;
  stage?: string;
  needsAttention?: boolean;
  status?: ExecutionStatus;
}

export interface WorkflowRow {
  workflowId: string;
  tenant?: string;
  flow?: string;
  businessKey?: string;
  stage?: string;
  needsAttention: boolean;
  status: string;
  startTime: Date;
  closeTime?: Date;
}

/** A string literal of the visibility query language: quotes and backslashes escaped with a backslash. */
export function quoted(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** The visibility query for a filter; only ledgerbridge's workflows (those with a Flow) without one. */
export function visibilityQuery(filter: WorkflowFilter): string {
  const terms = [
    filter.tenant !== undefined ? `${TenantKey.name} = ${quoted(filter.tenant)}` : undefined,
    filter.flow !== undefined ? `${FlowKey.name} = ${quoted(filter.flow)}` : `${FlowKey.name} IS NOT NULL`,
    filter.stage !== undefined ? `${StageKey.name} = ${quoted(filter.stage)}` : undefined,
    filter.needsAttention !== undefined ? `${NeedsAttentionKey.name} = ${filter.needsAttention}` : undefined,
    filter.status !== undefined ? `ExecutionStatus = ${quoted(EXECUTION_STATUSES[filter.status])}` : undefined,
  ];
  return terms.filter((t) => t !== undefined).join(' AND ');
}

/** The newest first (running ones before closed ones: Temporal's own order), at most `limit`. */
export async function listWorkflows(client: Client, filter: WorkflowFilter, limit: number): Promise<WorkflowRow[]> {
  const rows: WorkflowRow[] = [];
  for await (const execution of client.workflow.list({ query: visibilityQuery(filter), pageSize: Math.min(limit, 1000) })) {
    rows.push(rowOf(execution));
    if (rows.length >= limit) break;
  }
  return rows;
}

function rowOf(e: WorkflowExecutionInfo): WorkflowRow {
  const attributes = e.typedSearchAttributes;
  return {
    workflowId: e.workflowId,
    tenant: attributes.get(TenantKey),
    flow: attributes.get(FlowKey),
    businessKey: attributes.get(BusinessKeyKey),
    stage: attributes.get(StageKey),
    needsAttention: attributes.get(NeedsAttentionKey) ?? false,
    status: statusOf(e.status.name),
    startTime: e.startTime,
    closeTime: e.closeTime,
  };
}

/** RUNNING → running, CANCELLED → cancelled: the words `--status` takes. */
const statusOf = (name: WorkflowExecutionStatusName) => name.toLowerCase().replace(/_/g, '-');

export const GROUPINGS = ['flow', 'stage', 'tenant', 'status'] as const;
export type Grouping = (typeof GROUPINGS)[number];

export const OTHER = '(other)';

export interface WorkflowCount {
  total: number;
  groups: { value: string; count: number }[];
}

/**
 * Counts with Temporal's count API. Temporal groups only by ExecutionStatus ("'group by' clause is only supported
 * for ExecutionStatus", server 1.29); the other groupings count once per value `valuesOf` names.
 */
export async function countWorkflows(
  client: Client, filter: WorkflowFilter, grouping?: Grouping, valuesOf?: (g: Exclude<Grouping, 'status'>) => Promise<readonly string[]>,
): Promise<WorkflowCount> {
  const query = visibilityQuery(filter);
  if (grouping === undefined) return { total: (await client.workflow.count(query)).count, groups: [] };
  if (grouping === 'status') {
    const counted = await client.workflow.count(`${query} GROUP BY ExecutionStatus`);
    return { total: counted.count, groups: counted.groups.map((g) => ({ value: statusWord(String(g.groupValues[0])), count: g.count })) };
  }
  const values = (await valuesOf?.(grouping)) ?? [];
  const [total, ...counts] = await Promise.all([
    client.workflow.count(query),
    ...values.map((value) => client.workflow.count(visibilityQuery({ ...filter, [grouping]: value }))),
  ]);
  const groups = values.map((value, i) => ({ value, count: counts[i]!.count })).filter((g) => g.count > 0);
  const rest = total!.count - groups.reduce((sum, g) => sum + g.count, 0);
  // Workflows of a value not named (a tenant since removed) or with none: counted, not lost.
  return { total: total!.count, groups: rest > 0 ? [...groups, { value: OTHER, count: rest }] : groups };
}

/** Temporal's group value (Running, ContinuedAsNew) as the status word (running, continued-as-new). */
function statusWord(value: string): string {
  return Object.entries(EXECUTION_STATUSES).find(([, name]) => name === value)?.[0] ?? value;
}
