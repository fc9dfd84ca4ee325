/**
 * Test hooks, in process (TalenomSandboxAdmin) and over HTTP (/admin/...): organisations with their API client,
 * sales accounts, received invoices with their raw Finvoice XML, contacts, payments on the sales ledger, faults
 * and the call log.
 */
import { AdminError, adminCall, JsonRouter, objectBody } from '../shared/adminRouter';
import type { ArmedFault, FaultRegistry, FaultSpec } from '../shared/faults';
import { DEFAULT_SALES_ACCOUNTS, type CallLogEntry, type LedgerItem, type Organisation, type SalesAccount, type Store, type StoredInvoice, type WireContact, type WireProduct } from './store';

export interface NewOrganisation {
  organizationNumber: string;
  name?: string;
  clientId: string;
  clientSecret: string;
  subscriptionKey: string;
  usesSalesAccounts?: boolean;
  salesAccounts?: SalesAccount[];
}

export class TalenomSandboxAdmin {
  constructor(private readonly store: Store, private readonly faultRegistry: FaultRegistry) {}

  createOrganisation(input: NewOrganisation): { organizationNumber: string } {
    if (!/^[A-Za-z0-9-]{1,20}$/.test(String(input.organizationNumber ?? ''))) throw new AdminError(400, 'organizationNumber: 1–20 letters, digits or dashes');
    if (!input.clientId || !input.clientSecret || !input.subscriptionKey) throw new AdminError(400, 'clientId, clientSecret and subscriptionKey are required');
    if (this.store.organisations.has(input.organizationNumber)) throw new AdminError(409, `organisation ${input.organizationNumber} exists`);
    const other = this.store.byClient(input.clientId)[0];
    if (other && other.clientSecret !== input.clientSecret) throw new AdminError(409, `client ${input.clientId} exists with another secret`);
    this.store.organisations.set(input.organizationNumber, {
      organizationNumber: input.organizationNumber, name: input.name ?? `Yritys ${input.organizationNumber} Oy`,
      clientId: input.clientId, clientSecret: input.clientSecret, subscriptionKey: input.subscriptionKey,
      usesSalesAccounts: input.usesSalesAccounts ?? true, salesAccounts: (input.salesAccounts ?? DEFAULT_SALES_ACCOUNTS).map((a) => ({ ...a })),
      contacts: new Map(), invoices: [], products: new Map(), ledger: new Map(),
    });
    return { organizationNumber: input.organizationNumber };
  }

  setSalesAccounts(organizationNumber: string, accounts: SalesAccount[], usesSalesAccounts?: boolean): void {
    const org = this.organisation(organizationNumber);
    if (!Array.isArray(accounts)) throw new AdminError(400, 'salesAccounts: a list of { number, name, vatPercent }');
    org.salesAccounts = accounts.map((a) => ({ number: String(a.number), name: String(a.name ?? a.number), vatPercent: Number(a.vatPercent) }));
    if (usesSalesAccounts !== undefined) org.usesSalesAccounts = usesSalesAccounts;
  }

  /** Received invoices with the raw Finvoice XML, so tests can check each against the schema. */
  invoices(organizationNumber: string): StoredInvoice[] {
    return this.organisation(organizationNumber).invoices.map((i) => ({ ...i }));
  }

  contacts(organizationNumber: string): WireContact[] {
    return [...this.organisation(organizationNumber).contacts.values()].map((c) => ({ ...c }));
  }

  /** The product register, as upserted by code. */
  products(organizationNumber: string): WireProduct[] {
    return [...this.organisation(organizationNumber).products.values()].map((p) => ({ ...p }));
  }

  salesLedger(organizationNumber: string): LedgerItem[] {
    return [...this.organisation(organizationNumber).ledger.values()].map((i) => ({ ...i, payments: [...i.payments] }));
  }

  /** The buyer paid (part of) an invoice: the open amount goes down. */
  recordPayment(organizationNumber: string, payment: { invoiceNumber: string; date: string; amount: number }): LedgerItem {
    const item = this.organisation(organizationNumber).ledger.get(String(payment.invoiceNumber));
    if (!item) throw new AdminError(404, `invoice ${payment.invoiceNumber} is not in the sales ledger of ${organizationNumber}`);
    if (!Number.isInteger(payment.amount)) throw new AdminError(400, 'amount: cents, a whole number');
    item.payments.push({ date: payment.date, amount: payment.amount });
    item.openAmount -= payment.amount;
    return { ...item };
  }

  setFault(spec: FaultSpec): ArmedFault {
    if (spec.kind !== 'http500' && spec.kind !== 'lostResponse') throw new AdminError(400, 'the Talenom sandbox injects http500 (the next N calls answer 500) and lostResponse (handled, then the socket is dropped)');
    return this.faultRegistry.arm(spec);
  }

  faults(): ArmedFault[] {
    return this.faultRegistry.list();
  }

  clearFaults(): void {
    this.faultRegistry.clear();
  }

  calls(): CallLogEntry[] {
    return this.store.calls.map((c) => ({ ...c }));
  }

  private organisation(organizationNumber: string): Organisation {
    const org = this.store.organisations.get(String(organizationNumber));
    if (!org) throw new AdminError(404, `organisation ${organizationNumber} does not exist`);
    return org;
  }
}

/** The same operations over HTTP, for the CLI, the demo and out-of-process tests. */
export function adminRoutes(admin: TalenomSandboxAdmin): JsonRouter {
  return new JsonRouter()
    .on('POST', '/admin/organisations', ({ body }) => adminCall(() => admin.createOrganisation(objectBody(body) as unknown as NewOrganisation)))
    .on('PUT', '/admin/organisations/:org/sales-accounts', ({ params, body }) => {
      const b = objectBody(body);
      return adminCall(() => admin.setSalesAccounts(params.org!, b.salesAccounts as SalesAccount[], b.usesSalesAccounts as boolean | undefined));
    })
    .on('GET', '/admin/organisations/:org/invoices', ({ params }) => admin.invoices(params.org!))
    .on('GET', '/admin/organisations/:org/contacts', ({ params }) => admin.contacts(params.org!))
    .on('GET', '/admin/organisations/:org/products', ({ params }) => admin.products(params.org!))
    .on('GET', '/admin/organisations/:org/sales-ledger', ({ params }) => admin.salesLedger(params.org!))
    .on('POST', '/admin/organisations/:org/payments', ({ params, body }) => adminCall(() => admin.recordPayment(params.org!, objectBody(body) as never)))
    .on('GET', '/admin/faults', () => admin.faults())
    .on('POST', '/admin/faults', ({ body }) => adminCall(() => admin.setFault(objectBody(body) as unknown as FaultSpec)))
    .on('DELETE', '/admin/faults', () => admin.clearFaults())
    .on('GET', '/admin/calls', () => admin.calls());
}
