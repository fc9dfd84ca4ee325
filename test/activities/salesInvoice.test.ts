/**
 * Severa's invoice → the neutral sales invoice, without servers: what a person must fix is a problem, a missing
 * code only a warning; codes and sales accounts are mapped; a change after the transfer is named by field.
 */
import { buildSalesInvoice, type CodeMap, type SeveraInvoiceData } from '../../activities/invoices/salesInvoice';
import { changedFields } from '../../activities/invoices/run';
import type { InvoiceRow, RowSources } from '../../connectors/severa';

const money = (amount: number) => ({ amount, currencyCode: 'EUR' });
const noSources: RowSources = { workTypes: [], products: [], travelExpenses: [] };

function row(n: number, over: Partial<InvoiceRow> = {}): InvoiceRow {
  return { guid: `row-${n}`, invoiceGuid: 'inv-1', rowType: 'Hours', description: `Ohjelmointi ${n}`, quantity: 2.5, measurementUnit: 'h', unitPrice: money(100), vatRate: 25.5, salesAccount: { name: 'Myynti', number: '3000' }, sortOrder: n, ...over };
}

function data(over: Partial<SeveraInvoiceData> = {}): SeveraInvoiceData {
  return {
    invoice: {
      guid: 'inv-1', number: 10042, referenceNumber: '100423', date: '2026-11-30', dueDate: '2026-12-14', status: { guid: 's', name: 'Waiting', isPaid: false, isSent: false, isWaitingPayment: false },
      customer: { guid: 'c-1', name: 'Mäkelän Rakennus Oy', number: 1001 }, currency: { code: 'EUR' },
      totalExcludingTax: money(250), totalIncludingTax: money(313.75), totalTax: money(63.75), isCreditNote: false,
      lastUpdatedDateTime: '2026-11-30T10:00:00Z', createdDateTime: '2026-11-30T09:00:00Z',
    },
    rows: [{ row: row(1), sources: { ...noSources, workTypes: [{ guid: 'w', name: 'Ohjelmointi', code: 'OHJ' }] } }],
    customer: { guid: 'c-1', name: 'Mäkelän Rakennus Oy', number: 1001, vatNumber: 'FI15728600', eInvoiceAddress: '003715728600', eInvoiceOperator: '003723327487', isActive: true, lastUpdatedDateTime: '2026-11-01T00:00:00Z' },
    addresses: [{ guid: 'a', addressline: 'Hämeenkatu 12', postalCode: '33100', city: 'Tampere', country: 'Suomi', isBillingAddress: true, isPostalAddress: true, isVisitAddress: false }],
    organization: { guid: 'o', name: 'Kahvi ja Koodi Oy', businessId: '2734561-5', vatNumber: 'FI27345615', address: { addressline: 'Hämeenkatu 20', postalCode: '33200', city: 'Tampere', country: 'Finland' }, bankAccounts: [{ iban: 'FI2112345600000785', bic: 'NDEAFIHH', isDefault: true }] },
    ...over,
  };
}

const none: CodeMap = () => undefined;

describe('a Severa invoice as the sales invoice Talenom gets', () => {
  test('rows in cents, the work type\'s code, the buyer\'s Y-tunnus from its VAT number, e-invoicing kept', () => {
    const built = buildSalesInvoice(data(), none, { salesAccountsInUse: false });
    expect(built.problems).toEqual([]);
    expect(built.invoice!.rows[0]).toMatchObject({ productCode: 'OHJ', net: 25000, vat: 6375, salesAccount: undefined });
    expect(built.invoice!.totals).toEqual({ net: 25000, vat: 6375, gross: 31375 });
    expect(built.invoice!.buyer).toMatchObject({ customerNumber: '1001', businessId: '1572860-0', vatNumber: 'FI15728600', eInvoice: { address: '003715728600', operator: '003723327487' } });
    expect(built.invoice!.buyer.address.countryCode).toBe('FI');
  });

  test('a mapped code and a sales account mapped for its VAT rate', () => {
    const codes: CodeMap = (kind, code) => ({ 'work-type:OHJ': 'P100', 'sales-account:3000@25.5': '3001' } as Record<string, string>)[`${kind}:${code}`];
    const row1 = buildSalesInvoice(data(), codes, { salesAccountsInUse: true }).invoice!.rows[0]!;
    expect(row1).toMatchObject({ productCode: 'P100', salesAccount: '3001', sourceSalesAccount: '3000' });
  });

  test('a row without any code is transferred without one, with a warning naming the row', () => {
    const built = buildSalesInvoice(data({ rows: [{ row: row(1, { description: 'Muu työ' }), sources: noSources }] }), none, { salesAccountsInUse: false });
    expect(built.invoice!.rows[0]!.productCode).toBeUndefined();
    expect(built.warnings).toEqual([expect.stringContaining('row 1 "Muu työ" has no product, work-type or travel-expense code')]);
  });

  test('what a person must fix is named, and no invoice is built', () => {
    const noCustomer = buildSalesInvoice(data({ customer: undefined }), none, { salesAccountsInUse: false });
    expect(noCustomer.invoice).toBeUndefined();
    expect(noCustomer.problems).toEqual([expect.stringContaining('has no customer')]);
    expect(buildSalesInvoice(data({ rows: [] }), none, { salesAccountsInUse: false }).problems).toEqual([expect.stringContaining('has no rows')]);
    const credit = data();
    credit.invoice = { ...credit.invoice, isCreditNote: true };
    expect(buildSalesInvoice(credit, none, { salesAccountsInUse: false }).problems).toEqual([expect.stringContaining('credit note without the invoice it credits')]);
    const operator = data();
    operator.customer = { ...operator.customer!, eInvoiceOperator: 'FOOBAR' };
    expect(buildSalesInvoice(operator, none, { salesAccountsInUse: false }).problems).toEqual([expect.stringContaining('e-invoice operator "FOOBAR"')]);
    const wrongId = data();
    wrongId.customer = { ...wrongId.customer!, vatNumber: '1572860-1' };
    expect(buildSalesInvoice(wrongId, none, { salesAccountsInUse: false }).problems).toEqual([expect.stringContaining('business id 1572860-1, whose check digit is wrong')]);
  });

  test('a consumer has no business id; a Swedish company keeps its VAT number as its id', () => {
    const consumer = data();
    consumer.customer = { ...consumer.customer!, vatNumber: undefined, eInvoiceAddress: undefined };
    expect(buildSalesInvoice(consumer, none, { salesAccountsInUse: false }).invoice!.buyer).toMatchObject({ businessId: undefined, eInvoice: undefined });
    const swedish = data();
    swedish.customer = { ...swedish.customer!, vatNumber: 'SE556677889901', eInvoiceAddress: undefined };
    swedish.addresses = [{ ...swedish.addresses[0]!, country: 'Ruotsi', city: 'Stockholm' }];
    expect(buildSalesInvoice(swedish, none, { salesAccountsInUse: false }).invoice!.buyer).toMatchObject({ businessId: 'SE556677889901', address: { countryCode: 'SE' } });
  });

  test('a change after the transfer is named by field, and none when nothing changed', () => {
    const sent = buildSalesInvoice(data(), none, { salesAccountsInUse: false }).invoice!;
    const later = data();
    later.invoice = { ...later.invoice, dueDate: '2026-12-31' };
    later.rows = [{ ...later.rows[0]!, row: row(1, { quantity: 3 }) }];
    const now = buildSalesInvoice(later, none, { salesAccountsInUse: false }).invoice!;
    expect(changedFields(sent, now)).toEqual(['due date', 'rows', 'totals']);
    expect(changedFields(sent, buildSalesInvoice(data(), none, { salesAccountsInUse: false }).invoice!)).toEqual([]);
  });
});
