/**
 * The production set-up in small: two `ledgerbridge worker` processes (the real binary, configured only through
 * the environment README's Production section names) against one Temporal server and one PostgreSQL. A settlement
 * run over two departments in two companies completes with the work shared between them: every report posted
 * once, and each worker ran some of it. PostgreSQL only (`npm run test:postgres`): PGlite belongs to one process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../platform/dev-server';
import { TEST_CODEC_KEY, temporalAddress } from '../harness/temporal';
import { HANDEL, KAFE, useSettlementStage } from './settlementHarness';

const onPostgres = Boolean(process.env.DATABASE_URL);
if (!onPostgres) console.warn('skipped: two worker processes share PostgreSQL (run with DATABASE_URL, as npm run test:postgres does)');
const withPostgres = onPostgres ? test : test.skip;

const stage = useSettlementStage({ inProcessWorker: false });
const bin = path.resolve(__dirname, '../../bin/ledgerbridge.js');
const workers: { child: ChildProcess; log: () => string }[] = [];

afterEach(async () => {
  await Promise.all(workers.splice(0).map(({ child }) => stop(child)));
});

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => { clearTimeout(killer); resolve(); });
    child.kill('SIGTERM');
  });
}

/** `ledgerbridge worker` with the production variables; resolves once it polls. */
async function startWorker(): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TEMPORAL_ADDRESS: temporalAddress(),
    TEMPORAL_NAMESPACE: 'default',
    DATABASE_URL: stage.database.url,
    LEDGERBRIDGE_TASK_QUEUE: stage.taskQueue,
    // The keys the stage encrypted the credentials and the clients' payloads with (test/db, test/harness).
    LEDGERBRIDGE_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
    LEDGERBRIDGE_CODEC_KEYS: TEST_CODEC_KEY.toString('base64'),
    LEDGERBRIDGE_METRICS_ADDRESS: `127.0.0.1:${await freePort()}`,
    LEDGERBRIDGE_WORKER_ACTIVITIES: '8',
    LEDGERBRIDGE_LOG_LEVEL: 'info',
    LEDGERBRIDGE_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'lb-worker-')),
  };
  const child = spawn(process.execPath, [bin, 'worker'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  workers.push({ child, log: () => out });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker did not poll within 120 s:\n${out}`)), 120_000);
    const poll = setInterval(() => {
      if (out.includes('worker polling task queue')) { clearInterval(poll); clearTimeout(timer); resolve(); }
    }, 200);
    child.once('exit', (code) => { clearInterval(poll); clearTimeout(timer); reject(new Error(`the worker exited with ${code}:\n${out}`)); });
  });
}

/** The workflows a worker's JSON log lines name (activities and workflows log with their workflow id). */
function workflowsRunBy(log: string): Set<string> {
  const ids = new Set<string>();
  for (const line of log.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const id = (JSON.parse(line) as { workflowId?: string }).workflowId;
      if (id?.startsWith(`${stage.tenant}/`)) ids.add(id);
    } catch { /* a line that is not JSON */ }
  }
  return ids;
}

withPostgres('two worker processes on one PostgreSQL share a settlement run over two companies; every report is posted once', async () => {
  await Promise.all([startWorker(), startWorker()]);
  expect(workers[0]!.log()).toContain('(database: postgres, 8 activities at once)');
  await stage.mapAccounts({ 'sales:group:30': '3000' });
  await stage.departments({
    OSL: { company: '24so', department: 2, saveTo: 'ledger', customers: true },
    BGO: { company: '24so-kafe', department: 3, saveTo: 'ledger', customers: true },
  });

  expect(await stage.run()).toMatchObject({ departments: 2, read: 5, posted: 5, needsAttention: 0 });
  expect(stage.ledger(HANDEL).size + stage.ledger(KAFE).size).toBeGreaterThanOrEqual(5);
  const posted = [...stage.ledger(HANDEL).values(), ...stage.ledger(KAFE).values()].filter((lines) => lines.some((l) => l.departmentId === 2 || l.departmentId === 3));
  expect(posted).toHaveLength(5);
  expect(await stage.run()).toMatchObject({ read: 0, posted: 0 });

  const [first, second] = workers.map((w) => workflowsRunBy(w.log()));
  expect(first!.size).toBeGreaterThan(0);
  expect(second!.size).toBeGreaterThan(0);
}, 300_000);
