/**
 * Severa's invoice, rows, row sources, customer and organisation → the neutral SalesInvoice the Finvoice writer
 * takes, with what a person must fix (problems) apart from what is only worth knowing (warnings). Pure: the
 * prepare activity fetches, this decides.
 */
import type { Customer, CustomerAddress, Invoice, InvoiceRow, Organization, RowSources, SeveraAddress } from '../../connectors/severa';
import type { Minor } from '../../domain/money';
import { sumMinor } from '../../domain/money';
import { eInvoiceProblem } from '../../domain/invoice/operators';
import { isValidYTunnus, normalizeYTunnus, vatNumberOf, yTunnusOfVatNumber, yTunnusProblem } from '../../domain/yTunnus';
import type { PostalAddress, SalesInvoice, SalesInvoiceRow } from '../../domain/invoice/salesInvoice';

export interface SeveraInvoiceData {
  invoice: Invoice;
  rows: { row: InvoiceRow; sources: RowSources }[];
  customer: Customer | undefined;
  addresses: CustomerAddress[];
  organization: Organization;
}

/**
 * Talenom's code for a Severa code of a kind; a code without a mapping is the same in both systems. A sales
 * account may be mapped per VAT rate too (`3050@25.5=3000`), since Talenom's accounts each carry one rate.
 */
export type CodeMap = (kind: 'product' | 'work-type' | 'travel-expense' | 'sales-account', code: string) => string | undefined;

export interface BuildOptions {
  /** Talenom books sales by sales account: rows carry theirs (else Talenom is not told one). */
  salesAccountsInUse: boolean;
}

export interface BuiltInvoice {
  invoice?: SalesInvoice;
  problems: string[];
  warnings: string[];
}

export function buildSalesInvoice(data: SeveraInvoiceData, codeOf: CodeMap, options: BuildOptions): BuiltInvoice {
  const { invoice } = data;
  const problems: string[] = [];
  const warnings: string[] = [];
  const number = invoice.number !== undefined ? String(invoice.number) : undefined;
  if (!number) problems.push('has no invoice number yet: set it to a status that numbers invoices (Severa: Settings → Invoice statuses → "Has invoice number")');
  if (!data.customer) problems.push('has no customer: choose the billing customer on the invoice in Severa');
  if (data.rows.length === 0) problems.push('has no rows: add the rows in Severa (or delete the invoice) and set it back to waiting');
  if (invoice.isCreditNote && invoice.creditNoteInvoice?.number === undefined) {
    problems.push('is a credit note without the invoice it credits: link the credited invoice in Severa');
  }
  const bank = data.organization.bankAccounts.find((b) => b.isDefault) ?? data.organization.bankAccounts[0];
  if (!bank) problems.push(`cannot be paid: organisation ${data.organization.name} has no bank account in Severa (Settings → Company information → Bank accounts)`);

  const customer = data.customer;
  const address = billingAddress(data.addresses, invoice.receiverAddress);
  if (customer && !address) problems.push(`customer ${customer.name} has no billing address in Severa`);
  if (customer && customer.number === undefined) problems.push(`customer ${customer.name} has no customer number in Severa (Talenom keys contacts by number)`);
  const eInvoice = customer?.eInvoiceAddress?.trim() ? { address: customer.eInvoiceAddress.trim(), operator: (customer.eInvoiceOperator ?? '').trim() } : undefined;
  if (customer && eInvoice) {
    const problem = eInvoiceProblem(eInvoice.address, eInvoice.operator);
    if (problem) problems.push(`customer ${customer.name} ${problem}; correct it in Severa (customer → Invoicing)`);
  }

  const ids = customer?.vatNumber?.trim() ? businessIdOf(customer.vatNumber) : {};
  if (customer && ids.problem) problems.push(`customer ${customer.name} ${ids.problem}; correct it in Severa (customer → VAT number)`);
  const rows = data.rows.map(({ row, sources }, i) => toRow(row, sources, i + 1, codeOf, options, warnings));
  if (problems.length > 0 || !customer || !address || !bank || !number) return { problems, warnings };

  const net = sumMinor(rows.map((r) => r.net));
  const vat = sumMinor(rows.map((r) => r.vat));
  const severaGross = Math.round(invoice.totalIncludingTax.amount * 100);
  if (Math.abs(severaGross - (net + vat)) > rows.length) {
    warnings.push(`its rows add up to ${(net + vat) / 100} ${invoice.currency.code} with VAT while Severa shows ${invoice.totalIncludingTax.amount}: the document carries the rows' sums`);
  }
  return {
    problems,
    warnings,
    invoice: {
      sourceId: invoice.guid,
      number,
      date: invoice.date,
      dueDate: invoice.dueDate,
      currency: invoice.currency.code,
      referenceNumber: invoice.referenceNumber || undefined,
      isCreditNote: invoice.isCreditNote,
      creditedInvoiceNumber: invoice.creditNoteInvoice?.number !== undefined ? String(invoice.creditNoteInvoice.number) : undefined,
      orderNumber: invoice.orderNumber || undefined,
      ourReference: invoice.ourReference || undefined,
      yourReference: invoice.yourReference || undefined,
      notes: invoice.notes || undefined,
      paymentTermDays: invoice.paymentTerm,
      overdueInterestPercent: invoice.overdueInterest,
      seller: {
        name: data.organization.name,
        businessId: data.organization.businessId,
        vatNumber: data.organization.vatNumber,
        address: postal(data.organization.address),
        iban: bank.iban,
        bic: bank.bic,
        eInvoice: data.organization.eInvoiceAddress ? { address: data.organization.eInvoiceAddress, operator: data.organization.eInvoiceOperator ?? '' } : undefined,
      },
      buyer: {
        customerNumber: String(customer.number),
        name: customer.name,
        businessId: ids.businessId,
        vatNumber: ids.vatNumber,
        address: postal(address),
        eInvoice,
        email: customer.email || undefined,
        language: customer.language?.code,
      },
      rows,
      totals: { net, vat, gross: (net + vat) as Minor },
    },
  };
}

function toRow(row: InvoiceRow, sources: RowSources, n: number, codeOf: CodeMap, options: BuildOptions, warnings: string[]): SalesInvoiceRow {
  const net = Math.round(Number((row.quantity * row.unitPrice.amount * 100).toFixed(4))) as Minor;
  const vat = Math.round(Number(((net * row.vatRate) / 100).toFixed(4))) as Minor;
  const source = sourceCode(sources);
  if (!source) {
    warnings.push(`row ${n} "${row.description}" has no product, work-type or travel-expense code: transferred without code; ` +
      'give the product / work type / travel expense in Severa the code of the matching Talenom product');
  }
  const account = options.salesAccountsInUse ? row.salesAccount?.number : undefined;
  const salesAccount = account ? salesAccountOf(codeOf, account, row.vatRate) : undefined;
  return {
    sourceId: row.guid,
    description: row.description,
    productCode: source ? codeOf(source.kind, source.code) ?? source.code : undefined,
    quantity: row.quantity,
    unit: row.measurementUnit,
    unitPrice: row.unitPrice.amount,
    vatPercent: row.vatRate,
    net,
    vat,
    salesAccount,
    sourceSalesAccount: account,
  };
}

/** Talenom's sales account for a Severa one at a VAT rate: mapped for that rate, else for any, else the same. */
export function salesAccountOf(codeOf: CodeMap, account: string, vatPercent: number | undefined): string {
  return (vatPercent !== undefined ? codeOf('sales-account', `${account}@${vatPercent}`) : undefined) ?? codeOf('sales-account', account) ?? account;
}

/** The code behind a row: its product, else its work type, else its travel expense. */
function sourceCode(sources: RowSources): { kind: 'product' | 'work-type' | 'travel-expense'; code: string } | undefined {
  const product = sources.products.find((p) => p.code);
  if (product) return { kind: 'product', code: product.code! };
  const workType = sources.workTypes.find((w) => w.code);
  if (workType) return { kind: 'work-type', code: workType.code! };
  const travel = sources.travelExpenses.find((t) => t.code);
  if (travel) return { kind: 'travel-expense', code: travel.code! };
  return undefined;
}

function billingAddress(addresses: CustomerAddress[], receiver: SeveraAddress | undefined): SeveraAddress | undefined {
  return addresses.find((a) => a.isBillingAddress) ?? (receiver?.addressline ? receiver : undefined) ?? addresses.find((a) => a.isPostalAddress) ?? addresses[0];
}

const COUNTRY_CODES: Record<string, string> = {
  finland: 'FI', suomi: 'FI', sweden: 'SE', ruotsi: 'SE', sverige: 'SE', norway: 'NO', norja: 'NO', norge: 'NO',
  denmark: 'DK', tanska: 'DK', estonia: 'EE', viro: 'EE', germany: 'DE', saksa: 'DE',
};

function postal(a: SeveraAddress): PostalAddress {
  const code = a.countryCode?.toUpperCase() ?? COUNTRY_CODES[a.country.trim().toLowerCase()] ?? 'FI';
  return { street: a.addressline, postalCode: a.postalCode, city: a.city, countryCode: code, countryName: a.country || undefined };
}

/**
 * Severa's VAT number field holds the Y-tunnus (1234567-8), the Finnish VAT number (FI12345678) or a foreign VAT
 * number (SE556677889901), kept as it is. A Finnish one with a wrong check digit is a problem, not a guess.
 */
function businessIdOf(value: string): { businessId?: string; vatNumber?: string; problem?: string } {
  const v = value.replace(/\s+/g, '').toUpperCase();
  const fromVat = yTunnusOfVatNumber(v);
  if (fromVat) return { businessId: fromVat, vatNumber: v };
  if (/^\d{6,7}-\d$/.test(v) || /^FI\d{8}$/.test(v)) {
    if (isValidYTunnus(v)) return { businessId: normalizeYTunnus(v), vatNumber: vatNumberOf(v) };
    return { problem: yTunnusProblem(v) ?? `has business id ${v}, which is not valid` };
  }
  return { businessId: v };
}
