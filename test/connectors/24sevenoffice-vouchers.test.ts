/**
 * Vouchers through SaveBundleList and back through GetTransactions (API doc §4, §5), against the sandbox.
 */
import { aBundle, aCashSale, calls, DEMO_HANDEL, journalBundleOf, startHarness, type Harness } from './24sevenoffice-fixtures';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.sandbox.close(); });

const MARCH = { from: '2026-03-01', to: '2026-03-31' };

test('a journal save is not in the ledger until the accountant posts it', async () => {
  const { connector } = h.connect();
  const no = await connector.nextTransactionNo({ date: '2026-03-02', entrySeriesId: 6 });
  const outcome = await connector.saveBundles([aBundle([aCashSale(no)])], { mode: 'journal' });
  expect(outcome.kind).toBe('ok');
  expect(await connector.transactions({ ...MARCH, transactionNoFrom: no, transactionNoTo: no })).toEqual([]);

  h.sandbox.admin.postJournal(DEMO_HANDEL.clientId, journalBundleOf(h, DEMO_HANDEL.clientId, no)!.id);
  const posted = await connector.transactions({ ...MARCH, transactionNoFrom: no, transactionNoTo: no });
  expect(posted.map((t) => [t.accountNo, t.amount])).toEqual([[1920, 125050], [3100, -125050]]);
});

test('a ledger save is readable at once, in minor units, with dimensions flattened', async () => {
  const { connector } = h.connect();
  const [department] = await connector.departments();
  const projectId = await connector.saveProject({ name: 'Sommerkampanje' });
  const no = await connector.nextTransactionNo({ date: '2026-03-31', entrySeriesId: 6 });
  const voucher = aCashSale(no, { date: '2026-03-31', amount: 99, departmentId: department!.id, projectId });
  expect(await connector.saveBundles([aBundle([voucher])], { mode: 'ledger' })).toMatchObject({ kind: 'ok' });

  // The end date is included: DateEnd goes out as 23:59:59.
  const lines = await connector.transactions({ ...MARCH, accountFrom: 1920, accountTo: 1920, transactionNoFrom: no, transactionNoTo: no });
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({ transactionNo: no, date: '2026-03-31', accountNo: 1920, amount: 99, departmentId: department!.id, projectId });
  expect(await connector.transactions({ ...MARCH, projectId, accountFrom: 3100, accountTo: 3100 })).toHaveLength(1);
  const changed = await connector.transactions({ ...MARCH, changedSince: new Date(Date.now() - 60_000) });
  expect(changed.map((t) => t.transactionNo)).toContain(no);
});

test('a voucher number already used in the series is a duplicate outcome, not an error', async () => {
  const { connector } = h.connect();
  const no = await connector.nextTransactionNo({ date: '2026-03-02', entrySeriesId: 6 });
  await connector.saveBundles([aBundle([aCashSale(no)])], { mode: 'ledger' });
  expect(await connector.nextTransactionNo({ date: '2026-03-02', entrySeriesId: 6 })).toBe(no + 1);
  const again = await connector.saveBundles([aBundle([aCashSale(no)])], { mode: 'ledger' });
  expect(again.kind).toBe('duplicate');
  expect(again.description).toContain(String(no));
});

test('an amount with three decimals is ValidationFailed and nothing is sent', async () => {
  const { connector, ctx } = h.connect();
  const voucher = aCashSale(60001, { amount: 1250.5 }); // 12.505 NOK: a fraction of an øre
  await expect(connector.saveBundles([aBundle([voucher])], { mode: 'ledger' })).rejects.toMatchObject({ type: 'ValidationFailed' });
  expect(calls(h, 'SaveBundleList')).toBe(0);
  expect(ctx.budget.taken).toBe(0);
});

test('an unbalanced voucher is rejected with the reason; an unknown account is a Rejected error', async () => {
  const { connector } = h.connect();
  const unbalanced = aCashSale(60001);
  unbalanced.entries[1]!.amount = -100;
  const outcome = await connector.saveBundles([aBundle([unbalanced])], { mode: 'ledger' });
  expect(outcome).toMatchObject({ kind: 'rejected' });
  expect(outcome.description).toMatch(/not in balance/);

  const unknown = aCashSale(60002);
  unknown.entries[1]!.accountNo = 3999;
  await expect(connector.saveBundles([aBundle([unknown])], { mode: 'ledger' })).rejects.toMatchObject({ type: 'Rejected', message: expect.stringContaining('3999') });
});

test('a lost SaveBundleList response is Unavailable, the voucher IS saved, and a look-up finds it before any resend', async () => {
  const { connector } = h.connect();
  const no = await connector.nextTransactionNo({ date: '2026-03-02', entrySeriesId: 6 });
  h.sandbox.admin.setFault({ operation: 'SaveBundleList', kind: 'lostResponse' });
  const err = await connector.saveBundles([aBundle([aCashSale(no)])], { mode: 'ledger' }).catch((e: unknown) => e);
  expect(err).toMatchObject({ type: 'Unavailable', retryable: true });
  expect((err as Error).message).toMatch(/look .* up before repeating/);
  // What the caller does before retrying: look the voucher up by its number (design principle 3).
  const found = await connector.transactions({ ...MARCH, transactionNoFrom: no, transactionNoTo: no });
  expect(found).toHaveLength(2);
  expect(calls(h, 'SaveBundleList')).toBe(1);
});

test('a session that expires before SaveBundleList is renewed and the save goes through once', async () => {
  const { connector } = h.connect();
  const no = await connector.nextTransactionNo({ date: '2026-03-02', entrySeriesId: 6 });
  h.sandbox.admin.setFault({ operation: 'SaveBundleList', kind: 'sessionExpiry' });
  expect(await connector.saveBundles([aBundle([aCashSale(no)])], { mode: 'ledger' })).toMatchObject({ kind: 'ok' });
  expect(h.sandbox.admin.tenant(DEMO_HANDEL.clientId).ledger.vouchers.filter((v) => v === no)).toHaveLength(1);
  expect(h.sandbox.admin.state().logins).toBe(2);
});
