/**
 * What every flow's end-to-end stage shares: the database and a secret box, the Temporal test environment and the
 * workflow bundle (once per file), and per test fresh sandboxes, a new tenant (`as-…`, "Demo Handel AS") on a task
 * queue of its own, and a real in-process worker (or none, for tests that run the worker in a child process). A
 * flow's stage adds its connections in `setUp` and its helpers with `extendStage`.
 */
import { randomBytes } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Db } from '../../db';
import { createTenantRepo } from '../../db/repos';
import type { SecretBox } from '../../db/secrets';
import { aSecretBox, useTestDatabase, type TestDatabase } from '../db/testDatabase';
import { stageWorker, type StageWorker } from './stageWorker';
import { bundleWorkflows, connectTestEnv, uniqueTaskQueue } from './temporal';

/** The sandboxes answer at once: the tenant's request budget need not pace the tests. */
export const FAST = { budget: { perSecond: 500 } };

export interface SandboxStage<S> extends StageWorker {
  readonly tenant: string;
  readonly db: Db;
  readonly database: TestDatabase;
  readonly secrets: SecretBox;
  readonly env: TestWorkflowEnvironment;
  readonly taskQueue: string;
  readonly workflowBundle: WorkflowBundleWithSourceMap;
  /** This test's sandboxes. */
  readonly sandboxes: S;
}

export interface SandboxStageOptions<S> {
  taskQueuePrefix: string;
  /** Starts this test's sandboxes (port 0, seeded). */
  start(): Promise<S>;
  close(sandboxes: S): Promise<unknown>;
  /** The tenant's settings when it is created. */
  tenantSettings?: () => Record<string, unknown>;
  /** The tenant's connections and mappings, before the worker starts. */
  setUp(stage: SandboxStage<S>): Promise<void>;
  inProcessWorker?: boolean;
  /** Another Temporal server than the run's (the browser suite's, with its UI). */
  connect?: () => Promise<TestWorkflowEnvironment>;
}

export function useSandboxStage<S>(options: SandboxStageOptions<S>): SandboxStage<S> {
  const store = useTestDatabase();
  const secrets = aSecretBox();
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let sandboxes: S | undefined;
  let taskQueue = '';
  let tenant = '';

  beforeAll(async () => {
    [env, bundle] = await Promise.all([(options.connect ?? connectTestEnv)(), bundleWorkflows()]);
  });
  beforeEach(async () => {
    sandboxes = await options.start();
    taskQueue = uniqueTaskQueue(options.taskQueuePrefix);
    tenant = `as-${randomBytes(4).toString('hex')}`;
    await createTenantRepo(store.db).add({ id: tenant, name: 'Demo Handel AS', settings: options.tenantSettings?.() ?? {} });
    await options.setUp(stage);
    if (options.inProcessWorker ?? true) await stage.startWorker();
  });
  afterEach(async () => {
    await stage.stopWorker();
    if (sandboxes) await options.close(sandboxes);
  });
  afterAll(async () => {
    await env?.teardown();
  });

  const stage: SandboxStage<S> = {
    get tenant() { return tenant; },
    get db() { return store.db; },
    get database() { return store.database; },
    secrets,
    get env() { return env; },
    get taskQueue() { return taskQueue; },
    get workflowBundle() { return bundle; },
    get sandboxes() { return sandboxes!; },
    ...stageWorker(() => ({ env, bundle, taskQueue, db: store.db, secrets })),
  };
  return stage;
}

/** The stage with a flow's own getters and helpers; the base's getters stay live (they are inherited, not copied). */
export function extendStage<T extends B, B extends object>(base: B, extra: Omit<T, keyof B>): T {
  return Object.defineProperties(Object.create(base), Object.getOwnPropertyDescriptors(extra)) as T;
}
