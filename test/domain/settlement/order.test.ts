/** An invoice basis as a 24SevenOffice order, and what keeps it from being one: each reason with its fix. */
import type { Minor } from '../../../domain/money';
import type { InvoiceBasis, InvoiceBasisRow } from '../../../domain/settlement/invoiceBasis';
import { orderOf, orderProblems } from '../../../domain/settlement/order';

const aRow = (over: Partial<InvoiceBasisRow> = {}): InvoiceBasisRow =>
  ({ productNumber: 'P-1', description: 'Arbeidsbukse', quantity: 2, unitPrice: 499_00 as Minor, vatCode: '3', discountPercent: 10, giftCard: false, ...over });
const aBasis = (rows: InvoiceBasisRow[] = [aRow()]): InvoiceBasis =>
  ({ id: 'fg-7', number: 7, departmentId: 'OSL', date: '2026-12-01', customerNumber: 'K-1', reference: 'PO-77', currency: 'NOK', rows, changedAt: '2026-12-01T10:00:00.000Z' });
const customer = { number: 'K-1', name: 'Kunde AS', changedAt: '2026-11-01T00:00:00.000Z' };

test('rows keep product, quantity, price, discount and the VAT rate of their code; a gift card is GIFTCARD without VAT', () => {
  const order = orderOf(aBasis([aRow(), aRow({ productNumber: undefined, description: 'Gavekort', quantity: 1, unitPrice: 500_00 as Minor, vatCode: '6', discountPercent: 0, giftCard: true })]));
  expect(order).toEqual({
    referenceNumber: 'duell/OSL/invoice-basis/fg-7', dateOrdered: '2026-12-01', yourReference: 'PO-77',
    rows: [
      { productNo: 'P-1', name: 'Arbeidsbukse', quantity: 2, price: 499_00, vatRate: 25, discountRate: 10 },
      { productNo: 'GIFTCARD', name: 'Gavekort', quantity: 1, price: 500_00, vatRate: 0, discountRate: 0 },
    ],
  });
});

test('each reason names its fix: GIFTCARD missing, a nameless or unknown customer, an unknown product, a VAT code that is no output code', () => {
  const basis = aBasis([aRow({ productNumber: 'P-9', vatCode: '1' }), aRow({ productNumber: undefined, giftCard: true })]);
  expect(orderProblems(basis, { ...customer, name: ' ' }, () => false)).toEqual([
    expect.stringContaining('customer K-1 has no name in DUELL'),
    expect.stringContaining('a product GIFTCARD must be created in 24SevenOffice'),
    expect.stringContaining('product P-9 does not exist in 24SevenOffice'),
    expect.stringContaining('VAT code 1 is not an output VAT code'),
  ]);
  expect(orderProblems(aBasis(), undefined, () => true)).toEqual([expect.stringContaining('customer K-1 does not exist in DUELL')]);
  expect(orderProblems(aBasis(), 'linked', () => true)).toEqual([]);
});
