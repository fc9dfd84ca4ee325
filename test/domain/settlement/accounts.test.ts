/** Settlement accounts: the `settlement-account` mapping kind and how one department reads it. */
import { mappingProblem } from '../../../domain/mappingKinds';
import { artGroupAccount, paymentAccount, settlementAccounts } from '../../../domain/settlement/accounts';

const mappings = [
  { sourceKey: 'payment:cash', targetKey: '1900' },
  { sourceKey: 'BGN/payment:cash', targetKey: '1901' },
  { sourceKey: 'sales:group:100', targetKey: '3020' },
  { sourceKey: 'rounding', targetKey: '7740' },
];

test('a department reads its own mapping first, then the tenant\'s', () => {
  expect(settlementAccounts(mappings, 'BGN').mapped('payment:cash')).toBe(1901);
  expect(settlementAccounts(mappings, 'OSL').mapped('payment:cash')).toBe(1900);
  expect(settlementAccounts(mappings, 'BGN').mapped('rounding')).toBe(7740);
  expect(settlementAccounts(mappings, 'OSL').mapped('tips')).toBeUndefined();
});

test("a mapping wins over DUELL's account on the report, which is used where nothing is mapped", () => {
  const accounts = settlementAccounts(mappings, 'OSL');
  expect(paymentAccount(accounts, { type: 'cash', accountNo: '1905' })).toBe(1900);
  expect(paymentAccount(accounts, { type: 'visa', accountNo: '2380' })).toBe(2380);
  expect(paymentAccount(accounts, { type: 'visa' })).toBeUndefined();
  expect(artGroupAccount(accounts, { groupId: '100', accountNo: '3000' })).toBe(3020);
  expect(artGroupAccount(accounts, { groupId: '200', accountNo: '3010' })).toBe(3010);
  expect(artGroupAccount(accounts, { groupId: '300', accountNo: 'Salg' })).toBeUndefined();
});

test('`mappings set` takes the settlement parts a Z-report has, for the tenant or one department', () => {
  for (const source of ['payment:cash', 'payment:giftcard', 'sales:vat:31', 'sales:group:100', 'vat:3', 'rounding', 'cash-difference', 'tips', 'bank-withdrawal', 'OSL/payment:visa']) {
    expect(mappingProblem('settlement-account', source, '1900')).toBeUndefined();
  }
});

test('`mappings set` refuses a source no Z-report has, and a target that is no account', () => {
  expect(mappingProblem('settlement-account', 'payment:amex', '1900')).toMatch(/^settlement-account payment:amex: the source must be payment:<cash\|bankaxept\|/);
  expect(mappingProblem('settlement-account', 'sales:vat:high', '3000')).toContain('the source must be');
  expect(mappingProblem('settlement-account', 'rounding', 'øre')).toContain('the target must be a whole number');
});
