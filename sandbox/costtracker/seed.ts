/**
 * The demo organisation `ct-demo`: the same company as the 24SevenOffice sandbox's demo client 1001, so its
 * suppliers, projects and departments carry that sandbox's ids (suppliers 20001–20005, projects and departments
 * 1–3: sandbox/24sevenoffice/seed.ts) and a demo match needs no mapping. Twenty POs of 2026 in every status
 * (one number held twice, as CostTracker's imports allow) and received invoices for post mode.
 */
import type { CostTrackerSandboxAdmin, NewPurchaseOrder } from './admin';

export const DEMO_COSTTRACKER = {
  organisationId: 'ct-demo',
  name: 'Demo Handel AS',
  apiToken: 'costtracker-demo-token',
} as const;

const SUPPLIERS = [
  { id: '20001', name: 'Grossisten Engros AS', organisationNumber: '934567890' },
  { id: '20002', name: 'Kontorrekvisita Norge AS', organisationNumber: '945678901' },
  { id: '20003', name: 'Bryggen Eiendom AS', organisationNumber: '956789012' },
  { id: '20004', name: 'Kaffebrenneriet Vest AS', organisationNumber: '967890123' },
  { id: '20005', name: 'Papir og Penn AS', organisationNumber: '978901234' },
];
const PROJECTS = [{ id: '1', name: 'Internt' }, { id: '2', name: 'Butikkåpning Bergen' }, { id: '3', name: 'Nordlys rammeavtale' }];
const DEPARTMENTS = [{ id: '1', name: 'Hovedkontor' }, { id: '2', name: 'Butikk Oslo' }, { id: '3', name: 'Butikk Bergen' }];

/** 2026-0001 … 2026-0019 in order, then 2026-0007 once more (another supplier's import). */
const ORDERS: NewPurchaseOrder[] = [
  { supplier: '20001', project: '1', department: '1', amount: '12500.00' },
  { supplier: '20001', project: '2', department: '3', amount: '48000.00', invoiced: '12000.00' },
  { supplier: '20001', amount: '3200.00', invoiced: '3200.00' },
  { supplier: '20002', project: '1', department: '1', amount: '1850.00' },
  { supplier: '20002', department: '2', amount: '2400.00', invoiced: '600.00' },
  { supplier: '20002', amount: '990.00', status: 'closed' },
  { supplier: '20003', project: '2', department: '3', amount: '36000.00', lines: [
    { description: 'Husleie Bryggen, januar', account: 6300, amount: '18000.00' },
    { description: 'Husleie Bryggen, februar', account: 6300, amount: '18000.00' },
  ] },
  { supplier: '20003', department: '1', amount: '18000.00' },
  { supplier: '20004', project: '1', department: '2', amount: '4500.00' },
  { supplier: '20004', project: '1', department: '3', amount: '4500.00' },
  { supplier: '20004', amount: '7800.00', invoiced: '2600.00' },
  { supplier: '20005', project: '3', department: '1', amount: '650.00' },
  { supplier: '20005', project: '3', amount: '1200.00', invoiced: '1200.00' },
  { supplier: '20005', amount: '2750.00' },
  { supplier: '20001', project: '3', department: '2', amount: '22000.00' },
  { supplier: '20002', amount: '15000.00', currency: 'EUR' },
  { supplier: '20003', amount: '9000.00', invoiced: '4500.00' },
  { supplier: '20004', project: '2', amount: '5600.00' },
  { supplier: '20005', department: '3', amount: '890.00' },
  { number: '2026-0007', supplier: '20005', amount: '1500.00' },
];

export function seedDemo(admin: CostTrackerSandboxAdmin): void {
  const id = DEMO_COSTTRACKER.organisationId;
  admin.createOrganisation({ id, name: DEMO_COSTTRACKER.name, apiToken: DEMO_COSTTRACKER.apiToken, poPrefix: '', currency: 'NOK' });
  admin.addSuppliers(id, SUPPLIERS);
  admin.addProjects(id, PROJECTS);
  admin.addDepartments(id, DEPARTMENTS);
  admin.addPurchaseOrders(id, ORDERS.map((o) => ({ year: 2026, lines: [{ description: 'Varer og tjenester', account: 4300, amount: o.amount }], ...o })));
  admin.addReceivedInvoices(id, [
    { id: 'ri-1', invoiceNumber: 'F-88120', supplier: '20002', date: '2026-11-02', dueDate: '2026-11-16', paymentReference: '1234567890128', poNumber: '2026-0004',
      lines: [{ account: 6800, amount: '1480.00', vatCode: '1', vatAmount: '370.00', project: '1', department: '1', description: 'Kontorrekvisita' }] },
    { id: 'ri-2', invoiceNumber: '2026-311', supplier: '20004', date: '2026-11-05', dueDate: '2026-12-05', poNumber: '2026-0009',
      lines: [
        { account: 4300, amount: '3000.00', vatCode: '11', vatAmount: '450.00', project: '1', department: '2', description: 'Kaffe 500 g' },
        { account: 6800, amount: '600.00', vatCode: '1', vatAmount: '150.00', project: '1', department: '2', description: 'Kopper' },
      ] },
    { id: 'ri-3', invoiceNumber: 'B-4410', supplier: '20003', date: '2026-11-01', dueDate: '2026-11-15',
      lines: [{ account: 6300, amount: '18000.00', vatCode: '0', department: '1', description: 'Husleie november' }] },
    { id: 'ri-4', invoiceNumber: '55-001', supplier: '20005', date: '2026-11-06', status: 'received',
      lines: [{ account: 6800, amount: '520.00', vatCode: '1', vatAmount: '130.00', description: 'Papir (til godkjenning)' }] },
  ]);
}
