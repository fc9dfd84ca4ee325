/**
 * The "test integration" button: run a connection's check() on a worker (credentials never leave the
 * activity) and show the report in the Temporal UI. A failed check is a finished workflow with NeedsAttention,
 * not a failure: the report is the answer.
 */
import { proxyActivities, setCurrentDetails, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { ConnectionActivities } from '../activities/connections';
import type { CheckReport } from '../connectors/types';
import { NeedsAttentionKey, StageKey } from './searchAttributes';
import { checkReportMarkdown } from '../domain/checkReport';

export interface ConnectionCheckInput {
  tenant: string;
  connectionId: string;
}

const { checkConnection } = proxyActivities<ConnectionActivities>({
  startToCloseTimeout: '2 minutes',
  // An unreachable service is retried with backoff; after that the operator gets the last error.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
  summary: 'Check connection',
});

export async function connectionCheck(input: ConnectionCheckInput): Promise<CheckReport> {
  setCurrentDetails(`Checking connection **${input.connectionId}** of tenant **${input.tenant}**…`);
  upsertSearchAttributes([{ key: StageKey, value: 'checking' }]);

  const report = await checkConnection(input);

  setCurrentDetails(checkReportMarkdown(input.connectionId, report, workflowInfo().runStartTime));
  upsertSearchAttributes([
    { key: StageKey, value: report.ok ? 'ok' : 'failed' },
    { key: NeedsAttentionKey, value: !report.ok },
  ]);
  return report;
}
