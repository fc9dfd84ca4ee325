/**
 * How fast the connector reads a year of supplier-invoice cost lines from 24SevenOffice (the fetch side of PO
 * matching): `node --expose-gc -r tsx/cjs bench/transactionRead.ts [--lines 200000]`. The sandbox runs in a
 * child process (its ledger and serialisation do not count here); it is seeded through its admin API with
 * invoices of four cost lines each over 2026, then the connector reads 20 000 lines in one call and the whole
 * year in 53 weekly EntryDate windows, and prints lines per second and this process's peak RSS. Speed is not
 * asserted; a wrong count exits 1.
 */
import { fork } from 'node:child_process';
import os from 'node:os';
import { createTwentyFourSevenOffice, type Transaction } from '../connectors/24sevenoffice';
import { memorySessionStore, unlimitedBudget } from '../connectors/types';
import { silentLogger } from '../platform/log';
import { DEMO_CREDENTIALS, DEMO_CREDENTIALS as C, startTwentyFourSevenOfficeSandbox } from '../sandbox/24sevenoffice';

const CLIENT = DEMO_CREDENTIALS.identities[0].clientId;
const COST_ACCOUNTS = [4300, 6300, 6800, 7740];
const PER_INVOICE = 4;

/** Invoices dated over 2026 (one calendar day after another), four cost lines each, some with a PO number. */
function invoices(lines: number) {
  const count = Math.ceil(lines / PER_INVOICE);
  return Array.from({ length: count }, (_, i) => {
    const day = new Date(Date.UTC(2026, 0, 1) + Math.floor((i * 365) / count) * 86_400_000).toISOString().slice(0, 10);
    return {
      date: day, supplierId: 20001 + (i % 5), invoiceNo: `B-${i}`,
      lines: Array.from({ length: PER_INVOICE }, (_, j) => ({
        account: COST_ACCOUNTS[j]!, amount: `${100 + (i % 9000)}.${String(j * 7).padStart(2, '0')}`, project: 1 + (i % 3), department: 1 + (j % 3),
        poField: j === 0 && i % 2 === 0 ? `2026-${String(i % 10000).padStart(4, '0')}` : undefined, comment: `Varekjøp ${i}/${j}`,
      })),
    };
  });
}

async function child(): Promise<void> {
  const sandbox = await startTwentyFourSevenOfficeSandbox({ hourlyLimit: 1_000_000 });
  process.on('message', () => process.send!({ cpuMs: cpuMs() }));
  process.send!({ url: sandbox.url });
}

/** CPU time of this process so far: on a shared machine wall time says more about the neighbours than about us. */
function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

async function main(): Promise<void> {
  const lines = Number(process.argv[process.argv.indexOf('--lines') + 1] || 200_000);
  const proc = fork(__filename, ['--child'], { execArgv: ['-r', 'tsx/cjs'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { url } = await new Promise<{ url: string }>((resolve) => proc.once('message', (m) => resolve(m as { url: string })));
  const sandboxCpu = () => new Promise<number>((resolve) => { proc.once('message', (m) => resolve((m as { cpuMs: number }).cpuMs)); proc.send('cpu'); });
  try {
    let all = invoices(lines);
    const total = all.length * PER_INVOICE;
    const until = all[Math.floor(20_000 / PER_INVOICE) - 1]!.date; // one call of ~20 000 lines: the first 5 000 invoices' dates
    let started = Date.now();
    for (let i = 0; i < all.length; i += 10_000) {
      const res = await fetch(`${url}/admin/tenants/${CLIENT}/ledger/supplier-invoices`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(all.slice(i, i + 10_000)) });
      if (!res.ok) throw new Error(`seeding: HTTP ${res.status} ${await res.text()}`);
    }
    console.log(`seeded ${all.length} invoices (${total} cost lines) in ${Date.now() - started} ms`);
    all = [];
    global.gc?.();

    const connector = createTwentyFourSevenOffice({
      settings: { apiBaseUrl: url, webservicesBaseUrl: url, timeoutMs: 120_000, maxResponseBytes: 512 * 1024 * 1024 },
      credentials: { applicationId: C.applicationId, username: C.username, password: C.password },
    }, { tenant: 'bench', sessions: memorySessionStore(), budget: unlimitedBudget, log: silentLogger });
    const cost = { accountFrom: 4000, accountTo: 7999 };
    await connector.transactions({ from: '2026-01-01', to: '2026-01-01', ...cost }); // login, WSDL parsed

    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sample = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
    const report = (what: string, n: number, ms: number, cpu: number, serverCpu: number) =>
      console.log(`${what}: ${n} lines in ${ms} ms wall = ${Math.round((n * 1000) / ms)} lines/s; connector CPU ${Math.round(cpu)} ms ` +
        `(${Math.round((n * 1000) / cpu)} lines per CPU-second), sandbox CPU ${Math.round(serverCpu)} ms`);
    let cpu = cpuMs();
    let server = await sandboxCpu();
    started = Date.now();
    const big: Transaction[] = await connector.transactions({ from: '2026-01-01', to: until, ...cost });
    report('one call', big.length, Date.now() - started, cpuMs() - cpu, (await sandboxCpu()) - server);
    big.length = 0;

    cpu = cpuMs();
    server = await sandboxCpu();
    started = Date.now();
    let read = 0;
    let calls = 0;
    for (let from = Date.UTC(2026, 0, 1); from < Date.UTC(2027, 0, 1); from += 7 * 86_400_000) {
      const to = Math.min(from + 6 * 86_400_000, Date.UTC(2026, 11, 31));
      read += (await connector.transactions({ from: new Date(from).toISOString().slice(0, 10), to: new Date(to).toISOString().slice(0, 10), ...cost })).length;
      calls++;
    }
    report(`year in ${calls} calls`, read, Date.now() - started, cpuMs() - cpu, (await sandboxCpu()) - server);
    clearInterval(sample);
    console.log(`RSS before the reads ${Math.round(baseline / 1048576)} MB, peak ${Math.round(peak / 1048576)} MB; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
    if (read !== total) {
      console.error(`expected ${total} cost lines, read ${read}`);
      process.exitCode = 1;
    }
  } finally {
    proc.kill();
  }
}

if (process.argv.includes('--child')) void child();
else void main();
