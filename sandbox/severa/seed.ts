/**
 * A new organisation as Severa sets one up for an invoice-transfer customer: invoice statuses (with the Talenom
 * pair), sales accounts, VAT rates of 2026 (25.5 / 14 / 13.5 / 10 / 0, kept as data), work types, products and
 * travel-expense types with codes; with `demo`, Finnish customers and invoices across the VAT rates too.
 */
import { yTunnusCheckDigit } from '../../domain/yTunnus';
import type { CodedRecord, InvoiceStatusRecord, OrganizationRecord } from './model';
import { addCustomer, addInvoice, address, type NewAddress } from './records';
import { newGuid, type Store } from './store';

export interface NewOrganization {
  name: string;
  /** Y-tunnus; default one with a valid check digit. */
  businessId?: string;
  address?: NewAddress;
  clientId: string;
  clientSecret: string;
  /** Scopes enabled on the client credentials; default all. */
  scopes?: string[];
  tokenLifetimeSeconds?: number;
  /** Demo customers and invoices (default false: settings data only). */
  demo?: boolean;
}

/** "2734561" → "2734561-5": a business id with its check digit (the seed's ids are valid by construction). */
export function withCheckDigit(first7: string): string {
  const check = yTunnusCheckDigit(first7);
  if (check === undefined) throw new Error(`no valid business id starts with ${first7}`);
  return `${first7}-${check}`;
}

const STATUSES: Array<Omit<InvoiceStatusRecord, 'guid' | 'sortOrder'>> = [
  { name: 'Luonnos', isActive: true, isDefault: true, isReadOnly: false, hasInvoiceNumber: false, isSent: false, isWaitingPayment: false, isPaid: false, isDefaultForCreditNote: true },
  { name: 'Waiting for transfer to Talenom', isActive: true, isDefault: false, isReadOnly: false, hasInvoiceNumber: true, isSent: false, isWaitingPayment: false, isPaid: false, isDefaultForCreditNote: false },
  // Read-only: once Talenom has the invoice it must not change in Severa. Leaving "waiting" for it is allowed.
  { name: 'Transferred to Talenom', isActive: true, isDefault: false, isReadOnly: true, hasInvoiceNumber: true, isSent: true, isWaitingPayment: true, isPaid: false, isDefaultForCreditNote: false },
  { name: 'Lähetetty', isActive: true, isDefault: false, isReadOnly: true, hasInvoiceNumber: true, isSent: true, isWaitingPayment: true, isPaid: false, isDefaultForCreditNote: false },
  { name: 'Maksettu', isActive: true, isDefault: false, isReadOnly: true, hasInvoiceNumber: true, isSent: true, isWaitingPayment: false, isPaid: true, isDefaultForCreditNote: false },
  { name: 'Odottaa siirtoa Netvisoriin', isActive: false, isDefault: false, isReadOnly: false, hasInvoiceNumber: true, isSent: false, isWaitingPayment: false, isPaid: false, isDefaultForCreditNote: false },
];

const SALES_ACCOUNTS: Array<[string, string]> = [
  ['3000', 'Myynti 25,5 %'], ['3010', 'Myynti 14 %'], ['3020', 'Myynti 13,5 %'], ['3030', 'Myynti 10 %'],
  ['3040', 'Palvelumyynti EU, 0 %'], ['3050', 'Matkakulujen edelleenlaskutus'],
];

type Coded = Omit<CodedRecord, 'guid' | 'isActive' | 'lastUpdatedDateTime'>;
const WORK_TYPES: Coded[] = [
  { name: 'Ohjelmointi', code: 'OHJ', salesAccountNumber: '3000', vatRate: 25.5, measurementUnit: 'h' },
  { name: 'Suunnittelu', code: 'SUUN', salesAccountNumber: '3000', vatRate: 25.5, measurementUnit: 'h' },
  { name: 'Projektinhallinta', code: 'PM', salesAccountNumber: '3000', vatRate: 25.5, measurementUnit: 'h' },
];
const PRODUCTS: Coded[] = [
  { name: 'Ohjelmistolisenssi', code: 'LIS', salesAccountNumber: '3000', vatRate: 25.5, unitPrice: 490, measurementUnit: 'kpl' },
  { name: 'Kahvipaketti 500 g', code: 'KAHVI', salesAccountNumber: '3020', vatRate: 13.5, unitPrice: 12.9, measurementUnit: 'kpl' },
  { name: 'Käsikirja (painettu)', code: 'KIRJA', salesAccountNumber: '3030', vatRate: 10, unitPrice: 39, measurementUnit: 'kpl' },
  { name: 'Koulutuspäivä', code: 'KOUL', salesAccountNumber: '3010', vatRate: 14, unitPrice: 650, measurementUnit: 'pv' },
];
const TRAVEL_TYPES: Coded[] = [
  { name: 'Kilometrikorvaus', code: 'KM', salesAccountNumber: '3050', vatRate: 25.5, unitPrice: 0.59, measurementUnit: 'km', expenseClass: 'Mileage' },
  { name: 'Päiväraha', code: 'PR', salesAccountNumber: '3050', vatRate: 0, unitPrice: 53, measurementUnit: 'pv', expenseClass: 'DailyAllowance' },
  { name: 'Junaliput', code: 'JUNA', salesAccountNumber: '3050', vatRate: 13.5, measurementUnit: 'kpl', expenseClass: 'OtherTravelExpense' },
];

export function createOrganization(store: Store, input: NewOrganization, allScopes: string[]): OrganizationRecord {
  const now = store.now().toISOString();
  const businessId = input.businessId ?? withCheckDigit('2734561');
  const coded = (list: Coded[]) => list.map((c) => ({ ...c, guid: newGuid(), isActive: true, lastUpdatedDateTime: now }));
  const org: OrganizationRecord = {
    guid: newGuid(), name: input.name, businessId, vatNumber: `FI${businessId.replace('-', '')}`,
    address: address(input.address ?? { addressline: 'Hämeenkatu 20 B', postalCode: '33200', city: 'Tampere' }),
    bankAccounts: [
      { iban: 'FI2112345600000785', bic: 'NDEAFIHH', isDefault: true },
      { iban: 'FI5810171000000122', bic: 'OKOYFIHH', isDefault: false },
    ],
    eInvoiceAddress: `0037${businessId.replace('-', '')}`, eInvoiceOperator: '003723327487',
    tokenLifetimeSeconds: input.tokenLifetimeSeconds ?? 3600, nextInvoiceNumber: 10001,
    statuses: STATUSES.map((s, i) => ({ ...s, guid: newGuid(), sortOrder: i + 1 })),
    customers: new Map(),
    products: coded(PRODUCTS), workTypes: coded(WORK_TYPES), travelExpenseTypes: coded(TRAVEL_TYPES),
    salesAccounts: SALES_ACCOUNTS.map(([number, name]) => ({ guid: newGuid(), number, name, isActive: true })),
    vatRates: [25.5, 14, 13.5, 10, 0].map((percentage, i) => ({ guid: newGuid(), percentage, code: String(percentage).replace('.', ','), isActive: true, isDefault: i === 0 })),
    invoices: new Map(),
  };
  store.organizations.set(org.guid, org);
  store.clients.set(input.clientId, { clientId: input.clientId, clientSecret: input.clientSecret, organizationGuid: org.guid, scopes: input.scopes ?? allScopes });
  if (input.demo) seedDemo(store, org);
  return org;
}

const WAITING = 'Waiting for transfer to Talenom';

/** Five customers (e-invoicing, Swedish-speaking, plain, consumer, Swedish company) and six invoices. */
function seedDemo(store: Store, org: OrganizationRecord): void {
  const makela = addCustomer(store, org, {
    name: 'Mäkelän Rakennus Oy', vatNumber: withCheckDigit('1572860'), email: 'laskut@makelanrakennus.fi',
    eInvoiceAddress: '003712345671', eInvoiceOperator: '003723327487', // Apix Messaging
    address: { addressline: 'Hämeenkatu 12 A 3', postalCode: '33100', city: 'Tampere' },
  });
  const akerlund = addCustomer(store, org, {
    name: 'Kahvila Åkerlund Ab', vatNumber: withCheckDigit('0912735'), languageCode: 'sv-FI',
    eInvoiceAddress: 'FI4512345600012345', eInvoiceOperator: 'NDEAFIHH',
    address: { addressline: 'Åbogatan 5', postalCode: '20100', city: 'Åbo' },
  });
  const lehtonen = addCustomer(store, org, {
    name: 'Lehtosen Sähkö ja Pörssi Ky', vatNumber: withCheckDigit('2245678'), email: 'toimisto@lehtosensahko.fi',
    address: { addressline: 'Isokatu 44', postalCode: '90100', city: 'Oulu' },
  });
  const consumer = addCustomer(store, org, {
    name: 'Matti Meikäläinen', email: 'matti.meikalainen@example.fi',
    address: { addressline: 'Väinönkatu 7 B 12', postalCode: '40100', city: 'Jyväskylä' },
  });
  const swedish = addCustomer(store, org, {
    name: 'Svenska Kaffebolaget AB', vatNumber: 'SE556677889901', languageCode: 'sv-SE',
    address: { addressline: 'Götgatan 15', postalCode: '116 46', city: 'Stockholm', countryCode: 'SE' },
  });

  addInvoice(store, org, {
    customer: makela.guid, date: '2026-11-02', status: WAITING, yourReference: 'Työmaa Hervanta', rows: [
      { type: 'Hours', code: 'OHJ', quantity: 12.5, unitPrice: 95 },
      { type: 'ProjectFees', code: 'LIS', quantity: 1, unitPrice: 490 },
      { type: 'TravelExpenses', code: 'KM', quantity: 120, unitPrice: 0.59 },
    ],
  });
  addInvoice(store, org, {
    customer: akerlund.guid, date: '2026-11-03', status: WAITING, rows: [
      { type: 'Hours', code: 'SUUN', quantity: 6, unitPrice: 110 },
      { type: 'ProjectFees', code: 'KAHVI', quantity: 20, unitPrice: 12.9 },
      { type: 'ProjectFees', code: 'KIRJA', quantity: 3, unitPrice: 39 },
      { type: 'ProjectFees', code: 'KOUL', quantity: 1, unitPrice: 650 },
    ],
  });
  addInvoice(store, org, { customer: consumer.guid, date: '2026-11-05', rows: [{ type: 'ProjectFees', code: 'KIRJA', quantity: 1, unitPrice: 29.9 }] });
  addInvoice(store, org, {
    customer: swedish.guid, date: '2026-11-06', status: WAITING, notes: 'Reverse charge, VAT Directive art. 196',
    rows: [{ type: 'Hours', code: 'OHJ', quantity: 8, unitPrice: 120, vatRate: 0, salesAccountNumber: '3040' }],
  });
  const sent = addInvoice(store, org, {
    customer: lehtonen.guid, date: '2026-10-20', status: 'Lähetetty', rows: [
      { type: 'Hours', code: 'PM', quantity: 4, unitPrice: 95 },
      { type: 'TravelExpenses', code: 'JUNA', quantity: 1, unitPrice: 84 },
      { type: 'TravelExpenses', code: 'PR', quantity: 1, unitPrice: 53 },
    ],
  });
  addInvoice(store, org, {
    customer: lehtonen.guid, date: '2026-11-10', status: WAITING, isCreditNote: true, credits: sent.guid,
    notes: 'Hyvitys: projektinhallinta laskutettu kahteen kertaan', rows: [{ type: 'Hours', code: 'PM', quantity: -4, unitPrice: 95 }],
  });
}
