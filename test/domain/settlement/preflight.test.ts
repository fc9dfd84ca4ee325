/** The settlement's preflight: every finding on a Z-report in one list, each naming tenant, department, Z and the fix. */
import { preflightSettlement, type SettlementPreflight } from '../../../domain/settlement/preflight';
import { accountsOf, aZReport, OSL, SAF_T_GROUPS, USUAL_ACCOUNTS, type ZSpec } from './zReports';

const usualAccountsWithout = (...sources: string[]) => accountsOf(Object.fromEntries(Object.entries(USUAL_ACCOUNTS).filter(([source]) => !sources.includes(source))));

const check = (z: ZSpec = {}, rest: Partial<SettlementPreflight> = {}) =>
  preflightSettlement({ tenant: 'acme-as', z: aZReport(z), department: OSL, accounts: accountsOf(), ...rest });

test('the SAF-T example with its accounts mapped has nothing to report', () => {
  expect(check()).toEqual([]);
});

test('a report that does not add up is refused with the figures that disagree', () => {
  const problems = check({ rounding: 0 });
  expect(problems).toEqual([{
    code: 'Unbalanced', effect: 'refuse',
    message: expect.stringContaining('tenant acme-as, department OSL Z 1042 (2026-11-30): does not balance: payments sum to NOK 513.80, but sales NOK 514.20 + tips NOK 0.00 + rounding NOK 0.00 = NOK 514.20; compare it with the Z-report in DUELL\'s Backoffice'),
  }]);
});

test('each broken invariant is its own problem: sales vs VAT lines, cash difference, expected cash', () => {
  const z = aZReport();
  z.sales.gross += 100;
  z.cash.difference = 500;
  z.cash.expected += 200;
  const messages = preflightSettlement({ tenant: 'acme-as', z, department: OSL, accounts: accountsOf() }).filter((p) => p.code === 'Unbalanced').map((p) => p.message);
  expect(messages).toEqual([
    expect.stringContaining('sales of NOK 515.20 are not the VAT lines\' bases NOK 418.50 + VAT NOK 95.70 = NOK 514.20'),
    expect.stringContaining('payments sum to NOK 513.80, but sales NOK 515.20'),
    expect.stringContaining('the cash difference NOK 5.00 is not counted NOK 295.00 − expected NOK 297.00 = NOK -2.00'),
    expect.stringContaining('expected cash NOK 297.00 is not the float NOK 0.00 + cash payments NOK 295.00 − bank withdrawal NOK 0.00 = NOK 295.00'),
  ]);
});

test('a payment type and a VAT rate without an account are refused with the mapping command', () => {
  const messages = check({}, { accounts: usualAccountsWithout('payment:bankaxept', 'sales:vat:31') }).map((p) => `${p.code} ${p.effect}: ${p.message}`);
  expect(messages).toEqual([
    'AccountMissing refuse: tenant acme-as, department OSL Z 1042 (2026-11-30): no 24SevenOffice account for payment type bankaxept (BankAxept), NOK 218.80; map it: ledgerbridge mappings set acme-as settlement-account payment:bankaxept=<account> --source duell (or OSL/payment:bankaxept for this department only)',
    'AccountMissing refuse: tenant acme-as, department OSL Z 1042 (2026-11-30): no 24SevenOffice account for sales at 15 % VAT (code 31), NOK 89.38; map it: ledgerbridge mappings set acme-as settlement-account sales:vat:31=<account> --source duell (or OSL/sales:vat:31 for this department only)',
  ]);
});

test('the cash account is asked for once, though the payments and the cash difference both want it', () => {
  const problems = check({ cashDifference: -5000, note: 'Feil veksel' }, { accounts: usualAccountsWithout('payment:cash') });
  expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('no 24SevenOffice account for payment type cash (Kontant), NOK 295.00; map it: ledgerbridge mappings set acme-as settlement-account payment:cash=<account>')]);
});

test('where article groups take part of a rate\'s sales, the account is asked for the rest only', () => {
  const groups = SAF_T_GROUPS.map((g) => (g.groupId === '300' ? { ...g, accountNo: '3040' } : g));
  const problems = check({ artGroups: groups }, { accounts: usualAccountsWithout('sales:vat:3') });
  expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('no 24SevenOffice account for sales at 25 % VAT (code 3), NOK 185.60;')]);
});

test("DUELL's own account for a payment type is enough: no mapping is asked for", () => {
  const payments = [{ type: 'cash', amount: 29500 }, { type: 'bankaxept', amount: 21880, accountNo: '1920' }] as const;
  expect(check({ payments: [...payments] }, { accounts: usualAccountsWithout('payment:bankaxept') })).toEqual([]);
});

test('a cash difference without a note is refused, saying how much is short', () => {
  const [problem] = check({ cashDifference: -5000 });
  expect(problem).toEqual({
    code: 'CashDifferenceWithoutNote', effect: 'refuse',
    message: 'tenant acme-as, department OSL Z 1042 (2026-11-30): the cash is NOK 50.00 short (counted NOK 245.00, expected NOK 295.00) and the report has no note; DUELL requires one: find out why with the shop, note it on the settlement in DUELL, and retry',
  });
  expect(check({ cashDifference: -5000, note: 'Feil veksel' })).toEqual([]);
});

test('returns exceeding sales are posted, with a warning', () => {
  const problems = check({ vat: [{ code: '3', rate: '25.00', base: -8000, vat: -2000 }], payments: [{ type: 'cash', amount: -10000 }], rounding: 0 });
  expect(problems).toEqual([{
    code: 'NegativeSales', effect: 'warn',
    message: 'tenant acme-as, department OSL Z 1042 (2026-11-30): sales at 25 % VAT are NOK -80.00 (returns exceed sales): posted as a reduction of sales and output VAT, like a credit note; check the returns in DUELL if that is unexpected',
  }]);
});

test('a settlement before the from-date, from a department with the Z-report off or not in the settings is skipped, with the setting that would change it', () => {
  expect(check({ date: '2026-11-30' }, { department: { ...OSL, fromDate: '2026-12-01' } })).toEqual([{
    code: 'BeforeFromDate', effect: 'skip',
    message: expect.stringContaining('department OSL Z 1042 (2026-11-30): is before department OSL\'s from-date 2026-12-01 and is not transferred; to transfer it set "fromDate": "2026-11-30" or earlier in department OSL of the duell settings: ledgerbridge tenants settings acme-as duell=\'{…}\''),
  }]);
  expect(check({ date: '2026-12-01' }, { department: { ...OSL, fromDate: '2026-12-01' } })).toEqual([]);
  expect(check({}, { department: { ...OSL, zReport: false } })).toEqual([{ code: 'ZReportOff', effect: 'skip', message: expect.stringContaining('the Z-report transfer is off for department OSL; to transfer it set "zReport": true in department OSL') }]);
  expect(check({}, { department: undefined })).toEqual([{ code: 'DepartmentNotSet', effect: 'skip', message: expect.stringContaining('the duell settings have no department OSL') }]);
});

test('with inventory change on, a group sold without a cost price is refused', () => {
  const department = { ...OSL, inventoryChange: true, inventoryChangeAccount: 4390, inventoryAccount: 1460 };
  const problems = check({ artGroups: SAF_T_GROUPS }, { department, costOfGoods: new Map([['100', 5000], ['200', 9000]]) });
  expect(problems).toEqual([{
    code: 'CostPriceMissing', effect: 'refuse',
    message: expect.stringContaining('article group 300 (Sko) sold NOK 179.40 without a cost price, so the inventory change cannot be posted'),
  }]);
});

test('every finding comes at once', () => {
  const codes = check({ rounding: 0, cashDifference: 100, payments: [{ type: 'cash', amount: 29500 }, { type: 'stripe', amount: 21880 }] }).map((p) => p.code);
  expect(codes).toEqual(['Unbalanced', 'AccountMissing', 'CashDifferenceWithoutNote']);
});
