/**
 * The demo chain: DUELL customer 100200 "Demo Handel AS" with two shops, OSL (Oslo) and BGO (Bergen), a few
 * Z-reports each (cards, Vipps, tips, a bank withdrawal, a cash difference with its note, øreavrunding), product
 * groups at 25 % and 15 %, products with stock and one service without, customers and two invoice bases (one with
 * a gift card sold on account).
 */
import type { DuellSandboxAdmin, NewZReport } from './admin';

export const DEMO_DUELL = {
  customerNumber: '100200',
  token: 'duell-demo-token',
  name: 'Demo Handel AS',
  departments: ['OSL', 'BGO'],
} as const;

const CLOTHES = { groupId: '10', name: 'Klær', accountNo: '3000', vatCode: '3' };
const FOOD = { groupId: '20', name: 'Kaffe og mat', accountNo: '3020', vatCode: '31' };
const SERVICE = { groupId: '30', name: 'Verksted', accountNo: '3001', vatCode: '3' };

const OSL: NewZReport[] = [
  { date: '2026-11-27', time: '21:04:10', registerId: 'OSL-1', signedBy: 'Kari Nordmann', openingFloat: 2000, receipts: 41,
    groups: [{ ...CLOTHES, count: 18, amount: 8990 }, { ...FOOD, count: 30, amount: 1412.5 }],
    payments: [{ type: 'cash', count: 9, amount: 1402 }, { type: 'bankaxept', count: 22, amount: 6120.5 }, { type: 'vipps', count: 10, amount: 2880 }] },
  { date: '2026-11-28', time: '21:02:44', registerId: 'OSL-1', signedBy: 'Kari Nordmann', openingFloat: 2000, bankWithdrawal: 1500, receipts: 37, tips: 120,
    groups: [{ ...CLOTHES, count: 12, amount: 6480 }, { ...FOOD, count: 25, amount: 1187.5 }],
    payments: [{ type: 'cash', count: 7, amount: 1500 }, { type: 'visa', count: 14, amount: 4100 }, { type: 'mastercard', count: 8, amount: 2187.5 }],
    returns: { count: 1, amount: 499 } },
  { date: '2026-11-29', time: '18:30:00', registerId: 'OSL-1', signedBy: 'Ola Nordmann', openingFloat: 2000, counted: 2950, note: 'Feil veksel gitt, 50 kr mangler',
    receipts: 12, groups: [{ ...CLOTHES, count: 4, amount: 2396 }, { ...SERVICE, count: 1, amount: 350 }],
    payments: [{ type: 'cash', count: 4, amount: 1000 }, { type: 'giftcard', count: 1, amount: 500 }, { type: 'terminal', count: 2, amount: 1246 }] },
];

const BGO: NewZReport[] = [
  { date: '2026-11-28', time: '20:15:00', registerId: 'BGO-1', signedBy: 'Per Hansen', openingFloat: 1500, receipts: 16,
    groups: [{ ...CLOTHES, count: 6, amount: 3593.6 }, { ...FOOD, count: 11, amount: 495.2 }] },
  { date: '2026-11-29', time: '20:11:12', registerId: 'BGO-1', signedBy: 'Per Hansen', openingFloat: 1500, receipts: 9, discounts: { count: 2, amount: 120 },
    groups: [{ ...CLOTHES, count: 5, amount: 2695 }, { ...FOOD, count: 4, amount: 180 }],
    payments: [{ type: 'bankaxept', count: 8, amount: 2575 }, { type: 'stripe', count: 1, amount: 300 }] },
];

export function seedDemo(admin: DuellSandboxAdmin): void {
  const c = DEMO_DUELL.customerNumber;
  admin.createAccount({ customerNumber: c, token: DEMO_DUELL.token, name: DEMO_DUELL.name });
  admin.addDepartments(c, [{ id: 'OSL', name: 'Butikk Oslo' }, { id: 'BGO', name: 'Butikk Bergen' }]);
  admin.addZReports(c, 'OSL', OSL);
  admin.addZReports(c, 'BGO', BGO);
  admin.addProductGroups(c, [CLOTHES, FOOD, SERVICE].map((g) => ({ id: g.groupId, name: g.name })));
  admin.upsertProducts(c, [
    { number: '1001', name: 'Ullgenser', groupId: '10', price: 899, costPrice: 380, vatCode: '3', stockQuantity: 42 },
    { number: '1002', name: 'Regnjakke', groupId: '10', price: 1499, costPrice: 610, vatCode: '3', stockQuantity: 15 },
    { number: '2001', name: 'Kaffe 250 g', groupId: '20', price: 47.5, costPrice: 21.2, vatCode: '31', stockQuantity: 120 },
    { number: '3001', name: 'Reparasjon', groupId: '30', price: 350, costPrice: 0, vatCode: '3' },
  ]);
  admin.upsertCustomers(c, [
    { number: '10001', name: 'Fjord Eventbyrå AS', orgNo: '912345670', address: { street: 'Kaigaten 1', postalCode: '5015', city: 'Bergen', country: 'NO' }, email: 'faktura@fjordevent.no' },
    { number: '10002', name: 'Oslo Skolekorps', orgNo: '987654321', address: { street: 'Skoleveien 4', postalCode: '0450', city: 'Oslo', country: 'NO' } },
    { number: '10003', name: 'Ingrid Berg', email: 'ingrid.berg@example.no' },
  ]);
  admin.addInvoiceBases(c, [
    { departmentId: 'OSL', date: '2026-11-28', customerNumber: '10002', reference: 'Korpsuniformer', rows: [
      { productNumber: '1001', description: 'Ullgenser', quantity: 20, unitPrice: 719.2, vatCode: '3', discountPercent: 10 },
      { productNumber: '1002', description: 'Regnjakke', quantity: 2, unitPrice: 1199.2, vatCode: '3' },
    ] },
    { departmentId: 'BGO', date: '2026-11-29', customerNumber: '10001', rows: [
      { productNumber: '2001', description: 'Kaffe 250 g', quantity: 12, unitPrice: 41.3, vatCode: '31' },
      { description: 'Gavekort', quantity: 5, unitPrice: 500, vatCode: '6', giftCard: true },
    ] },
  ]);
}
