/**
 * `npm start`: the whole stack on one machine. Without TEMPORAL_ADDRESS a Temporal dev server (UI on 8233,
 * SQLite under .data/temporal); without DATABASE_URL PGlite under .data/pglite, shared with other
 * `ledgerbridge` commands through a loopback PostgreSQL socket; the sandboxes; a demo tenant whose connections
 * point at them; and a worker. Everything is stopped in reverse order on Ctrl-C; a second start finds the same data,
 * the sandboxes' included (.data/sandbox).
 */
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { openDatabase, type Database, type Db } from '../db';
import { servePglite } from '../db/socket';
import { loadSecretBox } from '../db/secrets';
import { clearRuntime, readRuntime, TASK_QUEUE, workflowUiUrl, writeRuntime } from '../platform/config';
import { startDevServer, freePort, type DevServer } from '../platform/dev-server';
import { loadCodecKeys } from '../platform/codecKeys';
import { CODEC_TOKEN_ENV, DEFAULT_CODEC_PORT, devUiOrigins, startCodecServer, type CodecServer } from '../platform/codecServer';
import { createLogger } from '../platform/log';
import { dataDir } from '../platform/paths';
import { ensureTemporalCli } from '../platform/temporal-cli';
import { connectClient, connectNative } from '../platform/temporal-connection';
import { startSandboxes, DEFAULT_SANDBOX_PORTS } from '../sandbox';
import { checkConnection } from '../client/api';
import { syncSchedules, triggerSchedule, type ScheduleSyncResult } from '../client/schedules';
import { scheduleIdOf } from '../domain/scheduledFlows';
import { createInvoiceTransferRepo, createSettlementRepo } from '../db/repos';
import { createLedgerbridgeWorker } from './createWorker';
import { installRuntime, metricsAddress, metricsUrl } from './runtime';
import { ensureDemoTenant } from './demoTenant';

export interface StackOptions {
  say: (line: string) => void;
  /** Resolves when the stack should stop (Ctrl-C). */
  untilStopped: Promise<void>;
}

/** Where `npm start` and `ledgerbridge sandbox start` keep the sandboxes' state: delete it to start them from the seed. */
export const sandboxStateDir = () => path.join(dataDir(), 'sandbox');

export async function runEmbeddedStack({ say, untilStopped }: StackOptions): Promise<void> {
  const running = readRuntime();
  if (running) throw new Error(`ledgerbridge is already running (pid ${running.pid}, UI ${running.uiUrl ?? 'none'}): stop it first`);
  const log = createLogger({ level: 'warn', base: { component: 'stack' } });
  // Workflows' log lines belong with the worker's: the Runtime's logger is the one place the SDK sends them.
  const workerLog = createLogger({ base: { component: 'worker' } });
  const metrics = await metricsAddress();
  installRuntime(workerLog, metrics);
  const cleanups: (() => Promise<unknown>)[] = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err) => log.warn('stop failed', { err }));
  };

  try {
    // The first start creates the payload key; every later one, and every command beside it, reads the same file.
    const codec = loadCodecKeys({ createIfMissing: true });
    if (codec.created) say(`created the payload encryption key ${codec.keys.ids[0]} in ${codec.source} (keep it: histories written under it need it to be read)`);
    let server: DevServer | undefined;
    let codecServer: CodecServer | undefined;
    if (!process.env.TEMPORAL_ADDRESS) {
      const cli = await ensureTemporalCli(say);
      const uiPort = Number(process.env.LEDGERBRIDGE_UI_PORT ?? 8233);
      // The dev UI has no login and so no token to send: requests from its origin are trusted (README, "Payload encryption").
      codecServer = await startCodecServer({
        keys: codec.keys,
        port: Number(process.env.LEDGERBRIDGE_CODEC_PORT ?? DEFAULT_CODEC_PORT),
        uiOrigins: devUiOrigins(uiPort),
        token: process.env[CODEC_TOKEN_ENV] || undefined,
        trustUiOrigin: true,
      });
      cleanups.push(() => codecServer!.close());
      say('starting the Temporal dev server…');
      server = await startDevServer({
        cli,
        port: Number(process.env.LEDGERBRIDGE_TEMPORAL_PORT ?? 7233),
        uiPort,
        dbFile: path.join(dataDir(), 'temporal', 'dev.db'),
        codecEndpoint: codecServer.url,
      });
      cleanups.push(() => server!.stop());
      // Commands in other terminals find this server through .data/runtime.json.
      process.env.TEMPORAL_ADDRESS = server.address;
    }

    const database = await openStackDatabase(cleanups);
    const secrets = loadSecretBox({ dataDir: dataDir(), log: { ...log, warn: (m) => say(`warning: ${m}`) } });

    // The sandboxes stand for the customer's systems: their batches, ledger and journal outlive a restart too.
    const sandboxes = await startSandboxes({
      twentyFourSevenOffice: Number(process.env.LEDGERBRIDGE_SANDBOX_24SO_PORT ?? DEFAULT_SANDBOX_PORTS.twentyFourSevenOffice),
      telaris: Number(process.env.LEDGERBRIDGE_SANDBOX_TELARIS_PORT ?? DEFAULT_SANDBOX_PORTS.telaris),
      severa: Number(process.env.LEDGERBRIDGE_SANDBOX_SEVERA_PORT ?? DEFAULT_SANDBOX_PORTS.severa),
      talenom: Number(process.env.LEDGERBRIDGE_SANDBOX_TALENOM_PORT ?? DEFAULT_SANDBOX_PORTS.talenom),
      costTracker: Number(process.env.LEDGERBRIDGE_SANDBOX_COSTTRACKER_PORT ?? DEFAULT_SANDBOX_PORTS.costTracker),
      duell: Number(process.env.LEDGERBRIDGE_SANDBOX_DUELL_PORT ?? DEFAULT_SANDBOX_PORTS.duell),
    }, { stateDir: sandboxStateDir() });
    cleanups.push(() => sandboxes.close());

    const demo = await ensureDemoTenant(database.database.db, secrets, sandboxes);

    const native = await connectNative();
    cleanups.push(() => native.connection.close());
    const worker = await createLedgerbridgeWorker({
      connection: native.connection,
      namespace: native.namespace,
      taskQueue: TASK_QUEUE,
      deps: { db: database.database.db, secrets, log: workerLog },
      codecKeys: codec.keys,
    });
    const workerRun = worker.run();
    cleanups.push(async () => {
      // Ctrl-C has usually begun the shutdown already: the SDK's worker listens for SIGINT itself.
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await workerRun;
    });

    writeRuntime({
      temporalAddress: process.env.TEMPORAL_ADDRESS!,
      namespace: native.namespace,
      databaseUrl: database.url,
      uiUrl: server?.uiUrl,
      pid: process.pid,
      startedAt: new Date().toISOString(),
    });
    cleanups.push(async () => clearRuntime());

    const { client, connection } = await connectClient(codec.keys);
    cleanups.push(() => connection.close());
    const { report, workflowId } = await checkConnection(client, demo.check);
    const schedules = await startUpSync(client, database.database.db, say);
    const firstRuns = await firstDemoRuns(client, database.database.db, demo.tenant, schedules);

    say('');
    say(`ledgerbridge is running.`);
    const row = (label: string, value: string) => say(`  ${label.padEnd(23)}${value}`);
    if (server?.uiUrl) row('Temporal UI', workflowUiUrl(server.uiUrl, native.namespace, workflowId));
    row('Temporal', `${process.env.TEMPORAL_ADDRESS} (namespace ${native.namespace}, task queue ${TASK_QUEUE})`);
    row('metrics (Prometheus)', metricsUrl(metrics));
    row('payload encryption', `key ${codec.keys.ids[0]} from ${codec.source}`);
    if (codecServer) row('codec server', `${codecServer.url} (the UI decodes payloads through it; other callers need ${CODEC_TOKEN_ENV})`);
    row('database', `${database.database.kind}${database.url ? ` (${database.url})` : ''}`);
    for (const [system, url] of Object.entries(sandboxes.urls)) row(`sandbox ${system}`, url);
    row('demo tenant', `${demo.tenant}: connection ${demo.check.connectionId} check ${report.ok ? 'passed' : 'FAILED'} (workflow ${workflowId})`);
    for (const s of schedules) row('schedule', `${s.scheduleId}: ${scheduleLine(s)}`);
    if (schedules.length === 0) row('schedules', 'none (a tenant\'s settings turn them on: ledgerbridge schedules sync --help)');
    for (const [label, line] of firstRuns) row(label, line);
    say('');
    say('Try, in another terminal:');
    say(`  npx ledgerbridge tenants show ${demo.tenant}`);
    say(`  npx ledgerbridge connections test ${demo.tenant} ${demo.connectionName}`);
    say(`  npx ledgerbridge batch close ${demo.tenant}                 # the open Telaris batch becomes e.g. 2026-11-1`);
    say(`  npx ledgerbridge batch export ${demo.tenant} <batch> --wait  # the id batch close printed`);
    say(`  npx ledgerbridge batch list ${demo.tenant}`);
    say(`  npx ledgerbridge log ${demo.tenant}`);
    say(`  npx ledgerbridge invoices list ${demo.tenant}                # Severa invoices transferred to Talenom`);
    say(`  npx ledgerbridge invoices run ${demo.tenant} --wait`);
    say(`  npx ledgerbridge matching refresh ${demo.tenant} --wait    # 24SevenOffice's supplier invoices matched to CostTracker's POs`);
    say(`  npx ledgerbridge matching list ${demo.tenant} --ambiguous   # then matching show / match <transaction> <po>`);
    say(`  npx ledgerbridge settlements list ${demo.tenant}             # DUELL's Z-reports as vouchers with their PDF in 24SevenOffice`);
    say(`  npx ledgerbridge settlements show ${demo.tenant} OSL 3       # the one that waits: its fix and the command after it`);
    say('  npx ledgerbridge schedules list');
    say('  npx ledgerbridge health');
    say('Ctrl-C stops everything; the next `npm start` resumes with the same data.');

    await Promise.race([untilStopped, workerRun]);
    say('stopping…');
  } finally {
    await stopAll();
  }
}

/**
 * Each tenant's Temporal Schedules follow its settings from the start, whatever changed while the stack was down.
 * Not being able to sync is no reason to refuse the rest of the stack: it says so and how to retry.
 */
async function startUpSync(client: Client, db: Db, say: (line: string) => void): Promise<ScheduleSyncResult[]> {
  try {
    return await syncSchedules(client, db);
  } catch (err) {
    say(`warning: schedules not synced (${(err as Error).message}); retry with: npx ledgerbridge schedules sync`);
    return [];
  }
}

/**
 * On the demo's first start (no invoice has ever been transferred for it) its invoice-transfer schedule runs once
 * now, so the Temporal UI shows a transfer at once rather than at 06:00. Says what it did, or why not.
 */
/**
 * On the first start the demo's scheduled transfers run once, so the demo shows their results at once instead of
 * at the schedules' times: each whose schedule is synced and unpaused and that has never run for the tenant.
 */
async function firstDemoRuns(client: Client, db: Db, tenant: string, schedules: ScheduleSyncResult[]): Promise<[label: string, line: string][]> {
  const demos = [
    { label: 'invoice transfer', flow: 'invoice-transfer', what: "the demo's Severa invoices go to the Talenom sandbox", byHand: `invoices run ${tenant} --wait`,
      ran: async () => (await createInvoiceTransferRepo(db).list(tenant, { limit: 1 })).length > 0 },
    { label: 'daily settlement', flow: 'duell', what: "DUELL's Z-reports become vouchers with their PDF in 24SevenOffice", byHand: `settlements run ${tenant} --wait`,
      ran: async () => (await createSettlementRepo(db).list(tenant, { limit: 1 })).length > 0 },
  ];
  const lines: [string, string][] = [];
  for (const demo of demos) {
    const scheduleId = scheduleIdOf(tenant, demo.flow);
    const schedule = schedules.find((s) => s.scheduleId === scheduleId);
    if (!schedule || schedule.outcome === 'failed' || schedule.paused || (await demo.ran())) continue;
    try {
      const workflowId = await triggerSchedule(client, scheduleId);
      lines.push([demo.label, `first start: schedule ${scheduleId} triggered once, ${demo.what} (workflow ${workflowId})`]);
    } catch (err) {
      lines.push([demo.label, `first start: schedule ${scheduleId} not triggered (${(err as Error).message}); try: npx ledgerbridge ${demo.byHand}`]);
    }
  }
  return lines;
}

function scheduleLine(s: ScheduleSyncResult): string {
  if (s.outcome === 'failed') return `not synced: ${s.error}`;
  return [s.outcome, s.when, s.paused ? `paused: ${s.note ?? ''}` : undefined].filter(Boolean).join(', ');
}

/**
 * PGlite belongs to this process; other processes reach it through a PostgreSQL wire socket on loopback.
 * With DATABASE_URL set, everyone talks to that PostgreSQL directly.
 */
async function openStackDatabase(cleanups: (() => Promise<unknown>)[]): Promise<{ database: Database; url?: string }> {
  if (process.env.DATABASE_URL) {
    const database = await openDatabase({ url: process.env.DATABASE_URL });
    cleanups.push(() => database.close());
    return { database, url: undefined };
  }
  const database = await openDatabase({ dataDir: path.join(dataDir(), 'pglite') });
  cleanups.push(() => database.close());
  const socket = await servePglite(database, await freePort());
  cleanups.push(() => socket.stop());
  return { database, url: socket.url };
}
