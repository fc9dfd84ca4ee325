/**
 * The in-process worker of an end-to-end stage: started on the stage's task queue with the real activities, and
 * stopped (gracefully: tests that kill a worker run it in a child process, test/harness/childWorker.ts).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Db } from '../../db';
import type { SecretBox } from '../../db/secrets';
import { silentLogger, type Logger } from '../../platform/log';
import { createLedgerbridgeWorker } from '../../worker/createWorker';
import { TEST_CODEC_KEYS } from './temporal';

export interface StageWorker {
  startWorker(): Promise<{ worker: Worker; running: Promise<void> }>;
  stopWorker(): Promise<void>;
}

export function stageWorker(on: () => { env: TestWorkflowEnvironment; bundle: WorkflowBundleWithSourceMap; taskQueue: string; db: Db; secrets: SecretBox; log?: Logger }): StageWorker {
  let current: { worker: Worker; running: Promise<void> } | undefined;
  return {
    async startWorker() {
      const { env, bundle, taskQueue, db, secrets, log = silentLogger } = on();
      const worker = await createLedgerbridgeWorker({
        connection: env.nativeConnection, namespace: 'default', taskQueue, workflowBundle: bundle,
        deps: { db, secrets, log }, codecKeys: TEST_CODEC_KEYS,
      });
      current = { worker, running: worker.run() };
      return current;
    },
    async stopWorker() {
      if (!current) return;
      const { worker, running } = current;
      current = undefined;
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
}
