/**
 * `npm start` as a newcomer runs it: the embedded stack comes up with the Temporal UI, the demo tenant's
 * connection check completes, other commands reach the same database, Ctrl-C stops everything cleanly, and a
 * second start resumes with the same data: ours and the sandboxes' (they stand for the customer's systems).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection, Client } from '@temporalio/client';
import { freePort } from '../../platform/dev-server';
import { loadCodecKeys } from '../../platform/codecKeys';
import { ledgerbridgeDataConverter } from '../../platform/dataConverter';
import { runCli } from '../cli/run';

jest.setTimeout(240_000);

const bin = path.resolve(__dirname, '../../bin/ledgerbridge.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-start-'));
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  env = { ...process.env, LEDGERBRIDGE_DATA_DIR: dataDir };
  delete env.TEMPORAL_ADDRESS;
  delete env.DATABASE_URL;
  delete env.LEDGERBRIDGE_SECRET_KEY;
  delete env.LEDGERBRIDGE_CODEC_KEYS;
  delete env.LEDGERBRIDGE_CODEC_TOKEN;
  env.LEDGERBRIDGE_TEMPORAL_PORT = String(await freePort());
  env.LEDGERBRIDGE_UI_PORT = String(await freePort());
  env.LEDGERBRIDGE_SANDBOX_24SO_PORT = String(await freePort());
  env.LEDGERBRIDGE_SANDBOX_TELARIS_PORT = String(await freePort());
  env.LEDGERBRIDGE_SANDBOX_SEVERA_PORT = String(await freePort());
  env.LEDGERBRIDGE_SANDBOX_TALENOM_PORT = String(await freePort());
  env.LEDGERBRIDGE_SANDBOX_COSTTRACKER_PORT = String(await freePort());
  env.LEDGERBRIDGE_SANDBOX_DUELL_PORT = String(await freePort());
  env.LEDGERBRIDGE_METRICS_ADDRESS = `127.0.0.1:${await freePort()}`;
  env.LEDGERBRIDGE_CODEC_PORT = String(await freePort());
});

const started: ChildProcess[] = [];

// A failed expectation leaves a running stack behind, holding its ports for whatever runs next: stop it as Ctrl-C
// would, and kill it if it does not stop.
afterEach(async () => {
  for (const child of started.splice(0).filter((c) => c.exitCode === null && c.signalCode === null)) {
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await gone;
    clearTimeout(killer);
  }
});

function start(): { child: ChildProcess; ready: Promise<string>; exited: Promise<number>; output(): string } {
  const child = spawn(process.execPath, [bin, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ctrl-C stops everything')) resolve(output);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`start exited with ${code} before it was ready:\n${output}`)));
  });
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? -1)));
  return { child, ready, exited, output: () => output };
}

async function workflowsOfDemo(address: string): Promise<number> {
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection, dataConverter: ledgerbridgeDataConverter(loadCodecKeys({ dataDir, env: {} }).keys) });
    let runs = 0;
    for await (const wf of client.workflow.list({ query: `Tenant = 'demo' AND Flow = 'connection-check'` })) {
      if (wf.status.name === 'COMPLETED') runs++;
    }
    return runs;
  } finally {
    await connection.close();
  }
}

/** The demo's invoices once `count` of them are transferred (as `invoices list --json` shows them). */
async function untilInvoicesTransferred(count: number): Promise<{ number: string; stage: string }[]> {
  let last: { number: string; stage: string }[] = [];
  for (const deadline = Date.now() + 90_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 1000))) {
    const listed = await runCli(['invoices', 'list', 'demo', '--json'], env);
    if (listed.code === 0) last = JSON.parse(listed.stdout);
    if (last.filter((i) => i.stage === 'transferred').length >= count) return last;
  }
  throw new Error(`the demo's invoices were not transferred within 90 s: ${JSON.stringify(last)}`);
}

interface SettlementRow { department: string; z: number; stage: string; voucher: number; stamp: number; to: string }

/** The demo's settlements once none is on its way (as `settlements list --json` shows them). */
async function untilSettled(): Promise<SettlementRow[]> {
  let last: SettlementRow[] = [];
  for (const deadline = Date.now() + 90_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 1000))) {
    const listed = await runCli(['settlements', 'list', 'demo', '--json'], env);
    if (listed.code === 0) last = JSON.parse(listed.stdout);
    if (last.length >= 5 && last.every((s) => ['posted', 'needs-attention'].includes(s.stage))) return last;
  }
  throw new Error(`the demo's settlements did not settle within 90 s: ${JSON.stringify(last)}`);
}

test('npm start runs the stack, completes the demo check, stops on Ctrl-C and resumes with the same data', async () => {
  const first = start();
  const output = await first.ready;
  expect(output).toMatch(/demo tenant\s+demo: connection demo:24so check passed/);
  const uiUrl = /Temporal UI\s+(http:\/\/\S+)/.exec(output)![1]!;
  expect((await fetch(uiUrl)).status).toBe(200);

  // The first start made the payload key; the UI reaches the codec server from its origin, without a token
  // (it has none to send); anyone else needs one.
  const keyId = /payload encryption\s+key (\w+) from \S+codec\.keys/.exec(output)![1]!;
  const codecUrl = /codec server\s+(http:\/\/\S+)/.exec(output)![1]!;
  const uiOrigin = new URL(uiUrl).origin;
  const preflight = await fetch(`${codecUrl}/decode`, { method: 'OPTIONS', headers: { Origin: uiOrigin, 'Access-Control-Request-Method': 'POST' } });
  expect(preflight.headers.get('access-control-allow-origin')).toBe(uiOrigin);
  const fromUi = await fetch(`${codecUrl}/decode`, { method: 'POST', headers: { Origin: uiOrigin, 'Content-Type': 'application/json' }, body: '{"payloads":[]}' });
  expect(fromUi.status).toBe(200);
  expect((await fetch(`${codecUrl}/decode`, { method: 'POST', body: '{"payloads":[]}' })).status).toBe(401);

  const runtime = JSON.parse(fs.readFileSync(path.join(dataDir, 'runtime.json'), 'utf8'));
  const shown = await runCli(['tenants', 'show', 'demo', '--json'], env);
  // On a failure, what the stack logged meanwhile too (its worker's and the database socket's complaints).
  expect({ code: shown.code, stderr: shown.code === 0 ? '' : `${shown.stderr}\n--- npm start since ready:\n${first.output().slice(output.length).slice(-3000)}` }).toEqual({ code: 0, stderr: '' });
  const demo = JSON.parse(shown.stdout);
  expect(demo.connections).toHaveLength(6);
  expect(demo.connections).toEqual(expect.arrayContaining([
    expect.objectContaining({ id: 'demo:duell', system: 'duell' }),
    expect.objectContaining({ id: 'demo:24so', lastCheck: expect.stringMatching(/^ok at/) }),
    expect.objectContaining({ id: 'demo:telaris', system: 'telaris' }),
    expect.objectContaining({ id: 'demo:severa', system: 'severa' }),
    expect.objectContaining({ id: 'demo:talenom', system: 'talenom' }),
    expect.objectContaining({ id: 'demo:costtracker', system: 'costtracker' }),
  ]));
  expect(demo.settings.severa).toEqual({ transferSchedule: { at: ['06:00'], timezone: 'Europe/Helsinki' }, salesAccountsInUse: true });
  expect(await workflowsOfDemo(runtime.temporalAddress)).toBe(1);

  // The first start runs the demo's invoice transfer once: every waiting Severa invoice reaches Talenom.
  expect(output).toMatch(/schedule\s+demo\/invoice-transfer: created/);
  expect(output).toMatch(/invoice transfer\s+first start: schedule demo\/invoice-transfer triggered once, .* \(workflow demo\/invoices-\S+\)/);
  const transferred = await untilInvoicesTransferred(4);
  expect(transferred.every((i) => i.stage === 'transferred')).toBe(true);

  // And its daily settlement once: DUELL's Oslo shop straight into the ledger with each report's PDF, Bergen into
  // voucher reception, and Oslo's Z 3 waiting for the account its article group lacks (README's worked example).
  expect(output).toMatch(/schedule\s+demo\/duell: created/);
  expect(output).toMatch(/daily settlement\s+first start: schedule demo\/duell triggered once, .* \(workflow demo\/settlements-\S+\)/);
  const settled = await untilSettled();
  expect(settled.filter((s) => s.department === 'OSL').map((s) => [s.z, s.stage])).toEqual([[3, 'needs-attention'], [2, 'posted'], [1, 'posted']]);
  expect(settled.filter((s) => s.department === 'OSL' && s.stage === 'posted').every((s) => s.to === 'ledger' && s.stamp > 0 && s.voucher > 0)).toBe(true);
  expect(settled.filter((s) => s.department === 'BGO').map((s) => [s.stage, s.to, s.stamp > 0])).toEqual([['posted', 'journal', true], ['posted', 'journal', true]]);

  // The stack's worker serves Temporal's metrics and ours on the address the summary names: the transfer shows.
  const metricsUrl = /metrics \(Prometheus\)\s+(http:\/\/\S+)/.exec(output)![1]!;
  expect(metricsUrl).toBe(`http://${env.LEDGERBRIDGE_METRICS_ADDRESS}/metrics`);
  const scraped = await (await fetch(metricsUrl)).text();
  expect(scraped).toMatch(/^temporal_\w+/m);
  expect(scraped).toContain(`ledgerbridge_invoices_transferred{flow="invoice-transfer",tenant="demo"} ${transferred.length}\n`);
  expect(scraped).toContain(`ledgerbridge_settlements_posted{flow="duell",tenant="demo"} 4\n`);

  // What the startup message suggests: the demo's open Telaris batch goes through preflight into 24SevenOffice's
  // journal (the demo tenant posts in journal mode, so it ends waiting for the accountant).
  expect(output).toContain('npx ledgerbridge batch close demo');
  const closed = await runCli(['batch', 'close', 'demo', '--json'], env);
  expect(closed).toMatchObject({ code: 0 });
  const batchId = JSON.parse(closed.stdout).id;
  const exported = await runCli(['batch', 'export', 'demo', batchId, '--wait'], env);
  expect(exported.stdout).toContain("waits: in 24SevenOffice's journal");
  expect(exported).toMatchObject({ code: 0 });
  const listed = JSON.parse((await runCli(['batch', 'list', 'demo', '--json'], env)).stdout);
  expect(listed).toContainEqual(expect.objectContaining({ batchId, state: 'in journal' }));

  first.child.kill('SIGINT');
  expect(await first.exited).toBe(0);
  expect(fs.existsSync(path.join(dataDir, 'runtime.json'))).toBe(false);

  const second = start();
  const secondOutput = await second.ready;
  expect(secondOutput).not.toContain('first start: schedule'); // transfers have run: the schedule's own time is enough
  expect(secondOutput).toMatch(new RegExp(`payload encryption\\s+key ${keyId} `)); // the same key: the first start's histories stay readable
  const again = JSON.parse((await runCli(['tenants', 'show', 'demo', '--json'], env)).stdout);
  expect(again.createdAt).toBe(demo.createdAt);
  expect(again.connections).toHaveLength(6);
  const mappings = JSON.parse((await runCli(['mappings', 'list', 'demo', '--kind', 'voucher-type', '--json'], env)).stdout);
  expect(mappings.map((m: { source: string; target: string }) => `${m.source}=${m.target}`)).toEqual(['cashSettlement=6', 'cost=3', 'payment=4', 'salesInvoice=1']);
  expect(await workflowsOfDemo(runtime.temporalAddress)).toBe(2);

  // The sandboxes kept their state: Telaris still knows the closed batch, its open batch did not get the seed's
  // documents again, and the vouchers still wait in 24SevenOffice's journal.
  expect(fs.readdirSync(path.join(dataDir, 'sandbox')).sort()).toEqual(['24sevenoffice.json', 'costtracker.json', 'duell.json', 'severa.json', 'talenom.json', 'telaris.json']);
  const relisted = JSON.parse((await runCli(['batch', 'list', 'demo', '--json'], env)).stdout);
  expect(relisted).toContainEqual(expect.objectContaining({ batchId, state: 'in journal' }));
  expect(relisted).toContainEqual(expect.objectContaining({ state: 'open', documents: 0 }));
  const nothing = await runCli(['batch', 'close', 'demo'], env);
  expect(nothing.code).toBe(5);
  expect(nothing.stderr).toContain('nothing to close');
  const books = await (await fetch(`http://127.0.0.1:${env.LEDGERBRIDGE_SANDBOX_24SO_PORT}/admin/tenants/1001`)).json() as { journal: unknown[] };
  expect(books.journal.length).toBeGreaterThan(0); // the seed has an empty journal
  second.child.kill('SIGINT');
  expect(await second.exited).toBe(0);
});
