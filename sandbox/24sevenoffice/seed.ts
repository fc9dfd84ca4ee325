/**
 * A plausible Norwegian client company (accounting-primer.md): NS 4102 chart, VAT codes numbered as the SAF-T
 * standard tax codes with the 2026 rates (25/15/12/0), voucher types with entry series, fiscal years
 * 2025–2027, departments, projects, customers and suppliers, products with stock, one order and one invoice,
 * and an opening-balance voucher in the ledger. 24SevenOffice's own TaxNo list is per client; here TaxNo =
 * the SAF-T code [INFERRED].
 */
import { randomUUID } from 'node:crypto';
import type { Minor } from '../../domain/money';
import type { AccountRecord, Books, TaxCodeRecord, TypeGroupRecord, VoucherTypeRecord } from './state';

const ACCOUNTS: Array<[number, string, string]> = [
  // [AccountNo, AccountName, default TaxNo]
  [1460, 'Varelager', '0'],
  [1500, 'Kundefordringer', '0'],
  [1900, 'Kontanter', '0'],
  [1920, 'Bankinnskudd', '0'],
  [1950, 'Bankinnskudd skattetrekk', '0'],
  [2000, 'Aksjekapital', '0'],
  [2050, 'Annen egenkapital', '0'],
  [2400, 'Leverandørgjeld', '0'],
  [2700, 'Utgående merverdiavgift, høy sats', '0'],
  [2701, 'Utgående merverdiavgift, middels sats', '0'],
  [2703, 'Utgående merverdiavgift, lav sats', '0'],
  [2710, 'Inngående merverdiavgift, høy sats', '0'],
  [2711, 'Inngående merverdiavgift, middels sats', '0'],
  [2713, 'Inngående merverdiavgift, lav sats', '0'],
  [2740, 'Oppgjørskonto merverdiavgift', '0'],
  [2900, 'Annen kortsiktig gjeld (gavekort)', '0'],
  [3000, 'Salgsinntekt, avgiftspliktig', '3'],
  [3010, 'Salgsinntekt, avgiftspliktig middels sats', '31'],
  [3020, 'Salgsinntekt, avgiftspliktig lav sats', '33'],
  [3100, 'Salgsinntekt, avgiftsfri', '5'],
  [3200, 'Salgsinntekt, utenfor avgiftsområdet', '6'],
  [4090, 'Beholdningsendring', '0'],
  [4300, 'Innkjøp av varer for videresalg', '1'],
  [5000, 'Lønn til ansatte', '0'],
  [6300, 'Leie lokale', '0'],
  [6800, 'Kontorrekvisita', '1'],
  [7740, 'Øreavrunding', '0'],
  [7790, 'Kassedifferanse', '0'],
  [7798, 'Kassedifferanse, mangel', '0'],
  [8040, 'Renteinntekt', '0'],
  [8150, 'Rentekostnad', '0'],
];

const TAX_CODES: Array<[string, string, string, number | undefined]> = [
  // [TaxNo (SAF-T standard code), name, rate, VAT account]
  ['0', 'Ingen mva-behandling (anskaffelser)', '0', undefined],
  ['1', 'Inngående mva, høy sats', '25', 2710],
  ['11', 'Inngående mva, middels sats', '15', 2711],
  ['13', 'Inngående mva, lav sats', '12', 2713],
  ['14', 'Inngående mva betalt ved innførsel, høy sats', '25', 2710],
  ['3', 'Utgående mva, høy sats', '25', 2700],
  ['31', 'Utgående mva, middels sats', '15', 2701],
  ['33', 'Utgående mva, lav sats', '12', 2703],
  ['5', 'Innenlands omsetning fritatt for mva', '0', undefined],
  ['51', 'Innenlands omsetning med omvendt avgiftsplikt', '0', undefined],
  ['52', 'Utførsel av varer og tjenester', '0', undefined],
  ['6', 'Omsetning utenfor mva-loven', '0', undefined],
  ['7', 'Ingen mva-behandling (inntekter)', '0', undefined],
  ['81', 'Innførsel av varer med fradrag, høy sats', '25', 2710],
  ['86', 'Tjenester kjøpt fra utlandet med fradrag, høy sats', '25', 2710],
  ['88', 'Tjenester kjøpt fra utlandet med fradrag, lav sats', '12', 2713],
];

/** Voucher types (bilagsarter): Sort/TypeNo on vouchers, EntrySeriesId for GetEntryId (§4). */
export const VOUCHER_TYPES: VoucherTypeRecord[] = [
  { TypeId: 1, TypeNo: 1, Title: 'Utgående faktura', EntrySeriesId: 1, seriesStart: 10000 },
  { TypeId: 2, TypeNo: 2, Title: 'Utgående kreditnota', EntrySeriesId: 1, seriesStart: 10000 },
  { TypeId: 3, TypeNo: 3, Title: 'Inngående faktura', EntrySeriesId: 3, seriesStart: 30000 },
  { TypeId: 4, TypeNo: 4, Title: 'Innbetaling', EntrySeriesId: 4, seriesStart: 40000 },
  { TypeId: 5, TypeNo: 5, Title: 'Utbetaling', EntrySeriesId: 5, seriesStart: 50000 },
  { TypeId: 6, TypeNo: 6, Title: 'Kasse / dagsoppgjør', EntrySeriesId: 6, seriesStart: 60000 },
  { TypeId: 7, TypeNo: 7, Title: 'Lønn', EntrySeriesId: 7, seriesStart: 70000 },
  { TypeId: 8, TypeNo: 8, Title: 'Diverse', EntrySeriesId: 8, seriesStart: 80000 },
];
/** [INFERRED] a voucher without Sort (ledger saves ignore it, §4) is numbered in "Diverse". */
export const DEFAULT_TYPE_NO = 8;

// [AccountNo, Name, Module]: the company's sales types on its sales accounts, and one purchase type.
const TYPE_GROUPS: Array<[number, string, TypeGroupRecord['Module']]> = [
  [3000, 'Salg høy sats', 'Sale'],
  [3010, 'Salg middels sats', 'Sale'],
  [3020, 'Salg lav sats', 'Sale'],
  [3100, 'Salg avgiftsfritt', 'Sale'],
  [3200, 'Salg utenfor avgiftsområdet', 'Sale'],
  [4300, 'Varekjøp', 'Purchase'],
];

/** The seeded type groups, on the seeded chart of accounts (also for sandbox state saved before type groups). */
export function seedTypeGroups(accounts: readonly AccountRecord[]): TypeGroupRecord[] {
  return TYPE_GROUPS.flatMap(([no, name, module], i) => {
    const account = accounts.find((a) => a.AccountNo === no);
    return account ? [{ Id: i + 1, AccountId: account.AccountId, Name: name, Module: module }] : [];
  });
}

export const SEED_YEARS = [2025, 2026, 2027];

export function emptyBooks(clientId: number, name: string): Books {
  const accounts = ACCOUNTS.map(([no, accountName, taxNo], i): AccountRecord => ({ AccountId: 1000 + i, AccountNo: no, AccountName: accountName, AccountTax: taxId(taxNo), TaxNo: Number(taxNo) }));
  return {
    clientId,
    name,
    accounts,
    typeGroups: seedTypeGroups(accounts),
    taxCodes: TAX_CODES.map(([no, taxName, rate, account]): TaxCodeRecord => ({ TaxId: taxId(no), TaxNo: no, TaxName: taxName, TaxRate: rate, AccountNo: account })),
    voucherTypes: VOUCHER_TYPES.map((t) => ({ ...t })),
    fiscalYears: SEED_YEARS.map((year) => ({ id: randomUUID(), year, locked: false })),
    lockedPeriods: new Set(),
    departments: [],
    projects: [],
    companies: [],
    productCategories: [],
    products: [],
    invoices: [],
    attachments: [],
    journal: [],
    journalChecksNumbers: true,
    ledger: [],
    next: { company: 10001, product: 1, project: 1, department: 1, order: 10001, invoice: 50001, file: 1, stamp: 1, bundle: 1, account: 1000 + ACCOUNTS.length, typeGroup: TYPE_GROUPS.length + 1 },
  };
}

function taxId(taxNo: string): number {
  return 100 + TAX_CODES.findIndex(([no]) => no === taxNo);
}

/** Master data and a little history, so a fresh tenant looks like a company in use. */
export function seedBooks(books: Books, now: Date): void {
  const at = now.toISOString();
  const address = (street: string, postalCode: string, city: string) => ({ Street: street, PostalCode: postalCode, PostalArea: city, City: city, Country: 'NO' });
  for (const name of ['Hovedkontor', 'Butikk Oslo', 'Butikk Bergen']) books.departments.push({ Id: books.next.department++, Name: name, Addresses: { Visit: address('Storgata 1', '0155', 'Oslo') } });

  const company = (c: Record<string, unknown>) => books.companies.push({ Id: books.next.company++, Country: 'NO', CurrencyId: 'LOCAL', DateCreated: at, DateChanged: at, BlockInvoice: false, ...c });
  company({ Name: 'Nordlys Handel AS', OrganizationNumber: '912345678', Type: 'Business', ExternalId: 'CUST-1', PaymentTime: 14, Addresses: { Post: address('Karl Johans gate 5', '0154', 'Oslo') }, EmailAddresses: { Invoice: { Value: 'faktura@nordlys.example' } } });
  company({ Name: 'Fjord Kafé AS', OrganizationNumber: '923456789', Type: 'Business', ExternalId: 'CUST-2', PaymentTime: 30, Addresses: { Post: address('Bryggen 3', '5003', 'Bergen') } });
  company({ Name: 'Kari Nordmann', FirstName: 'Kari', Type: 'Consumer', ExternalId: 'CUST-3', PaymentTime: 14 });
  books.next.company = 20001; // suppliers in their own range, as many Norwegian clients number them
  // Suppliers carry the Telaris sandbox's supplier numbers as ExternalId: the demo is one company in both systems.
  company({ Name: 'Grossisten Engros AS', OrganizationNumber: '934567890', Type: 'Supplier', ExternalId: 'S-2001', PaymentTime: 30, BankAccountNo: '12345678903' });
  company({ Name: 'Kontorrekvisita Norge AS', OrganizationNumber: '945678901', Type: 'Supplier', ExternalId: 'S-2002', PaymentTime: 14 });
  company({ Name: 'Bryggen Eiendom AS', OrganizationNumber: '956789012', Type: 'Supplier', ExternalId: 'S-2003', PaymentTime: 30 });
  company({ Name: 'Kaffebrenneriet Vest AS', OrganizationNumber: '967890123', Type: 'Supplier', ExternalId: 'S-2004', PaymentTime: 30 });
  company({ Name: 'Papir og Penn AS', OrganizationNumber: '978901234', Type: 'Supplier', ExternalId: 'S-2005', PaymentTime: 14 });
  books.next.company = 10004;

  const customerA = books.companies[0]!;
  const project = (p: Record<string, unknown>) =>
    books.projects.push({ Id: books.next.project++, Enabled: true, NameDisplay: 'Plain', QuickListed: true, TimeReg: 'WorkType', Version: 1, DateRegistered: at, DateChanged: at, DateStart: '2025-01-01T00:00:00', ...p });
  project({ Name: 'Internt', RawName: 'Internt' });
  project({ Name: 'Butikkåpning Bergen', RawName: 'Butikkåpning Bergen', DepartmentId: 3 });
  project({ Name: 'Nordlys rammeavtale', RawName: 'Nordlys rammeavtale', CustomerId: customerA.Id, CustomerName: customerA.Name });

  books.productCategories.push({ Id: 1, Name: 'Varer', No: '1' }, { Id: 2, Name: 'Tjenester', No: '2' });
  const product = (p: Record<string, unknown>) => books.products.push({ Id: books.next.product++, StatusId: 1, CategoryId: 1, DateChanged: at, StockControlled: true, ...p });
  product({ No: 'KAFFE-500', Name: 'Kaffe 500 g', Price: '89.00', InPrice: '45.00', Cost: '45.00', TaxRate: '15', Stock: '120', EAN1: '7038010000010' });
  product({ No: 'KOPP-1', Name: 'Kaffekopp', Price: '149.00', InPrice: '60.00', Cost: '60.00', TaxRate: '25', Stock: '40', EAN1: '7038010000027' });
  product({ No: 'SERVICE-T', Name: 'Servicetime', Price: '950.00', TaxRate: '25', CategoryId: 2, StockControlled: false, Stock: '0' });

  const row = (productId: number, name: string, price: string, quantity: string, vatRate: string) => ({ ProductId: productId, Name: name, Price: price, Quantity: quantity, VatRate: vatRate, Type: 'Normal', ChangeState: 'None' });
  books.invoices.push(
    { OrderId: books.next.order++, CustomerId: customerA.Id, CustomerName: customerA.Name, OrderStatus: 'Web', DateOrdered: at, DateChanged: at, IncludeVAT: false, OrderTotalIncVat: '186.25', OrderTotalVat: '37.25', Currency: { Rate: '1', Unit: 1, Symbol: 'NOK' }, InvoiceRows: [{ ...row(2, 'Kaffekopp', '149.00', '1', '25'), RowId: 1 }] },
    { OrderId: books.next.order++, CustomerId: customerA.Id, CustomerName: customerA.Name, OrderStatus: 'Invoiced', InvoiceId: books.next.invoice++, DateOrdered: at, DateInvoiced: at, DateChanged: at, IncludeVAT: false, OrderTotalIncVat: '1187.50', OrderTotalVat: '237.50', OCR: '0000500014', Currency: { Rate: '1', Unit: 1, Symbol: 'NOK' }, InvoiceRows: [{ ...row(3, 'Servicetime', '950.00', '1', '25'), RowId: 1 }] },
  );

  // Opening balance 2025: bank 250 000 against equity, in "Diverse".
  const opening = VOUCHER_TYPES.find((t) => t.TypeNo === DEFAULT_TYPE_NO)!;
  const line = (accountNo: number, amount: number, sequenceNo: number) => ({
    id: randomUUID(), accountNo, amount: amount as Minor, date: '2025-01-01', currency: 'NOK', comment: 'Inngående balanse', transactionNo: opening.seriesStart,
    year: 2025, seriesId: opening.EntrySeriesId, typeId: opening.TypeId, sequenceNo, registeredAt: at, changedAt: at,
  });
  books.ledger.push(line(1920, 25_000_000, 1), line(2050, -25_000_000, 2));
}
