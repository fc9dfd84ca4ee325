/** Per-file access to the run's Temporal dev server: a client, a native connection and a fresh task queue. */
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

export function temporalAddress(): string {
  const address = process.env.LEDGERBRIDGE_TEST_TEMPORAL_ADDRESS;
  if (!address) throw new Error('LEDGERBRIDGE_TEST_TEMPORAL_ADDRESS is unset: run the suites through jest (globalSetup starts the server)');
  return address;
}

export function connectTestEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createFromExistingServer({ address: temporalAddress(), namespace: 'default' });
}

export const uniqueTaskQueue = (name: string) => `test-${name}-${randomUUID()}`;

export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: quietLogger });
}

const quietLogger = new DefaultLogger('ERROR');
