/**
 * Test hooks, in process (CostTrackerSandboxAdmin) and over HTTP (/admin/...): organisations with their API token,
 * suppliers, projects, departments, purchase orders and received invoices seeded in bulk (duplicate PO numbers
 * allowed, as CostTracker's imports allow them), the match records and PO state read back, faults, call counts.
 */
import { z } from 'zod';
import { moneyText } from '../../connectors/shared/moneyText';
import { sumMinor, type Minor } from '../../domain/money';
import { AdminError, adminInput, itemsBody, JsonRouter, objectBody } from '../shared/adminRouter';
import type { ArmedFault, FaultRegistry } from '../shared/faults';
import type { RestFaultSpec } from '../shared/restFaults';
import {
  renderMatch, renderOrderState, renderReceivedInvoice, renderTransaction, type NamedRecord, type OrganisationRecord, type ReceivedInvoiceRecord,
} from './model';
import type { Store } from './store';

/** A fault as tests arm it (sandbox/shared/restFaults.ts); operations are the connector's method names. */
export type CostTrackerFaultSpec = RestFaultSpec;

/** As on the wire ("1250.00"); a number is taken too, for hand-written tests. */
const amount = z.union([z.string(), z.number().transform(String)]).pipe(moneyText);
const currency = z.string().regex(/^[A-Z]{3}$/);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const organisationInput = z.object({
  id: z.string().regex(/^[A-Za-z0-9-]{1,40}$/, 'letters, digits and dashes'),
  name: z.string().min(1).optional(),
  apiToken: z.string().min(8),
  /** e.g. "PO-"; default none: numbers are bare 2026-0042. */
  poPrefix: z.string().max(10).default(''),
  currency: currency.default('NOK'),
});
export type NewOrganisation = z.input<typeof organisationInput>;

const supplierInput = z.object({ id: z.string().min(1), name: z.string().min(1), organisationNumber: z.string().optional() });
const dimensionInput = z.object({ id: z.string().min(1), name: z.string().min(1), active: z.boolean().default(true) });

const orderInput = z.object({
  /** Default: the organisation's next number of `year`; a given number may repeat one that exists. */
  number: z.string().min(1).optional(),
  year: z.number().int().min(2000).max(2100).optional(),
  supplier: z.string().min(1),
  project: z.string().min(1).optional(),
  department: z.string().min(1).optional(),
  amount,
  /** Invoiced before the integration (not from match records). */
  invoiced: amount.default(0 as Minor),
  currency: currency.optional(),
  /** Only `closed` is kept as given (closed by a user); open and partly invoiced follow from `invoiced`. */
  status: z.enum(['open', 'partly-invoiced', 'closed']).optional(),
  lines: z.array(z.object({ description: z.string(), account: z.number().int().positive().optional(), amount })).optional(),
});
export type NewPurchaseOrder = z.input<typeof orderInput>;

const invoiceInput = z.object({
  id: z.string().min(1).optional(),
  invoiceNumber: z.string().min(1),
  supplier: z.string().min(1),
  date: day,
  dueDate: day.optional(),
  currency: currency.optional(),
  paymentReference: z.string().optional(),
  poNumber: z.string().optional(),
  status: z.enum(['received', 'approved', 'posted', 'rejected']).default('approved'),
  lines: z.array(z.object({
    account: z.number().int().positive(), amount, vatCode: z.string().optional(), vatAmount: amount.default(0 as Minor),
    project: z.string().optional(), department: z.string().optional(), description: z.string().optional(),
  })).min(1),
});
export type NewReceivedInvoice = z.input<typeof invoiceInput>;

export interface CostTrackerSandboxState {
  faults: ArmedFault[];
  calls: Record<string, number>;
  organisations: Array<{ id: string; name: string; poPrefix: string; suppliers: number; projects: number; departments: number; purchaseOrders: number; transactions: number; matchRecords: number; receivedInvoices: number }>;
}

export class CostTrackerSandboxAdmin {
  constructor(private readonly store: Store, private readonly faultRegistry: FaultRegistry) {}

  createOrganisation(input: NewOrganisation): { id: string; name: string } {
    const o = adminInput(organisationInput, input);
    if (this.store.organisations.has(o.id)) throw new AdminError(409, `organisation ${o.id} exists`);
    if (this.store.organisationByToken(o.apiToken)) throw new AdminError(409, 'another organisation has this API token');
    this.store.addOrganisation({
      id: o.id, name: o.name ?? `Organisation ${o.id}`, poPrefix: o.poPrefix, currency: o.currency, apiToken: o.apiToken,
      suppliers: new Map(), projects: new Map(), departments: new Map(), orders: [], nextPoNumber: {},
      transactions: new Map(), matches: new Map(), receivedInvoices: new Map(),
    });
    return { id: o.id, name: o.name ?? `Organisation ${o.id}` };
  }

  addSuppliers(organisationId: string, items: unknown[]): { count: number } {
    const org = this.org(organisationId);
    for (const s of adminInput(z.array(supplierInput), items)) org.suppliers.set(s.id, s);
    return { count: org.suppliers.size };
  }

  addProjects(organisationId: string, items: unknown[]): { count: number } {
    return this.addDimension(this.org(organisationId).projects, items);
  }

  addDepartments(organisationId: string, items: unknown[]): { count: number } {
    return this.addDimension(this.org(organisationId).departments, items);
  }

  /** The numbers given to the new POs, in order. */
  addPurchaseOrders(organisationId: string, items: unknown[]): { numbers: string[] } {
    const org = this.org(organisationId);
    const orders = adminInput(z.array(orderInput), items);
    orders.forEach((o, i) => {
      if (!org.suppliers.has(o.supplier)) throw new AdminError(400, `[${i}].supplier: organisation ${org.id} has no supplier ${o.supplier}`);
      if (o.project && !org.projects.has(o.project)) throw new AdminError(400, `[${i}].project: organisation ${org.id} has no project ${o.project}`);
      if (o.department && !org.departments.has(o.department)) throw new AdminError(400, `[${i}].department: organisation ${org.id} has no department ${o.department}`);
    });
    const numbers = orders.map((o) => {
      const number = o.number ?? this.nextNumber(org, o.year ?? this.store.now().getUTCFullYear());
      this.claimNumber(org, number);
      this.store.addOrder(org, {
        number, supplier: o.supplier, project: o.project, department: o.department, amount: o.amount, baseInvoiced: o.invoiced,
        currency: o.currency ?? org.currency, closedManually: o.status === 'closed' && o.invoiced < o.amount,
        lines: o.lines ?? [{ description: `PO ${number}`, amount: o.amount }],
      });
      return number;
    });
    return { numbers };
  }

  addReceivedInvoices(organisationId: string, items: unknown[]): { ids: string[] } {
    const org = this.org(organisationId);
    const at = this.store.now().toISOString();
    const ids = adminInput(z.array(invoiceInput), items).map((input) => {
      const id = input.id ?? `ri-${org.receivedInvoices.size + 1}`;
      if (org.receivedInvoices.has(id)) throw new AdminError(409, `received invoice ${id} exists`);
      const total = sumMinor(input.lines.map((l) => l.amount + l.vatAmount));
      org.receivedInvoices.set(id, {
        ...input, id, dueDate: input.dueDate ?? input.date, currency: input.currency ?? org.currency, total, updatedAt: at,
      });
      return id;
    });
    return { ids };
  }

  /** As a user in CostTracker: approve, reject, or put an invoice back. */
  setReceivedInvoiceStatus(organisationId: string, id: string, status: ReceivedInvoiceRecord['status']): Record<string, unknown> {
    const invoice = this.org(organisationId).receivedInvoices.get(id);
    if (!invoice) throw new AdminError(404, `received invoice ${id} does not exist`);
    invoice.status = adminInput(invoiceInput.shape.status, status);
    this.store.touch(invoice);
    return renderReceivedInvoice(invoice);
  }

  /** Every PO (or those with the number) with what lies behind its invoiced amount. */
  purchaseOrders(organisationId: string, number?: string): Record<string, unknown>[] {
    const org = this.org(organisationId);
    return (number ? this.store.ordersNumbered(org, number) : org.orders).map(renderOrderState);
  }

  matchRecords(organisationId: string, transaction?: string): Record<string, unknown>[] {
    const org = this.org(organisationId);
    const found = transaction ? [org.matches.get(transaction)].filter((m) => m !== undefined) : [...org.matches.values()];
    return found.map(renderMatch);
  }

  transactions(organisationId: string, id?: string): Record<string, unknown>[] {
    const org = this.org(organisationId);
    const found = id ? [org.transactions.get(id)].filter((t) => t !== undefined) : [...org.transactions.values()];
    return found.map(renderTransaction);
  }

  receivedInvoices(organisationId: string): Record<string, unknown>[] {
    return [...this.org(organisationId).receivedInvoices.values()].map(renderReceivedInvoice);
  }

  setFault(spec: CostTrackerFaultSpec): ArmedFault {
    try {
      return this.faultRegistry.arm(spec);
    } catch (err) {
      throw new AdminError(400, err instanceof Error ? err.message : String(err));
    }
  }

  faults(): ArmedFault[] {
    return this.faultRegistry.list();
  }

  clearFaults(): void {
    this.faultRegistry.clear();
  }

  state(): CostTrackerSandboxState {
    return {
      faults: this.faults(),
      calls: { ...this.store.calls },
      organisations: [...this.store.organisations.values()].map((o) => ({
        id: o.id, name: o.name, poPrefix: o.poPrefix, suppliers: o.suppliers.size, projects: o.projects.size, departments: o.departments.size,
        purchaseOrders: o.orders.length, transactions: o.transactions.size, matchRecords: o.matches.size, receivedInvoices: o.receivedInvoices.size,
      })),
    };
  }

  private addDimension(target: Map<string, NamedRecord>, items: unknown[]): { count: number } {
    for (const d of adminInput(z.array(dimensionInput), items)) target.set(d.id, d);
    return { count: target.size };
  }

  private nextNumber(org: OrganisationRecord, year: number): string {
    const n = org.nextPoNumber[year] ?? 1;
    return `${org.poPrefix}${year}-${String(n).padStart(4, '0')}`;
  }

  /** A given number in the organisation's pattern moves the counter past it, so generated numbers never repeat it. */
  private claimNumber(org: OrganisationRecord, number: string): void {
    const m = /^(\d{4})-(\d+)$/.exec(number.slice(org.poPrefix.length));
    if (!m || !number.startsWith(org.poPrefix)) return;
    org.nextPoNumber[m[1]!] = Math.max(org.nextPoNumber[m[1]!] ?? 1, Number(m[2]) + 1);
  }

  private org(organisationId: string): OrganisationRecord {
    const org = this.store.organisations.get(organisationId);
    if (!org) throw new AdminError(404, `organisation ${organisationId} does not exist`);
    return org;
  }
}

/** The same operations over HTTP, for the CLI, the demo, the benchmark and out-of-process tests. */
export function adminRoutes(admin: CostTrackerSandboxAdmin): JsonRouter {
  const base = '/admin/organisations/:id';
  return new JsonRouter(64 * 1024 * 1024)
    .on('GET', '/admin/state', () => admin.state())
    .on('GET', '/admin/faults', () => admin.faults())
    .on('POST', '/admin/faults', ({ body }) => admin.setFault(objectBody(body) as unknown as CostTrackerFaultSpec))
    .on('DELETE', '/admin/faults', () => admin.clearFaults())
    .on('POST', '/admin/organisations', ({ body }) => admin.createOrganisation(objectBody(body) as unknown as NewOrganisation))
    .on('POST', `${base}/suppliers`, ({ params, body }) => admin.addSuppliers(params.id!, itemsBody(body)))
    .on('POST', `${base}/projects`, ({ params, body }) => admin.addProjects(params.id!, itemsBody(body)))
    .on('POST', `${base}/departments`, ({ params, body }) => admin.addDepartments(params.id!, itemsBody(body)))
    .on('POST', `${base}/purchase-orders`, ({ params, body }) => admin.addPurchaseOrders(params.id!, itemsBody(body)))
    .on('GET', `${base}/purchase-orders`, ({ params, query }) => admin.purchaseOrders(params.id!, query.get('number') ?? undefined))
    .on('POST', `${base}/received-invoices`, ({ params, body }) => admin.addReceivedInvoices(params.id!, itemsBody(body)))
    .on('GET', `${base}/received-invoices`, ({ params }) => admin.receivedInvoices(params.id!))
    .on('PUT', `${base}/received-invoices/:invoice/status`, ({ params, body }) =>
      admin.setReceivedInvoiceStatus(params.id!, params.invoice!, objectBody(body).status as ReceivedInvoiceRecord['status']))
    .on('GET', `${base}/match-records`, ({ params, query }) => admin.matchRecords(params.id!, query.get('transaction') ?? undefined))
    .on('GET', `${base}/accounting-transactions`, ({ params, query }) => admin.transactions(params.id!, query.get('id') ?? undefined));
}
