/**
 * The benchmark's sandboxes run in child processes, so that the measured process holds only what a worker
 * holds (activities, workflow cache, database): the simulated 24SevenOffice ledger and Telaris documents do
 * not count towards the worker's memory and do not share its event loop. The parent steers them through the
 * sandboxes' own HTTP admin APIs (the same ones the CLI and out-of-process tests use).
 *
 * Started as a script (by startSandboxProcess) it serves one side: the accounting side (Telaris with the demo
 * company, the 24SevenOffice sandbox the workflow posts to, a second, fresh 24SevenOffice sandbox for the raw
 * baseline) or an empty CostTracker (the matching benchmark seeds its organisation through the admin API). The two
 * sides are two processes, as the real systems are two services: CostTracker's answer does not wait while
 * 24SevenOffice writes the next ledger window.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { DEMO_TELARIS, startTelarisSandbox, type TelarisSandboxState } from '../sandbox/telaris';
import { startTwentyFourSevenOfficeSandbox, type SandboxState } from '../sandbox/24sevenoffice';
import { startCostTrackerSandbox } from '../sandbox/costtracker';

export interface SandboxUrls {
  telaris: string;
  /** The 24SevenOffice sandbox the workflow posts to. */
  tso: string;
  /** A fresh one for the raw SaveBundleList loop: its counters and ledger start from the seed. */
  tsoRaw: string;
  costTracker: string;
}

export interface SandboxProcess {
  urls: SandboxUrls;
  /** The accounting side's process. */
  pid: number;
  /** CostTracker's process. */
  costTrackerPid: number;
  /** Generated documents into Telaris' open batch, then Close batch: the closed batch's id (e.g. 2026-11-1). */
  closeBatchWith(documents: number): Promise<string>;
  /** The 24SevenOffice sandbox's counters (calls per operation, logins) and books. */
  tsoState(which: 'tso' | 'tsoRaw'): Promise<SandboxState>;
  /** Telaris' requests per operation so far. */
  telarisCalls(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/** The child's company setup, as test/e2e/batchHarness.ts does it (customer count is the benchmark's). */
interface ChildOptions {
  customers: number;
}

type Side = 'accounting' | 'costtracker';

async function startSide(side: Side, options: ChildOptions): Promise<{ child: ChildProcess; urls: Partial<SandboxUrls> }> {
  const child = fork(__filename, [side, JSON.stringify(options)], { execArgv: ['-r', 'tsx/cjs'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const urls = await new Promise<Partial<SandboxUrls>>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Partial<SandboxUrls>));
    child.once('exit', (code) => reject(new Error(`the ${side} sandbox process exited (${code}) before it was ready`)));
  });
  return { child, urls };
}

const stopChild = (child: ChildProcess) => new Promise<void>((resolve) => {
  if (child.exitCode !== null) return resolve();
  child.once('exit', () => resolve());
  child.disconnect(); // the child closes its servers and exits when the channel closes
});

export async function startSandboxProcess(options: ChildOptions): Promise<SandboxProcess> {
  const sides = await Promise.all([startSide('accounting', options), startSide('costtracker', options)]);
  const urls = Object.assign({}, ...sides.map((s) => s.urls)) as SandboxUrls;
  const child = sides[0].child;
  const admin = async <T>(base: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}/admin${path}`, {
      method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox admin ${method} ${path}: HTTP ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const company = `/companies/${DEMO_TELARIS.companyNo}`;
  return {
    urls,
    pid: child.pid!,
    costTrackerPid: sides[1].child.pid!,
    async closeBatchWith(documents) {
      if (documents > 0) await admin(urls.telaris, 'POST', `${company}/documents/generate`, { count: documents, withProjects: true });
      return (await admin<{ id: string }>(urls.telaris, 'POST', `${company}/batches/close`)).id;
    },
    tsoState: (which) => admin<SandboxState>(urls[which], 'GET', '/state'),
    telarisCalls: async () => (await admin<TelarisSandboxState>(urls.telaris, 'GET', '/state')).calls,
    stop: async () => { await Promise.all(sides.map((s) => stopChild(s.child))); },
  };
}

async function serve(side: Side, options: ChildOptions): Promise<void> {
  if (side === 'costtracker') {
    const costTracker = await startCostTrackerSandbox({ port: 0, seed: false });
    process.once('disconnect', () => void costTracker.close().finally(() => process.exit(0)));
    process.send!({ costTracker: costTracker.url } satisfies Partial<SandboxUrls>);
    return;
  }
  const [telaris, tso, tsoRaw] = await Promise.all([
    startTelarisSandbox({ port: 0, seed: false }),
    startTwentyFourSevenOfficeSandbox({ port: 0, seed: true }),
    startTwentyFourSevenOfficeSandbox({ port: 0, seed: true }),
  ]);
  telaris.admin.createCompany({ ...DEMO_TELARIS, seed: 7, customers: options.customers });
  process.once('disconnect', () => {
    void Promise.all([telaris.close(), tso.close(), tsoRaw.close()]).finally(() => process.exit(0));
  });
  process.send!({ telaris: telaris.url, tso: tso.url, tsoRaw: tsoRaw.url } satisfies Partial<SandboxUrls>);
}

if (require.main === module) {
  serve(process.argv[2] as Side, JSON.parse(process.argv[3] ?? '{}') as ChildOptions).catch((err: unknown) => {
    process.stderr.write(`bench sandboxes: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
