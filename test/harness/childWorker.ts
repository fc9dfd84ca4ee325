/**
 * Workers in child processes, for tests that kill one the hard way: SIGKILL runs no shutdown, no `finally`,
 * and cuts open HTTP calls and database transactions, as when a machine dies. Each child is a real worker
 * (test/harness/workerProcess.ts) on the test's Temporal server and task queue, sharing the test's database:
 * PGlite, which belongs to this process, is served on a loopback PostgreSQL socket as `npm start` serves it;
 * PostgreSQL is reached at its URL. Every child still alive is killed after each test, passed or failed.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { servePglite } from '../../db/socket';
import { freePort } from '../../platform/dev-server';
import type { TestDatabase } from '../db/testDatabase';
import { temporalAddress } from './temporal';
import type { WorkerProcessMessage, WorkerProcessSettings } from './workerProcess';

export interface ChildWorker {
  readonly pid: number;
  /** Resolves when the process has ended, however it ended. */
  readonly exited: Promise<void>;
  /** Sends SIGKILL at once: safe inside a sandbox's call watcher, before that call's answer is written. */
  killNow(): void;
}

export interface ChildWorkers {
  /** Starts a worker process and resolves once it polls the task queue. */
  start(): Promise<ChildWorker>;
}

export interface ChildWorkerTarget {
  database: TestDatabase;
  taskQueue: string;
  workflowBundle: WorkflowBundleWithSourceMap;
}

const ROOT = path.resolve(__dirname, '../..');
const ENTRY = path.join(__dirname, 'workerProcess.ts');
/** tsx compiles the worker's import graph on start; on a busy machine that takes a while. */
const START_LIMIT_MS = 60_000;

/** Registers the hooks; call after the hooks that create `target()` (the stage's), so it is set up first. */
export function useChildWorkers(target: () => ChildWorkerTarget): ChildWorkers {
  const alive = new Set<ChildProcess>();
  let bundlePath: string | undefined;
  let socket: { url: string; stop(): Promise<void> } | undefined;

  afterEach(async () => {
    await Promise.all([...alive].map((child) => killAndWait(child)));
    await socket?.stop();
    socket = undefined;
  });
  afterAll(() => {
    if (bundlePath) fs.rmSync(bundlePath, { force: true });
  });

  const databaseUrl = async (database: TestDatabase): Promise<WorkerProcessSettings['database']> => {
    if (database.url) return { url: database.url, shared: false };
    socket ??= await servePglite(database, await freePort());
    return { url: socket.url, shared: true };
  };

  return {
    async start() {
      const { database, taskQueue, workflowBundle } = target();
      bundlePath ??= writeBundle(workflowBundle);
      const settings: WorkerProcessSettings = {
        temporalAddress: temporalAddress(), taskQueue, database: await databaseUrl(database), workflowBundlePath: bundlePath,
      };
      const child = fork(ENTRY, [JSON.stringify(settings)], { cwd: ROOT, execArgv: ['-r', 'tsx/cjs'], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
      alive.add(child);
      const tail = outputTail(child);
      const exited = new Promise<void>((resolve) => child.once('exit', () => { alive.delete(child); resolve(); }));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the worker process ${child.pid} did not start within ${START_LIMIT_MS} ms:\n${tail()}`)), START_LIMIT_MS);
        child.once('message', (m: WorkerProcessMessage) => { if (m.ready) { clearTimeout(timer); resolve(); } });
        void exited.then(() => { clearTimeout(timer); reject(new Error(`the worker process ${child.pid} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${tail()}`)); });
      });
      return { pid: child.pid!, exited, killNow: () => child.kill('SIGKILL') };
    },
  };
}

/** Workers in children load the bundle this process already built instead of bundling again each. */
function writeBundle(bundle: WorkflowBundleWithSourceMap): string {
  const file = path.join(os.tmpdir(), `ledgerbridge-workflows-${randomBytes(4).toString('hex')}.js`);
  fs.writeFileSync(file, bundle.code);
  return file;
}

/** The child's last output, kept (and drained, so a chatty child never blocks on a full pipe) for error messages. */
function outputTail(child: ChildProcess, keep = 8_000): () => string {
  let text = '';
  const add = (chunk: Buffer) => { text = (text + chunk.toString('utf8')).slice(-keep); };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => text || '(no output)';
}

function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
