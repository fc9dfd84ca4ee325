/**
 * Test hooks, in process (SeveraSandboxAdmin) and over HTTP (/admin/...): organisations with client credentials,
 * customers and invoices added or changed, invoices moved between statuses by name (as a user in Severa would),
 * token lifetime and expiry, scopes, faults, and the call log.
 */
import { AdminError, JsonRouter, objectBody } from '../shared/adminRouter';
import type { ArmedFault, FaultRegistry, FaultSpec } from '../shared/faults';
import { ALL_SCOPES, type OrganizationRecord } from './model';
import { address, addCustomer, addInvoice, customerOf, statusNamed, type NewAddress, type NewCustomer, type NewInvoice } from './records';
import { renderCustomer, renderInvoice } from './render';
import { createOrganization, type NewOrganization } from './seed';
import { SeveraError, type CallRecord, type CallWatcher, type Store } from './store';

/** A fault as tests arm it: the shared kinds, plus Severa's Retry-After and the field a 'malformed' fault breaks. */
export interface SeveraFaultSpec extends FaultSpec {
  retryAfterSeconds?: number;
  field?: string;
  value?: unknown;
  item?: number;
}

export interface CustomerChanges extends Partial<Omit<NewCustomer, 'address'>> {
  /** Replaces the billing address. */
  address?: NewAddress;
}

export class SeveraSandboxAdmin {
  constructor(private readonly store: Store, private readonly faultRegistry: FaultRegistry) {}

  createOrganization(input: NewOrganization): { guid: string; name: string; businessId: string; clientId: string } {
    if (!input.clientId || !input.clientSecret) throw new AdminError(400, 'clientId and clientSecret are required');
    if (!input.name) throw new AdminError(400, 'name is required');
    if (this.store.clients.has(input.clientId)) throw new AdminError(409, `client ${input.clientId} exists`);
    const unknown = (input.scopes ?? []).filter((s) => !ALL_SCOPES.includes(s));
    if (unknown.length) throw new AdminError(400, `unknown scopes ${unknown.join(', ')} (Severa's: ${ALL_SCOPES.join(' ')})`);
    const org = severa(() => createOrganization(this.store, input, ALL_SCOPES));
    return { guid: org.guid, name: org.name, businessId: org.businessId, clientId: input.clientId };
  }

  addCustomer(clientId: string, input: NewCustomer): Record<string, unknown> {
    return renderCustomer(severa(() => addCustomer(this.store, this.org(clientId), input)));
  }

  /** E.g. `{ eInvoiceAddress: null }` (the customer stops e-invoicing) or a new billing address. */
  changeCustomer(clientId: string, guid: string, changes: CustomerChanges): Record<string, unknown> {
    const customer = severa(() => customerOf(this.org(clientId), guid));
    const { address: newAddress, ...fields } = changes;
    for (const key of ['name', 'vatNumber', 'email', 'eInvoiceAddress', 'eInvoiceOperator', 'languageCode'] as const) {
      if (key in fields) (customer as unknown as Record<string, unknown>)[key] = fields[key] ?? null;
    }
    if (newAddress) {
      const billing = customer.addresses.find((a) => a.isBillingAddress) ?? customer.addresses[0]!;
      Object.assign(billing, severa(() => address(newAddress)));
    }
    this.store.touch(customer);
    return renderCustomer(customer);
  }

  addInvoice(clientId: string, input: NewInvoice): Record<string, unknown> {
    const org = this.org(clientId);
    return renderInvoice(org, severa(() => addInvoice(this.store, org, input)));
  }

  /**
   * Lays wire fields over the invoice as the API answers it, by dotted path: `{ "totalExcludingTax.amount": "12,50" }`
   * breaks a field on purpose, `{ notes: "…" }` changes one. Bumps lastUpdatedDateTime like any change.
   */
  patchInvoice(clientId: string, guid: string, overrides: Record<string, unknown>): Record<string, unknown> {
    const org = this.org(clientId);
    const invoice = this.invoiceOf(org, guid);
    Object.assign(invoice.overrides, overrides);
    this.store.touch(invoice);
    return renderInvoice(org, invoice);
  }

  /** Moves an invoice to the named status as a Severa user may, read-only or not; numbers it on entering a numbered status. */
  setInvoiceStatus(clientId: string, guid: string, statusName: string): Record<string, unknown> {
    const org = this.org(clientId);
    const invoice = this.invoiceOf(org, guid);
    severa(() => this.store.setStatus(org, invoice, statusNamed(org, statusName), false));
    return renderInvoice(org, invoice);
  }

  invoices(clientId: string): Record<string, unknown>[] {
    const org = this.org(clientId);
    return [...org.invoices.values()].map((i) => renderInvoice(org, i));
  }

  customers(clientId: string): Record<string, unknown>[] {
    return [...this.org(clientId).customers.values()].map(renderCustomer);
  }

  statuses(clientId: string): OrganizationRecord['statuses'] {
    return this.org(clientId).statuses.map((s) => ({ ...s }));
  }

  /** Tokens issued from now on live this long (default 3600 s). */
  setTokenLifetime(clientId: string, seconds: number): void {
    if (!Number.isInteger(seconds) || seconds < 1) throw new AdminError(400, 'seconds: a whole number from 1');
    this.org(clientId).tokenLifetimeSeconds = seconds;
  }

  /** Every token of the client's organisation (or of every organisation) stops working now. */
  expireTokens(clientId?: string): { expired: number } {
    return { expired: this.store.expireTokens(clientId ? this.org(clientId).guid : undefined) };
  }

  /** The scopes enabled on the client credentials (Settings → Integrations → REST API); tokens issued later carry them. */
  setScopes(clientId: string, scopes: string[]): void {
    const client = this.store.clients.get(clientId);
    if (!client) throw new AdminError(404, `client ${clientId} does not exist`);
    client.scopes = [...scopes];
  }

  setFault(spec: SeveraFaultSpec): ArmedFault {
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

  /** Answered calls, oldest first; `operation` filters (token, invoices, invoice, patchInvoice, …). */
  calls(filter: { operation?: string; clientId?: string } = {}): CallRecord[] {
    return this.store.calls.filter((c) => (!filter.operation || c.operation === filter.operation) && (!filter.clientId || c.clientId === filter.clientId));
  }

  resetCalls(): void {
    this.store.calls.length = 0;
  }

  /** Calls `watcher` as each call is answered (in process only); returns the unsubscribe. */
  watchCalls(watcher: CallWatcher): () => void {
    this.store.watchers.add(watcher);
    return () => this.store.watchers.delete(watcher);
  }

  state() {
    return {
      faults: this.faults(),
      organizations: [...this.store.organizations.values()].map((o) => ({
        guid: o.guid, name: o.name, businessId: o.businessId, tokenLifetimeSeconds: o.tokenLifetimeSeconds,
        clients: [...this.store.clients.values()].filter((c) => c.organizationGuid === o.guid).map((c) => ({ clientId: c.clientId, scopes: c.scopes })),
        customers: o.customers.size, invoices: o.invoices.size,
      })),
    };
  }

  private org(clientId: string): OrganizationRecord {
    const client = this.store.clients.get(clientId);
    if (!client) throw new AdminError(404, `client ${clientId} does not exist`);
    return this.store.organizations.get(client.organizationGuid)!;
  }

  private invoiceOf(org: OrganizationRecord, guid: string) {
    const invoice = org.invoices.get(guid);
    if (!invoice) throw new AdminError(404, `invoice ${guid} does not exist in ${org.name}`);
    return invoice;
  }
}

/** Severa's own refusals (unknown customer, bad row) become admin answers with the same status. */
function severa<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof SeveraError) throw new AdminError(err.status, err.message);
    throw err;
  }
}

/** The same operations over HTTP, for the CLI, the demo and out-of-process tests. */
export function adminRoutes(admin: SeveraSandboxAdmin): JsonRouter {
  const body = (b: unknown) => objectBody(b ?? {});
  return new JsonRouter()
    .on('GET', '/admin/state', () => admin.state())
    .on('GET', '/admin/faults', () => admin.faults())
    .on('POST', '/admin/faults', ({ body: b }) => admin.setFault(body(b) as unknown as SeveraFaultSpec))
    .on('DELETE', '/admin/faults', () => admin.clearFaults())
    .on('GET', '/admin/calls', ({ query }) => admin.calls({ operation: query.get('operation') ?? undefined, clientId: query.get('clientId') ?? undefined }))
    .on('DELETE', '/admin/calls', () => admin.resetCalls())
    .on('POST', '/admin/tokens/expire', ({ body: b }) => admin.expireTokens(body(b).clientId as string | undefined))
    .on('POST', '/admin/organizations', ({ body: b }) => admin.createOrganization(body(b) as unknown as NewOrganization))
    .on('PUT', '/admin/organizations/:clientId/token-lifetime', ({ params, body: b }) => admin.setTokenLifetime(params.clientId!, Number(body(b).seconds)))
    .on('PUT', '/admin/organizations/:clientId/scopes', ({ params, body: b }) => admin.setScopes(params.clientId!, stringList(body(b).scopes)))
    .on('GET', '/admin/organizations/:clientId/customers', ({ params }) => admin.customers(params.clientId!))
    .on('POST', '/admin/organizations/:clientId/customers', ({ params, body: b }) => admin.addCustomer(params.clientId!, body(b) as unknown as NewCustomer))
    .on('PATCH', '/admin/organizations/:clientId/customers/:guid', ({ params, body: b }) => admin.changeCustomer(params.clientId!, params.guid!, body(b)))
    .on('GET', '/admin/organizations/:clientId/invoices', ({ params }) => admin.invoices(params.clientId!))
    .on('POST', '/admin/organizations/:clientId/invoices', ({ params, body: b }) => admin.addInvoice(params.clientId!, body(b) as unknown as NewInvoice))
    .on('PATCH', '/admin/organizations/:clientId/invoices/:guid', ({ params, body: b }) => admin.patchInvoice(params.clientId!, params.guid!, body(b)))
    .on('PUT', '/admin/organizations/:clientId/invoices/:guid/status', ({ params, body: b }) => admin.setInvoiceStatus(params.clientId!, params.guid!, String(body(b).name)))
    .on('GET', '/admin/organizations/:clientId/statuses', ({ params }) => admin.statuses(params.clientId!));
}

function stringList(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new AdminError(400, 'expected a list of strings');
  return value;
}
