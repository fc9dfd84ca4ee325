/**
 * The CostTracker sandbox as the matching benchmark and `npm start` use it: bulk writes of a mid-size customer's
 * year in a few seconds (PO recomputation per touched PO, never a scan), and its state across a restart.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCostTracker, type AccountingTransaction, type MatchRecord } from '../../connectors/costtracker';
import { memorySessionStore, unlimitedBudget } from '../../connectors/types';
import type { Minor } from '../../domain/money';
import { silentLogger } from '../../platform/log';
import { DEMO_COSTTRACKER, startCostTrackerSandbox } from '../../sandbox/costtracker';

const TRANSACTIONS = 200_000;
const ORDERS = 50_000;
const SUPPLIERS = 500;

test(`${TRANSACTIONS} transactions and ${TRANSACTIONS} match records in pages of 1 000 take seconds, and the POs add up`, async () => {
  const sandbox = await startCostTrackerSandbox({ seed: false });
  try {
    const { admin } = sandbox;
    admin.createOrganisation({ id: 'ct-bulk', apiToken: 'ct-bulk-token-1' });
    admin.addSuppliers('ct-bulk', Array.from({ length: SUPPLIERS }, (_, i) => ({ id: String(1000 + i), name: `Leverandør ${i}` })));
    admin.addPurchaseOrders('ct-bulk', Array.from({ length: ORDERS }, (_, i) => ({ year: 2026, supplier: String(1000 + (i % SUPPLIERS)), amount: '100000.00' })));
    const costTracker = createCostTracker({ settings: { baseUrl: sandbox.url, organisationId: 'ct-bulk', pageSize: 1000 }, credentials: { apiToken: 'ct-bulk-token-1' } },
      { tenant: 'bulk', sessions: memorySessionStore(), budget: unlimitedBudget, log: silentLogger });

    const transactions: AccountingTransaction[] = [];
    const records: MatchRecord[] = [];
    for (let i = 0; i < TRANSACTIONS; i++) {
      const order = i % ORDERS;
      const po = `2026-${String(order + 1).padStart(4, '0')}`;
      transactions.push({ id: `tx-${i}`, date: '2026-11-10', supplier: String(1000 + (order % SUPPLIERS)), account: 4300, amount: 12345 as Minor, currency: 'NOK', poField: po, description: `Faktura ${i} bestnr ${po}` });
      records.push({ transaction: `tx-${i}`, kind: 'auto', po, rule: 'po-field', at: '2026-11-20T08:00:00.000Z' });
    }
    const started = Date.now();
    const cpu = process.cpuUsage();
    await costTracker.putTransactions(transactions);
    const transactionsMs = Date.now() - started;
    expect(await costTracker.putMatches(records)).toEqual([]);
    const totalMs = Date.now() - started;
    const used = process.cpuUsage(cpu);
    // CPU time of connector and sandbox together (one process): what the work costs, whatever else the machine runs.
    process.stdout.write(`costtracker sandbox bulk: ${TRANSACTIONS} transactions ${transactionsMs} ms, ${TRANSACTIONS} match records ${totalMs - transactionsMs} ms ` +
      `(wall), ${Math.round((used.user + used.system) / 1000)} ms CPU in all\n`);
    // Seconds on an idle machine; the bound only catches a scan over all POs per record (that would take minutes),
    // since this machine's load decides the rest. The benchmark measures; this test does not time.
    expect(totalMs).toBeLessThan(90_000);

    const state = admin.state().organisations[0]!;
    expect(state).toMatchObject({ transactions: TRANSACTIONS, matchRecords: TRANSACTIONS, purchaseOrders: ORDERS });
    // Each PO got 4 transactions of 123.45.
    expect(admin.purchaseOrders('ct-bulk', '2026-0001')[0]).toMatchObject({ invoiced: '493.80', status: 'partly-invoiced' });
    expect(admin.purchaseOrders('ct-bulk', '2026-50000')[0]).toMatchObject({ invoiced: '493.80' });
  } finally {
    await sandbox.close();
  }
}, 180_000);

test('with a state file, transactions, match records and PO state survive a restart; the seed is not applied again', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-costtracker-state-'));
  const stateFile = path.join(dir, 'costtracker.json');
  try {
    const first = await startCostTrackerSandbox({ stateFile });
    const id = DEMO_COSTTRACKER.organisationId;
    const costTracker = createCostTracker({ settings: { baseUrl: first.url, organisationId: id }, credentials: { apiToken: DEMO_COSTTRACKER.apiToken } },
      { tenant: 'demo', sessions: memorySessionStore(), budget: unlimitedBudget, log: silentLogger });
    await costTracker.putTransactions([{ id: 't1', date: '2026-11-10', supplier: '20001', account: 4300, amount: 250000 as Minor, currency: 'NOK' }]);
    expect(await costTracker.putMatches([{ transaction: 't1', kind: 'manual', po: '2026-0001', by: 'kari', at: '2026-11-20T08:00:00.000Z' }])).toEqual([]);
    await costTracker.markPosted('ri-1', 70001);
    const before = first.admin.purchaseOrders(id);
    await first.close();

    const second = await startCostTrackerSandbox({ stateFile });
    try {
      expect(second.admin.purchaseOrders(id)).toEqual(before);
      expect(second.admin.state().organisations).toHaveLength(1);
      expect(second.admin.matchRecords(id)).toEqual([expect.objectContaining({ transaction: 't1', kind: 'manual', po: '2026-0001' })]);
      // The PO-number index is rebuilt: a duplicate number is still two POs, and a match still finds its PO.
      expect(second.admin.purchaseOrders(id, '2026-0007')).toHaveLength(2);
      await costTracker.putTransactions([]);
      const again = createCostTracker({ settings: { baseUrl: second.url, organisationId: id }, credentials: { apiToken: DEMO_COSTTRACKER.apiToken } },
        { tenant: 'demo', sessions: memorySessionStore(), budget: unlimitedBudget, log: silentLogger });
      await again.putTransactions([{ id: 't2', date: '2026-11-11', supplier: '20001', account: 4300, amount: 100000 as Minor, currency: 'NOK' }]);
      expect(await again.putMatches([{ transaction: 't2', kind: 'auto', po: '2026-0001', rule: 'po-field', at: '2026-11-20T08:00:00.000Z' }])).toEqual([]);
      expect(second.admin.purchaseOrders(id, '2026-0001')[0]).toMatchObject({ invoiced: '3500.00', status: 'partly-invoiced' });
      expect((await again.receivedInvoice('ri-1'))).toMatchObject({ status: 'posted', postedVoucher: 70001 });
    } finally {
      await second.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the admin API over HTTP: an organisation seeded in bulk, its PO state and match records read back, faults armed; bad seed data is named', async () => {
  const sandbox = await startCostTrackerSandbox({ seed: false });
  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sandbox.url}/admin${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: await res.json() as any };
  };
  try {
    expect(await admin('POST', '/organisations', { id: 'ct-http', apiToken: 'ct-http-token', poPrefix: 'PO-' })).toEqual({ status: 200, body: { id: 'ct-http', name: 'Organisation ct-http' } });
    expect((await admin('POST', '/organisations/ct-http/suppliers', { items: [{ id: '501', name: 'Leverandør AS' }] })).body).toEqual({ count: 1 });
    expect((await admin('POST', '/organisations/ct-http/projects', { items: [{ id: '7', name: 'Prosjekt 7' }] })).body).toEqual({ count: 1 });
    expect((await admin('POST', '/organisations/ct-http/purchase-orders', { items: [{ year: 2026, supplier: '501', project: '7', amount: '100.00' }, { number: 'PO-2026-0001', supplier: '501', amount: 50 }] })).body)
      .toEqual({ numbers: ['PO-2026-0001', 'PO-2026-0001'] });
    expect(await admin('POST', '/organisations/ct-http/purchase-orders', { items: [{ supplier: '999', amount: '1.00' }] })).toEqual({ status: 400, body: { error: '[0].supplier: organisation ct-http has no supplier 999' } });
    expect((await admin('POST', '/organisations/ct-http/purchase-orders', { items: [{ supplier: '501', amount: '1.005' }] })).body.error).toMatch(/^0\.amount: 1\.005 has more than two decimals/);
    const orders = (await admin('GET', '/organisations/ct-http/purchase-orders?number=PO-2026-0001')).body;
    expect(orders.map((o: any) => [o.amount, o.project, o.status, o.closedManually])).toEqual([['100.00', '7', 'open', false], ['50.00', null, 'open', false]]);
    expect((await admin('POST', '/faults', { operation: 'putMatches', kind: 'http500' })).body).toMatchObject({ kind: 'http500', remaining: 1 });
    const state = (await admin('GET', '/state')).body;
    expect(state).toMatchObject({ faults: [{ operation: 'putMatches' }], organisations: [{ id: 'ct-http', poPrefix: 'PO-', suppliers: 1, purchaseOrders: 2, transactions: 0 }] });
    expect((await admin('GET', '/organisations/ct-http/match-records')).body).toEqual([]);
    expect((await admin('GET', '/organisations/ct-nope/match-records')).status).toBe(404);
  } finally {
    await sandbox.close();
  }
});
