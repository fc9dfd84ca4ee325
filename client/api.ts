/**
 * The typed client API: what the CLI (and any script or UI) uses to start and inspect ledgerbridge workflows.
 * Workflow ids are business ids (`<tenant>/<flow>/<key>`), so asking twice never starts two.
 */
import type { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { connectionCheck } from '../workflows/connectionCheck';
import { startMetadata } from '../workflows/startMetadata';
import { workflowId } from '../domain/ids';
import type { CheckReport } from '../connectors/types';
import { TASK_QUEUE } from '../platform/config';

export const connectionCheckId = (tenant: string, connectionId: string) => workflowId(tenant, 'connection-check', connectionId);

/** Starts a connection check, or joins the one already running for that connection. */
export async function startConnectionCheck(
  client: Client,
  input: { tenant: string; connectionId: string; system: string },
  taskQueue = TASK_QUEUE,
): Promise<WorkflowHandleWithFirstExecutionRunId<typeof connectionCheck>> {
  return client.workflow.start(connectionCheck, {
    taskQueue,
    workflowId: connectionCheckId(input.tenant, input.connectionId),
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    args: [{ tenant: input.tenant, connectionId: input.connectionId }],
    ...startMetadata({
      tenant: input.tenant, flow: 'connection-check', businessKey: input.connectionId, stage: 'checking',
      summary: `Check ${input.system} connection ${input.connectionId}`,
      title: `Connection check of ${input.connectionId}`, route: input.system,
      inspect: `ledgerbridge connections list ${input.tenant}`,
    }),
  });
}

export async function checkConnection(
  client: Client,
  input: { tenant: string; connectionId: string; system: string },
  taskQueue = TASK_QUEUE,
): Promise<{ report: CheckReport; workflowId: string }> {
  const handle = await startConnectionCheck(client, input, taskQueue);
  return { report: await handle.result(), workflowId: handle.workflowId };
}
