/**
 * Severa's resources (other-systems.md §1) as routes: path pattern (after /v1 or /v1.0), the scope Severa checks,
 * and the handler over the caller's organisation. Lists page with pageToken + rowCount (NextPageToken header);
 * customer addresses page by offset (firstRow). Filters: repeated keys for arrays, changedSince >=.
 */
import type { OrganizationRecord, RowRecord } from './model';
import { renderAddress, renderCoded, renderCustomer, renderInvoice, renderOrganization, renderRow, renderSources, renderStatus } from './render';
import { SeveraError, type Store } from './store';

export interface RouteCall {
  store: Store;
  org: OrganizationRecord;
  params: string[];
  query: URLSearchParams;
  body: unknown;
}

export type Answer = { status: number; body: unknown; list?: boolean; offsetPaged?: boolean };

export interface Route {
  method: 'GET' | 'PATCH';
  path: RegExp;
  /** Operation name: for faults (FaultSpec.operation) and the call log. */
  op: string;
  scope: string;
  handle(call: RouteCall): Answer;
}

const list = (items: unknown[]): Answer => ({ status: 200, body: items, list: true });
const one = (body: unknown): Answer => ({ status: 200, body });
const notFound = (): never => { throw new SeveraError(404, 'InvalidParameter', 'Resource not found'); };

function changedSince<T extends { lastUpdatedDateTime: string }>(items: T[], query: URLSearchParams): T[] {
  const since = query.get('changedSince');
  if (!since) return items;
  const at = Date.parse(since);
  if (Number.isNaN(at)) throw new SeveraError(400, 'InvalidParameter', `The value '${since}' is not valid for changedSince.`);
  return items.filter((i) => Date.parse(i.lastUpdatedDateTime) >= at);
}

function invoiceOf(org: OrganizationRecord, guid: string) {
  return org.invoices.get(guid) ?? notFound();
}

function rowOf(org: OrganizationRecord, guid: string): { row: RowRecord } {
  for (const inv of org.invoices.values()) {
    const row = inv.rows.find((r) => r.guid === guid);
    if (row) return { row };
  }
  return notFound();
}

const sources = (kind: 'workhour' | 'fee' | 'travel') => ({ org, params }: RouteCall) => list(renderSources(org, rowOf(org, params[0]!).row, kind));

export const ROUTES: Route[] = [
  { method: 'GET', path: /^\/organization$/, op: 'organization', scope: 'organization:read', handle: ({ org }) => one(renderOrganization(org)) },
  {
    method: 'GET', path: /^\/invoices$/, op: 'invoices', scope: 'invoices:read', handle: ({ org, query }) => {
      const statuses = query.getAll('invoiceStatusGuids');
      const numbers = query.getAll('numbers').map(Number);
      const customers = query.getAll('customerGuids');
      const found = changedSince([...org.invoices.values()], query)
        .filter((i) => statuses.length === 0 || statuses.includes(i.statusGuid))
        .filter((i) => numbers.length === 0 || (i.number !== null && numbers.includes(i.number)))
        .filter((i) => customers.length === 0 || customers.includes(i.customerGuid));
      return list(found.map((i) => renderInvoice(org, i)));
    },
  },
  { method: 'GET', path: /^\/invoices\/([^/]+)$/, op: 'invoice', scope: 'invoices:read', handle: ({ org, params }) => one(renderInvoice(org, invoiceOf(org, params[0]!))) },
  {
    method: 'PATCH', path: /^\/invoices\/([^/]+)$/, op: 'patchInvoice', scope: 'invoices:write', handle: ({ store, org, params, body }) => {
      const invoice = invoiceOf(org, params[0]!);
      const ops = Array.isArray(body) ? body : [];
      if (ops.length === 0) throw new SeveraError(400, 'InvalidRequest', 'The request body must be a JSON Patch document (an array of operations).');
      for (const op of ops as Array<{ op?: unknown; path?: unknown; value?: unknown }>) {
        const path = String(op.path ?? '').toLowerCase();
        if (String(op.op ?? '').toLowerCase() !== 'replace' || path !== '/status/guid') {
          throw new SeveraError(400, 'InvalidParameter', `Patch operation '${String(op.op)}' on path '${String(op.path)}' is not supported.`);
        }
        const target = store.status(org, String(op.value));
        if (!target) throw new SeveraError(400, 'InvalidParameter', `Invoice status '${String(op.value)}' not found.`);
        store.setStatus(org, invoice, target, true);
      }
      return one(renderInvoice(org, invoice));
    },
  },
  {
    method: 'GET', path: /^\/invoices\/([^/]+)\/invoicerows$/, op: 'invoiceRows', scope: 'invoices:read', handle: ({ org, params }) => {
      const invoice = invoiceOf(org, params[0]!);
      return list(invoice.rows.map((r) => renderRow(org, invoice, r)));
    },
  },
  { method: 'GET', path: /^\/invoicerows\/([^/]+)\/workhours$/, op: 'rowWorkHours', scope: 'hours:read', handle: sources('workhour') },
  { method: 'GET', path: /^\/invoicerows\/([^/]+)\/projectfees$/, op: 'rowProjectFees', scope: 'fees:read', handle: sources('fee') },
  { method: 'GET', path: /^\/invoicerows\/([^/]+)\/projecttravelexpenses$/, op: 'rowTravelExpenses', scope: 'travels:read', handle: sources('travel') },
  { method: 'GET', path: /^\/customers$/, op: 'customers', scope: 'customers:read', handle: ({ org, query }) => list(changedSince([...org.customers.values()], query).map(renderCustomer)) },
  { method: 'GET', path: /^\/customers\/([^/]+)$/, op: 'customer', scope: 'customers:read', handle: ({ org, params }) => one(renderCustomer(org.customers.get(params[0]!) ?? notFound())) },
  {
    method: 'GET', path: /^\/customers\/([^/]+)\/addresses$/, op: 'customerAddresses', scope: 'customers:read', handle: ({ org, params }) => {
      const customer = org.customers.get(params[0]!) ?? notFound();
      return { ...list(customer.addresses.map((a) => renderAddress(customer, a))), offsetPaged: true };
    },
  },
  { method: 'GET', path: /^\/invoicestatuses$/, op: 'invoiceStatuses', scope: 'settings:read', handle: ({ org }) => list(org.statuses.map(renderStatus)) },
  { method: 'GET', path: /^\/products$/, op: 'products', scope: 'settings:read', handle: ({ org, query }) => list(changedSince(org.products, query).map((p) => renderCoded(org, p))) },
  { method: 'GET', path: /^\/worktypes$/, op: 'workTypes', scope: 'settings:read', handle: ({ org, query }) => list(changedSince(org.workTypes, query).map((p) => renderCoded(org, p))) },
  { method: 'GET', path: /^\/travelexpensetypes$/, op: 'travelExpenseTypes', scope: 'settings:read', handle: ({ org, query }) => list(changedSince(org.travelExpenseTypes, query).map((p) => renderCoded(org, p))) },
  { method: 'GET', path: /^\/salesaccounts$/, op: 'salesAccounts', scope: 'settings:read', handle: ({ org }) => list(org.salesAccounts.map((a) => ({ ...a, isProductDefault: false, isWorkTypeDefault: false, isTravelTypeDefault: false }))) },
  { method: 'GET', path: /^\/vatrates$/, op: 'vatRates', scope: 'settings:read', handle: ({ org }) => list(org.vatRates.map((v) => ({ ...v, countryGuid: 'country-fi' }))) },
];
