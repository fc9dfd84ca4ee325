/** Sales invoices for tests, built from their rows so totals are always the rows' sums. */
import type { SalesInvoice, SalesInvoiceRow } from '../../domain/invoice/salesInvoice';
import type { Minor } from '../../domain/money';

export interface RowSpec {
  description?: string;
  productCode?: string;
  quantity?: number;
  unit?: string;
  /** Unit price without VAT, in euros. */
  unitPrice?: number;
  vatPercent?: number;
  salesAccount?: string;
}

export function aRow(spec: RowSpec = {}, index = 0): SalesInvoiceRow {
  const quantity = spec.quantity ?? 1;
  const unitPrice = spec.unitPrice ?? 100;
  const vatPercent = spec.vatPercent ?? 25.5;
  const net = Math.round(quantity * unitPrice * 100);
  return {
    sourceId: `row-${index + 1}`,
    description: spec.description ?? `Konsultointi ${index + 1}`,
    ...(spec.productCode === undefined ? {} : { productCode: spec.productCode }),
    quantity, unit: spec.unit ?? 'h', unitPrice, vatPercent,
    net: net as Minor,
    vat: Math.round((net * vatPercent) / 100) as Minor,
    ...(spec.salesAccount === undefined ? {} : { salesAccount: spec.salesAccount }),
  };
}

export function aSalesInvoice(overrides: Partial<SalesInvoice> & { rowSpecs?: RowSpec[] } = {}): SalesInvoice {
  const { rowSpecs, ...rest } = overrides;
  const rows = rest.rows ?? (rowSpecs ?? [{ productCode: 'CONS', salesAccount: '3000' }]).map((r, i) => aRow(r, i));
  const net = rows.reduce((s, r) => s + r.net, 0);
  const vat = rows.reduce((s, r) => s + r.vat, 0);
  return {
    sourceId: 'c5b0a7e2-0001-4000-8000-000000000001',
    number: '10042',
    date: '2026-11-30',
    dueDate: '2026-12-14',
    currency: 'EUR',
    isCreditNote: false,
    paymentTermDays: 14,
    overdueInterestPercent: 11.5,
    seller: {
      name: 'Demo Konsultointi Oy',
      businessId: '1234567-1',
      vatNumber: 'FI12345671',
      address: { street: 'Mannerheimintie 10', postalCode: '00100', city: 'Helsinki', countryCode: 'FI', countryName: 'Suomi' },
      iban: 'FI21 1234 5600 0007 85',
      bic: 'NDEAFIHH',
      eInvoice: { address: '003712345671', operator: '003723327487' },
      email: 'laskutus@demo.fi',
    },
    buyer: {
      customerNumber: 'C-100',
      name: 'Asiakas Oy',
      businessId: '7654321-2',
      vatNumber: 'FI76543212',
      address: { street: 'Hämeenkatu 5', postalCode: '33100', city: 'Tampere', countryCode: 'FI' },
      eInvoice: { address: '003776543212', operator: 'NDEAFIHH' },
      language: 'fi',
    },
    rows,
    totals: { net: net as Minor, vat: vat as Minor, gross: (net + vat) as Minor },
    ...rest,
  };
}
