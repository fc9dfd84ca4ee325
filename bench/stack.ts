/**
 * Everything the benchmark measures against, in one process with the worker: a Temporal dev server of its own
 * (headless, in memory), PGlite in a temporary data directory (on disk, as `npm start` keeps it: the embedded
 * default an operator runs), the sandboxes in a child process, and tenants whose connections and
 * voucher-type mappings mirror test/e2e/batchHarness.ts. Stopped in reverse order by close().
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { openDatabase, type Database } from '../db';
import { ROUTES, createConnectionRepo, createMappingRepo, createTenantRepo, connectionId } from '../db/repos';
import { createSecretBox, type SecretBox } from '../db/secrets';
import type { ActivityDeps } from '../activities';
import { startDevServer, type DevServer } from '../platform/dev-server';
import { createLogger } from '../platform/log';
import { ensureTemporalCli } from '../platform/temporal-cli';
import { DEMO_CREDENTIALS } from '../sandbox/24sevenoffice';
import { DEMO_TELARIS } from '../sandbox/telaris';
import { createLedgerbridgeWorker } from '../worker/createWorker';
import { ledgerbridgeDataConverter } from '../platform/dataConverter';
import { codecKeySet } from '../platform/payloadCodec';
import { installRuntime } from '../worker/runtime';
import { startSandboxProcess, type SandboxProcess } from './sandboxes';

/** The mapping: salesInvoice=1, cost=3, payment=4, cashSettlement=6. */
export const VOUCHER_TYPES = { salesInvoice: '1', cost: '3', payment: '4', cashSettlement: '6' };

export interface BenchStack {
  server: DevServer;
  client: Client;
  database: Database;
  secrets: SecretBox;
  deps: ActivityDeps;
  sandboxes: SandboxProcess;
  worker: Worker;
  taskQueue: string;
  /** RSS of this process (MiB) at start, after the database opened, after the worker was created (it bundles the workflows). */
  setupRssMiB: { start: number; database: number; worker: number };
  /** A tenant with Telaris and 24SevenOffice connections (to `tsoUrl`) in direct mode; returns its id. */
  addTenant(name: string, tsoUrl: string, chunkSize: number, maxResponseBytes?: number): Promise<{ tenant: string; source: string; target: string }>;
  close(): Promise<void>;
}

export async function startBenchStack(options: { customers: number; say: (line: string) => void }): Promise<BenchStack> {
  const { say } = options;
  const rssAtStart = rssMiB();
  const log = createLogger({ level: 'warn', base: { component: 'bench' } });
  installRuntime(log); // once per process, before any Worker or NativeConnection
  const cleanups: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const c of cleanups.reverse()) await c().catch((err: unknown) => say(`cleanup failed: ${String(err)}`));
  };
  try {
    const cli = await ensureTemporalCli(say);
    say('starting a Temporal dev server (headless, in memory)…');
    const server = await startDevServer({ cli, port: 0 });
    cleanups.push(() => server.stop());

    say('starting the sandboxes (child process) and PGlite (temporary data directory)…');
    const sandboxes = await startSandboxProcess({ customers: options.customers });
    cleanups.push(() => sandboxes.stop());
    const pgliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-bench-pglite-'));
    cleanups.push(async () => fs.rmSync(pgliteDir, { recursive: true, force: true }));
    const database = await openDatabase({ url: '', dataDir: pgliteDir });
    cleanups.push(() => database.close());
    const secrets = createSecretBox(randomBytes(32));
    const deps: ActivityDeps = { db: database.db, secrets, log };
    const rssAfterDatabase = rssMiB();
    // Payloads are encrypted as in production, so the measured speed includes the codec.
    const codecKeys = codecKeySet([randomBytes(32)]);

    const connection = await Connection.connect({ address: server.address });
    cleanups.push(() => connection.close());
    const client = new Client({ connection, namespace: server.namespace, dataConverter: ledgerbridgeDataConverter(codecKeys) });

    say('bundling workflows and starting the worker…');
    const native = await NativeConnection.connect({ address: server.address });
    cleanups.push(() => native.close());
    const taskQueue = `bench-${randomBytes(4).toString('hex')}`;
    const worker = await createLedgerbridgeWorker({ connection: native, namespace: server.namespace, taskQueue, deps, codecKeys });
    const rssAfterWorker = rssMiB();
    const running = worker.run();
    cleanups.push(async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    });

    const addTenant: BenchStack['addTenant'] = async (name, tsoUrl, chunkSize, maxResponseBytes) => {
      const tenant = `${name}-${randomBytes(3).toString('hex')}`;
      await createTenantRepo(database.db).add({ id: tenant, name: 'Bench Handel AS', settings: { batch: { postingMode: 'direct', chunkSize } } });
      const connections = createConnectionRepo(database.db, secrets);
      await connections.add(tenant, 'telaris', 'telaris', { baseUrl: sandboxes.urls.telaris, companyNo: DEMO_TELARIS.companyNo }, { apiToken: DEMO_TELARIS.apiToken });
      const { applicationId, username, password } = DEMO_CREDENTIALS;
      await connections.add(tenant, '24sevenoffice', '24so', { apiBaseUrl: tsoUrl, webservicesBaseUrl: tsoUrl, ...(maxResponseBytes ? { maxResponseBytes } : {}) }, { applicationId, username, password });
      const mappings = createMappingRepo(database.db);
      for (const [kind, typeNo] of Object.entries(VOUCHER_TYPES)) await mappings.set(tenant, ROUTES.telarisTo24so, 'voucher-type', kind, typeNo);
      return { tenant, source: connectionId(tenant, 'telaris'), target: connectionId(tenant, '24so') };
    };

    return { server, client, database, secrets, deps, sandboxes, worker, taskQueue, setupRssMiB: { start: rssAtStart, database: rssAfterDatabase, worker: rssAfterWorker }, addTenant, close };
  } catch (err) {
    await close();
    throw err;
  }
}

function rssMiB(): number {
  return Math.round((process.memoryUsage().rss / 2 ** 20) * 10) / 10;
}
