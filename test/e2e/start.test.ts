/**
 * `npm start` as a newcomer runs it: the embedded stack comes up with the Temporal UI, the demo tenant's
 * connection check completes, other commands reach the same database, Ctrl-C stops everything cleanly, and a
 * second start resumes with the same data: ours and the sandboxes' (they stand for the customer's systems).
 */
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../cli/run';
import { useEmbeddedStack } from './embeddedStack';

jest.setTimeout(240_000);

const stack = useEmbeddedStack('lb-start-');
const { dataDir } = stack;
const start = () => stack.start();

async function workflowsOfDemo(): Promise<number> {
  return stack.client(async (client) => {
    let runs = 0;
    for await (const wf of client.workflow.list({ query: `Tenant = 'demo' AND Flow = 'connection-check'` })) {
      if (wf.status.name === 'COMPLETED') runs++;
    }
    return runs;
  });
}

/** The demo's invoices once `count` of them are transferred (as `invoices list --json` shows them). */
async function untilInvoicesTransferred(count: number): Promise<{ number: string; stage: string }[]> {
  let last: { number: string; stage: string }[] = [];
  for (const deadline = Date.now() + 90_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 1000))) {
    const listed = await runCli(['invoices', 'list', 'demo', '--json'], stack.env);
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
    const listed = await runCli(['settlements', 'list', 'demo', '--json'], stack.env);
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

  const shown = await runCli(['tenants', 'show', 'demo', '--json'], stack.env);
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
  expect(await workflowsOfDemo()).toBe(1);

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
  expect(metricsUrl).toBe(`http://${stack.env.LEDGERBRIDGE_METRICS_ADDRESS}/metrics`);
  const scraped = await (await fetch(metricsUrl)).text();
  expect(scraped).toMatch(/^temporal_\w+/m);
  expect(scraped).toContain(`ledgerbridge_invoices_transferred{flow="invoice-transfer",tenant="demo"} ${transferred.length}\n`);
  expect(scraped).toContain(`ledgerbridge_settlements_posted{flow="duell",tenant="demo"} 4\n`);

  // What the startup message suggests: the demo's open Telaris batch goes through preflight into 24SevenOffice's
  // journal (the demo tenant posts in journal mode, so it ends waiting for the accountant).
  expect(output).toContain('npx ledgerbridge batch close demo');
  const closed = await runCli(['batch', 'close', 'demo', '--json'], stack.env);
  expect(closed).toMatchObject({ code: 0 });
  const batchId = JSON.parse(closed.stdout).id;
  const exported = await runCli(['batch', 'export', 'demo', batchId, '--wait'], stack.env);
  expect(exported.stdout).toContain("waits: in 24SevenOffice's journal");
  expect(exported).toMatchObject({ code: 0 });
  const listed = JSON.parse((await runCli(['batch', 'list', 'demo', '--json'], stack.env)).stdout);
  expect(listed).toContainEqual(expect.objectContaining({ batchId, state: 'in journal' }));

  first.child.kill('SIGINT');
  expect(await first.exited).toBe(0);
  expect(fs.existsSync(path.join(dataDir, 'runtime.json'))).toBe(false);

  const second = start();
  const secondOutput = await second.ready;
  expect(secondOutput).not.toContain('first start: schedule'); // transfers have run: the schedule's own time is enough
  expect(secondOutput).toMatch(new RegExp(`payload encryption\\s+key ${keyId} `)); // the same key: the first start's histories stay readable
  const again = JSON.parse((await runCli(['tenants', 'show', 'demo', '--json'], stack.env)).stdout);
  expect(again.createdAt).toBe(demo.createdAt);
  expect(again.connections).toHaveLength(6);
  const mappings = JSON.parse((await runCli(['mappings', 'list', 'demo', '--kind', 'voucher-type', '--json'], stack.env)).stdout);
  expect(mappings.map((m: { source: string; target: string }) => `${m.source}=${m.target}`)).toEqual(['cashSettlement=6', 'cost=3', 'payment=4', 'salesInvoice=1']);
  expect(await workflowsOfDemo()).toBe(2);

  // The sandboxes kept their state: Telaris still knows the closed batch, its open batch did not get the seed's
  // documents again, and the vouchers still wait in 24SevenOffice's journal.
  expect(fs.readdirSync(path.join(dataDir, 'sandbox')).sort()).toEqual(['24sevenoffice.json', 'costtracker.json', 'duell.json', 'severa.json', 'talenom.json', 'telaris.json']);
  const relisted = JSON.parse((await runCli(['batch', 'list', 'demo', '--json'], stack.env)).stdout);
  expect(relisted).toContainEqual(expect.objectContaining({ batchId, state: 'in journal' }));
  expect(relisted).toContainEqual(expect.objectContaining({ state: 'open', documents: 0 }));
  const nothing = await runCli(['batch', 'close', 'demo'], stack.env);
  expect(nothing.code).toBe(5);
  expect(nothing.stderr).toContain('nothing to close');
  const books = await (await fetch(`http://127.0.0.1:${stack.env.LEDGERBRIDGE_SANDBOX_24SO_PORT}/admin/tenants/1001`)).json() as { journal: unknown[] };
  expect(books.journal.length).toBeGreaterThan(0); // the seed has an empty journal
  second.child.kill('SIGINT');
  expect(await second.exited).toBe(0);
});
