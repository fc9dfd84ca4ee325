/**
 * The daily settlement end to end: DUELL's Z-reports become balanced vouchers in 24SevenOffice, each exactly once,
 * with the department on every line and the report's PDF attached (its stamp number on every entry), in number
 * order; a run again posts nothing; a report a person must fix waits in needs attention until the fix and `retry`,
 * while the run goes on; the export log tells each report's story.
 */
import { cancelSettlement, retrySettlement, settlementWorkflowId } from '../../client/settlements';
import { linkedEntity } from '../../activities/settlement/syncSystems';
import { createCrossReferenceRepo, createMappingRepo, createSettlementRepo, ROUTES } from '../../db/repos';
import { syncSchedules, triggerSchedule } from '../../client/schedules';
import { scheduleIdOf } from '../../domain/scheduledFlows';
import { HANDEL, KAFE, useSettlementStage, type LedgerLine } from './settlementHarness';

const stage = useSettlementStage();

const sum = (lines: LedgerLine[]) => lines.reduce((s, l) => s + l.amount, 0);
const newVouchers = (before: Map<number, unknown>, after: Map<number, LedgerLine[]>) => [...after].filter(([no]) => !before.has(no));

test("a department's Z-reports are posted to the ledger once each, balanced, with its department and the PDF attached; a second run posts nothing", async () => {
  await stage.mapAccounts({ 'sales:group:30': '3000' });
  const before = stage.ledger();
  const summary = await stage.run();
  expect(summary).toMatchObject({ departments: 1, read: 3, posted: 3, needsAttention: 0, failed: 0, held: 0 });

  const ledger = stage.ledger();
  const posted = newVouchers(before, ledger);
  expect(posted).toHaveLength(3);
  const stamps = new Set<number>();
  for (const [, lines] of posted) {
    expect(sum(lines)).toBe(0);
    expect(lines.every((l) => l.departmentId === 2)).toBe(true);
    expect(new Set(lines.map((l) => l.stampNo)).size).toBe(1);
    expect(lines[0]!.stampNo).toBeGreaterThan(0);
    stamps.add(lines[0]!.stampNo);
  }
  expect(stamps.size).toBe(3);
  // Z 1: 8 990.00 clothes at 25 % and 1 412.50 food at 15 %, paid 1 402.00 cash, 6 120.50 BankAxept, 2 880.00 Vipps.
  const [no1] = posted.sort(([a], [b]) => a - b)[0]!;
  const z1 = ledger.get(no1)!;
  expect(z1).toEqual(expect.arrayContaining([
    expect.objectContaining({ accountNo: 1900, amount: 1_402_00 }),
    expect.objectContaining({ accountNo: 3000, amount: -7_192_00 }),
    expect.objectContaining({ accountNo: 2700, amount: -1_798_00 }),
  ]));
  for (const n of [1, 2, 3]) expect(await stage.row('OSL', n)).toMatchObject({ stage: 'posted', saveTo: 'ledger' });

  const log = await stage.exportLog();
  expect(log.filter((l) => l.entityType === 'z-report' && l.outcome === 'ok' && /posted to the ledger as voucher \d+ with its PDF/.test(l.message ?? ''))).toHaveLength(3);
  expect(log.at(-1)).toMatchObject({ entityType: 'run', outcome: 'ok' });

  const again = await stage.run();
  expect(again).toMatchObject({ read: 0, posted: 0, needsAttention: 0 });
  expect(stage.ledger()).toEqual(ledger);
  expect(stage.tso.admin.tenant(HANDEL).attachments).toBe(3);
}, 120_000);

test('an account 24SevenOffice lacks holds the report in needs attention with the fix; after the mapping, retry posts it', async () => {
  // Z 3 sells in DUELL's article group 30, whose account 3001 the company does not have.
  const summary = await stage.run();
  expect(summary).toMatchObject({ read: 3, posted: 2, needsAttention: 1 });
  const view = await stage.waitForStage('OSL', 3, 'needs-attention');
  expect(view.attention).toContain('account 3001 does not exist in 24SevenOffice');
  expect(view.attention).toContain(`ledgerbridge mappings set ${stage.tenant} settlement-account <part>=<account> --source duell`);
  expect(view.nextAction).toContain(`ledgerbridge settlements retry ${stage.tenant} OSL 3`);
  expect(await stage.row('OSL', 3)).toMatchObject({ stage: 'needs-attention' });
  expect(await stage.exportLog()).toEqual(expect.arrayContaining([
    expect.objectContaining({ outcome: 'failed', message: expect.stringContaining('Z 3 of department OSL (2026-11-29) needs attention') }),
  ]));

  await stage.mapAccounts({ 'sales:group:30': '3000' });
  await retrySettlement(stage.env.client, settlementWorkflowId(stage.tenant, 'OSL', 3));
  expect(await stage.env.client.workflow.getHandle(settlementWorkflowId(stage.tenant, 'OSL', 3)).result()).toMatchObject({ outcome: 'posted' });
  expect(await stage.row('OSL', 3)).toMatchObject({ stage: 'posted' });
  expect(await createSettlementRepo(stage.db).lastPosted(stage.tenant, 'OSL')).toBe(3);
  expect(await stage.run()).toMatchObject({ read: 0, posted: 0 });
}, 120_000);

test('journal mode with the inventory change: the settlement waits in the journal with cost of goods at the products\' cost prices', async () => {
  await stage.mapAccounts({ 'sales:group:30': '3000' });
  await stage.departments({ OSL: { company: '24so', department: 2, saveTo: 'journal', inventoryChange: true, inventoryChangeAccount: 4090, inventoryAccount: 1460 } });
  const summary = await stage.run();
  expect(summary).toMatchObject({ posted: 3, needsAttention: 0 });
  const journal = stage.tso.admin.tenant(HANDEL).journal.filter((b) => b.name?.startsWith('DUELL OSL'));
  expect(journal).toHaveLength(3);
  const z1 = journal.find((b) => b.name?.startsWith('DUELL OSL Z 1'))!.vouchers[0]!.lines;
  // Z 1: 18 clothes at the mean cost of 380.00 and 610.00, 30 coffees at 21.20: 8 910.00 + 636.00.
  expect(z1).toEqual(expect.arrayContaining([{ accountNo: 4090, amount: '9546.00' }, { accountNo: 1460, amount: '-9546.00' }]));
  expect((await stage.exportLog()).filter((l) => /saved to the journal for posting/.test(l.message ?? ''))).toHaveLength(3);
}, 120_000);

test('two departments in two companies: each settlement lands in its own company with its own department', async () => {
  await stage.mapAccounts({ 'sales:group:30': '3000' });
  await stage.departments({
    OSL: { company: '24so', department: 2, saveTo: 'ledger' },
    BGO: { company: '24so-kafe', department: 3, saveTo: 'ledger' },
  });
  const [handel, kafe] = [stage.ledger(HANDEL), stage.ledger(KAFE)];
  const summary = await stage.run();
  expect(summary).toMatchObject({ departments: 2, read: 5, posted: 5, needsAttention: 0 });
  const inHandel = newVouchers(handel, stage.ledger(HANDEL));
  const inKafe = newVouchers(kafe, stage.ledger(KAFE));
  expect(inHandel).toHaveLength(3);
  expect(inKafe).toHaveLength(2);
  expect(inHandel.every(([, lines]) => lines.every((l) => l.departmentId === 2))).toBe(true);
  expect(inKafe.every(([, lines]) => lines.every((l) => l.departmentId === 3) && sum(lines) === 0)).toBe(true);
}, 120_000);

test('customers go to every company a department posts to, each linked to its own company\'s id', async () => {
  await stage.mapAccounts({ 'sales:group:30': '3000' });
  await stage.departments({
    OSL: { company: '24so', department: 2, saveTo: 'ledger', customers: true },
    BGO: { company: '24so-kafe', department: 3, saveTo: 'ledger', customers: true },
  });
  await stage.run();
  const xrefs = createCrossReferenceRepo(stage.db);
  const linksOf = async (connection: string, clientId: number) => {
    const links = await xrefs.list(stage.tenant, ROUTES.duellTo24so, linkedEntity('customer', `${stage.tenant}:${connection}`));
    const companies = new Map(stage.tso.admin.companies(clientId).map((c) => [String(c.Id), c.Name]));
    return Object.fromEntries(links.map((l) => [l.sourceId, companies.get(l.targetId)]));
  };
  // DUELL's three customers, created in each company and linked there, never to the other company's ids.
  const expected = { 10001: 'Fjord Eventbyrå AS', 10002: 'Oslo Skolekorps', 10003: 'Ingrid Berg' };
  expect(await linksOf('24so', HANDEL)).toEqual(expected);
  expect(await linksOf('24so-kafe', KAFE)).toEqual(expected);
  // A second run finds them linked in both and writes nothing.
  expect(await stage.run()).toMatchObject({ customers: 0 });
}, 120_000);

test('a posted Z that DUELL now shows with other content is a conflict: the department posts nothing and the log says why', async () => {
  await stage.mapAccounts({ 'sales:group:30': '3000' });
  await createSettlementRepo(stage.db).save(stage.tenant, 'OSL', 1, { stage: 'posted', date: '2026-11-27', contentHash: 'what-was-posted-then' });
  const before = stage.ledger();
  const summary = await stage.run();
  expect(summary).toMatchObject({ posted: 0, held: 2 });
  expect(stage.ledger()).toEqual(before);
  expect(await stage.exportLog()).toEqual(expect.arrayContaining([
    expect.objectContaining({ entityType: 'department', outcome: 'failed', message: expect.stringContaining('Z 1 was posted before and now reads differently') }),
  ]));
}, 120_000);

test('a gap in the series holds the department after it: the reports before go, the log names the missing Z, and the next run goes on once DUELL has it', async () => {
  await stage.mapAccounts({ 'sales:group:30': '3000' });
  stage.duell.admin.loseZReport('100200', 'OSL', 2);
  const summary = await stage.run();
  expect(summary).toMatchObject({ posted: 1, held: 1, needsAttention: 0 });
  expect(await stage.row('OSL', 1)).toMatchObject({ stage: 'posted' });
  expect(await stage.row('OSL', 3)).toBeUndefined();
  expect(await stage.exportLog()).toEqual(expect.arrayContaining([
    expect.objectContaining({ entityType: 'department', sourceId: 'OSL', outcome: 'failed', message: expect.stringContaining('Z 2 is missing between 1 and 3') }),
  ]));
  expect((await stage.exportLog()).at(-1)).toMatchObject({ entityType: 'run', outcome: 'warning' });
}, 120_000);

test('a cancelled report is not posted and says so in the log; the next run takes it again and holds nothing before it', async () => {
  expect(await stage.run()).toMatchObject({ posted: 2, needsAttention: 1 });
  await stage.waitForStage('OSL', 3, 'needs-attention');
  await cancelSettlement(stage.env.client, settlementWorkflowId(stage.tenant, 'OSL', 3), 'posted by hand');
  await expect(stage.env.client.workflow.getHandle(settlementWorkflowId(stage.tenant, 'OSL', 3)).result()).rejects.toThrow();
  expect(await stage.row('OSL', 3)).toMatchObject({ stage: 'cancelled', attention: 'posted by hand' });
  expect(await stage.exportLog()).toEqual(expect.arrayContaining([
    expect.objectContaining({ outcome: 'skipped', message: expect.stringContaining('Z 3 of department OSL (2026-11-29) cancelled: posted by hand') }),
  ]));
  expect(await stage.run()).toMatchObject({ read: 1, posted: 0, needsAttention: 1 });
}, 120_000);

test('customers and goods reach 24SevenOffice before the invoice basis, which becomes one order once its products can be written; a further run sends nothing again', async () => {
  await stage.mapAccounts({ 'sales:group:30': '3000' });
  await stage.departments({ OSL: { company: '24so', department: 2, saveTo: 'ledger', customers: true, goods: true, stock: true, invoices: true } });
  const before = stage.tso.admin.tenant(HANDEL);

  // DUELL's product groups are not 24SevenOffice categories: the products and the basis that sells them wait, saying how.
  const first = await stage.run();
  expect(first).toMatchObject({ posted: 3, customers: 3, invoices: 0, invoicesFailed: 1 });
  const failed = (await stage.exportLog()).filter((l) => l.outcome === 'failed').map((l) => l.message);
  expect(failed).toContainEqual(expect.stringContaining(`map DUELL's product group 10 to a 24SevenOffice category: ledgerbridge mappings set ${stage.tenant} product-category 10=<category id> --source duell`));
  expect(failed).toContainEqual(expect.stringMatching(/invoice basis 1 \(fg-1\): product 1001 does not exist in 24SevenOffice.*tried again on the next run once fixed/));

  // Clothes and food as Varer (1), services as Tjenester (2).
  const mappings = createMappingRepo(stage.db);
  for (const [group, category] of [['10', '1'], ['20', '1'], ['30', '2']]) await mappings.set(stage.tenant, ROUTES.duellTo24so, 'product-category', group!, category!);
  const second = await stage.run();
  expect(second).toMatchObject({ posted: 0, invoices: 1, invoicesFailed: 0, stock: 3 });
  expect(second.goods).toBeGreaterThanOrEqual(3);
  const after = stage.tso.admin.tenant(HANDEL);
  expect(after.invoices - before.invoices).toBe(1);
  const log = await stage.exportLog();
  expect(log.filter((l) => /^duell\/OSL\/invoice-basis\//.test(l.sourceId) && l.outcome === 'ok')).toHaveLength(1);
  expect(log.at(-1)!.message).toMatch(/1 invoice basis\(es\) sent as orders/);

  const third = await stage.run();
  expect(third).toMatchObject({ posted: 0, invoices: 0, invoicesFailed: 0 });
  expect(stage.tso.admin.tenant(HANDEL).invoices).toBe(after.invoices);
}, 180_000);

test('the schedule fires the run: the first time every report, the next time only the one DUELL closed since', async () => {
  await stage.mapAccounts({ 'sales:group:30': '3000' });
  const client = stage.env.client;
  const [synced] = await syncSchedules(client, stage.db, { tenant: stage.tenant, taskQueue: stage.taskQueue });
  expect(synced).toMatchObject({ scheduleId: scheduleIdOf(stage.tenant, 'duell'), outcome: 'created' });
  const fire = async () => {
    const workflowId = await triggerSchedule(client, scheduleIdOf(stage.tenant, 'duell'));
    return client.workflow.getHandle(workflowId).result();
  };
  try {
    expect(await fire()).toMatchObject({ read: 3, posted: 3 });
    // The shop closes the next day: DUELL has Z 4.
    stage.duell.admin.addZReports('100200', 'OSL', [{ date: '2026-11-30', time: '21:00:00', registerId: 'OSL-1', signedBy: 'Kari Nordmann', openingFloat: 2000, receipts: 3,
      groups: [{ groupId: '10', name: 'Klær', accountNo: '3000', vatCode: '3', count: 1, amount: 500 }], payments: [{ type: 'bankaxept', count: 1, amount: 500 }] }]);
    expect(await fire()).toMatchObject({ read: 1, posted: 1 });
    expect(await createSettlementRepo(stage.db).lastPosted(stage.tenant, 'OSL')).toBe(4);
  } finally {
    await client.schedule.getHandle(scheduleIdOf(stage.tenant, 'duell')).delete();
  }
}, 120_000);
