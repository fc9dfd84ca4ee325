/** The settlement voucher: one balanced cashSettlement voucher per Z-report, entries an accountant would book. */
import { balance } from '../../../domain/batch/voucher';
import { settlementVoucher } from '../../../domain/settlement/voucher';
import { accountsOf, aZReport, OSL, SAF_T_GROUPS, USUAL_ACCOUNTS } from './zReports';

const linesOf = (v: ReturnType<typeof settlementVoucher>) => v.lines.map((l) => [l.account, l.amount, l.vatCode ?? '']);

test('the SAF-T example Z-report becomes one balanced voucher: payments debited, sales net per VAT code, VAT, rounding', () => {
  const v = settlementVoucher({ z: aZReport(), department: OSL, accounts: accountsOf() });
  expect(balance(v)).toBe(0);
  expect(linesOf(v)).toEqual([
    [1900, 29500, ''], // cash 295.00
    [1920, 21880, ''], // DEBCARD (BankAxept) 218.80
    [3010, -8938, '31'], // sales 15 % net 89.38
    [3000, -32912, '3'], // sales 25 % net 329.12
    [2701, -1342, ''], // output VAT 15 % 13.42
    [2700, -8228, ''], // output VAT 25 % 82.28
    [7740, 40, ''], // the 0.40 the customers paid less than the sales of 514.20
  ]);
  expect(v.lines.reduce((sum, l) => (l.amount > 0 ? sum + l.amount : sum), 0)).toBe(51420);
});

test('the voucher is a cashSettlement named by its business identity, with the department on every line', () => {
  const v = settlementVoucher({ z: aZReport({ departmentId: 'OSL', number: 1042, date: '2026-11-30' }), department: OSL, accounts: accountsOf() });
  expect(v).toMatchObject({ sourceId: 'duell/OSL/z/1042', kind: 'cashSettlement', number: '1042', date: '2026-11-30', description: 'Dagsoppgjør OSL Z-1042 2026-11-30' });
  expect(v.lines.every((l) => l.department === '2')).toBe(true);
  expect(v.lines.map((l) => l.lineNo)).toEqual(v.lines.map((_, i) => i + 1));
});

test('article groups with an account take their own sales; the øre their rounding loses goes to the largest group', () => {
  const v = settlementVoucher({
    z: aZReport({ artGroups: SAF_T_GROUPS }),
    department: OSL,
    accounts: accountsOf({ ...USUAL_ACCOUNTS, 'sales:group:100': 3011, 'sales:group:200': 3020, 'sales:group:300': 3030 }),
  });
  expect(balance(v)).toBe(0);
  // 102.80 at 15 % is 89.39 net, but the report's base is 89.38: the group takes the report's figure.
  expect(v.lines.filter((l) => l.vatCode !== undefined).map((l) => [l.account, l.amount, l.vatCode, l.description])).toEqual([
    [3011, -8938, '31', 'Salg 15 % – Mat'],
    [3020, -18560, '3', 'Salg 25 % – Klær'],
    [3030, -14352, '3', 'Salg 25 % – Sko'],
  ]);
});

test("a group without an account is sold by its VAT rate; DUELL's own account on the report counts as one", () => {
  const groups = SAF_T_GROUPS.map((g) => (g.groupId === '300' ? { ...g, accountNo: '3040' } : g));
  const v = settlementVoucher({ z: aZReport({ artGroups: groups }), department: OSL, accounts: accountsOf() });
  expect(balance(v)).toBe(0);
  expect(v.lines.filter((l) => l.vatCode === '3').map((l) => [l.account, l.amount])).toEqual([[3040, -14352], [3000, -18560]]);
});

test('tips are owed to the staff (credited to a liability), not sales', () => {
  const z = aZReport({ tips: 5000, rounding: 0, payments: [{ type: 'visa', amount: 51420 + 5000 }] });
  const v = settlementVoucher({ z, department: OSL, accounts: accountsOf() });
  expect(balance(v)).toBe(0);
  expect(v.lines.find((l) => l.account === 2920)).toMatchObject({ amount: -5000, description: 'Tips' });
  expect(v.lines.find((l) => l.account === 1580)).toMatchObject({ amount: 56420, description: 'Visa' });
});

test('missing cash comes off the cash account onto the cash difference, with the note', () => {
  const z = aZReport({ cashDifference: -5000, note: 'Feil veksel' });
  const v = settlementVoucher({ z, department: OSL, accounts: accountsOf() });
  expect(balance(v)).toBe(0);
  expect(v.lines.filter((l) => l.description?.startsWith('Kassedifferanse')).map((l) => [l.account, l.amount, l.description])).toEqual([
    [1900, -5000, 'Kassedifferanse: Feil veksel'],
    [7790, 5000, 'Kassedifferanse: Feil veksel'],
  ]);
});

test('the bank withdrawal stays on the cash account unless the night safe has an account of its own', () => {
  const z = aZReport({ bankWithdrawal: 25000, openingFloat: 100000 });
  expect(settlementVoucher({ z, department: OSL, accounts: accountsOf() }).lines.some((l) => l.description === 'Bank/Nattsafe')).toBe(false);
  const v = settlementVoucher({ z, department: OSL, accounts: accountsOf({ ...USUAL_ACCOUNTS, 'bank-withdrawal': 1950 }) });
  expect(balance(v)).toBe(0);
  expect(v.lines.filter((l) => l.description === 'Bank/Nattsafe').map((l) => [l.account, l.amount])).toEqual([[1950, 25000], [1900, -25000]]);
});

test('inventory change moves the cost price of the goods sold from inventory to cost of goods', () => {
  const department = { ...OSL, inventoryChange: true, inventoryChangeAccount: 4390, inventoryAccount: 1460 };
  const costOfGoods = new Map([['100', 5000], ['200', 9000], ['300', 7000]]);
  const v = settlementVoucher({ z: aZReport({ artGroups: SAF_T_GROUPS }), department, accounts: accountsOf(), costOfGoods });
  expect(balance(v)).toBe(0);
  expect(v.lines.slice(-2).map((l) => [l.account, l.amount, l.description])).toEqual([[4390, 21000, 'Beholdningsendring'], [1460, -21000, 'Varelager']]);
});

test('a day of more returns than sales reverses the sales and VAT lines, like a credit note', () => {
  const z = aZReport({ vat: [{ code: '3', rate: '25.00', base: -8000, vat: -2000 }], payments: [{ type: 'cash', amount: -10000 }], rounding: 0 });
  const v = settlementVoucher({ z, department: OSL, accounts: accountsOf() });
  expect(balance(v)).toBe(0);
  expect(linesOf(v)).toEqual([[1900, -10000, ''], [3000, 8000, '3'], [2700, 2000, '']]);
});

test('a department may map an account of its own over the tenant\'s (another company, another chart)', () => {
  const v = settlementVoucher({ z: aZReport({ departmentId: 'BGN' }), department: OSL, accounts: accountsOf({ ...USUAL_ACCOUNTS, 'BGN/payment:cash': 1901 }, 'BGN') });
  expect(v.lines[0]).toMatchObject({ account: 1901, amount: 29500 });
});

test('a report its preflight would refuse is no voucher: no account, or figures that do not add up', () => {
  expect(() => settlementVoucher({ z: aZReport({ payments: [{ type: 'vipps', amount: 51380 }] }), department: OSL, accounts: accountsOf() }))
    .toThrow('department OSL Z 1042 (2026-11-30) cannot be a voucher without an account for payment type vipps (Vipps)');
  expect(() => settlementVoucher({ z: aZReport({ rounding: 0 }), department: OSL, accounts: accountsOf() }))
    .toThrow('department OSL Z 1042 (2026-11-30) does not balance (entries sum to NOK -0.40)');
});
