/** Per-file access to the run's Temporal dev server: a client, a native connection and a fresh task queue. */
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH, ledgerbridgeDataConverter } from '../../platform/dataConverter';
import { codecKeySet } from '../../platform/payloadCodec';

export function temporalAddress(): string {
  const address = process.env.LEDGERBRIDGE_TEST_TEMPORAL_ADDRESS;
  if (!address) throw new Error('LEDGERBRIDGE_TEST_TEMPORAL_ADDRESS is unset: run the suites through jest (globalSetup starts the server)');
  return address;
}

/**
 * The payload key of every test client and worker, and of the CLI under test (LEDGERBRIDGE_CODEC_KEYS): fixed,
 * so a history recorded by a test run stays readable by the replay tests of later runs.
 */
export const TEST_CODEC_KEY = Buffer.alloc(32, 5);
export const TEST_CODEC_KEYS = codecKeySet([TEST_CODEC_KEY]);

/** A client on the run's server (or another), with the data converter the workers use. */
export function connectTestEnv(address = temporalAddress()): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createFromExistingServer({ address, namespace: 'default', client: { dataConverter: ledgerbridgeDataConverter(TEST_CODEC_KEYS) } });
}

export const uniqueTaskQueue = (name: string) => `test-${name}-${randomUUID()}`;

export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), failureConverterPath: FAILURE_CONVERTER_PATH, logger: quietLogger });
}

const quietLogger = new DefaultLogger('ERROR');
