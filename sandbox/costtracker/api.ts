/**
 * The REST API of connectors/costtracker/README.md: routes under /api/v1/organisations/{id}, bearer-token auth
 * per organisation, `page` + `pageSize` paging, the match and posting rules (./store.ts), injected faults, error
 * bodies `{ error: { code, message, details? } }`. Admin JSON is under /admin.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../shared/http';
import { readJsonBody, restFront, routeOf, type RestApiDeps } from '../shared/restFront';
import { answerRestFault, corruptField, type RestFault as Fault } from '../shared/restFaults';
import { orderStatus, renderMatch, renderOrder, renderReceivedInvoice, type OrganisationRecord } from './model';
import { matchRecordsBody, namedBody, suppliersBody, transactionsBody } from './bulkBodies';
import { invoiceStatusFilter, orderFilter, paging, voucherBody } from './requests';
import { ApiError, type Store } from './store';

export type ApiDeps = RestApiDeps<Store>;

interface Call {
  store: Store;
  org: OrganisationRecord;
  params: string[];
  query: URLSearchParams;
  body: unknown;
}

interface Route {
  method: 'GET' | 'POST';
  path: RegExp;
  /** Operation name: for faults (FaultSpec.operation) and call counts; the connector's method names. */
  op: string;
  handle(call: Call): unknown;
}

function paged<T>(all: readonly T[], query: URLSearchParams, render: (item: T) => unknown) {
  const { page, pageSize } = paging(query);
  return { items: all.slice((page - 1) * pageSize, page * pageSize).map(render), page, pageSize, totalItems: all.length };
}

/** A master-data page: each item replaces the one with its id; the counts say what changed. */
function upsertById<T extends { id: string }>(into: Map<string, T>, items: readonly T[]): { created: number; updated: number; unchanged: number } {
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const item of items) {
    const before = into.get(item.id);
    if (!before) counts.created += 1;
    else if (JSON.stringify(before) === JSON.stringify(item)) { counts.unchanged += 1; continue; }
    else counts.updated += 1;
    into.set(item.id, item);
  }
  return counts;
}

function invoiceOf(org: OrganisationRecord, id: string) {
  const invoice = org.receivedInvoices.get(id);
  if (!invoice) throw new ApiError(404, 'received_invoice_not_found', `received invoice ${id} does not exist in organisation ${org.id}`);
  return invoice;
}

const ROUTES: Route[] = [
  { method: 'GET', path: /^$/, op: 'organisation', handle: ({ org }) => ({ id: org.id, name: org.name, poPrefix: org.poPrefix, currency: org.currency }) },
  { method: 'GET', path: /^\/suppliers$/, op: 'suppliers', handle: ({ org, query }) => paged([...org.suppliers.values()], query, (s) => s) },
  { method: 'GET', path: /^\/projects$/, op: 'projects', handle: ({ org, query }) => paged([...org.projects.values()], query, (p) => p) },
  { method: 'GET', path: /^\/departments$/, op: 'departments', handle: ({ org, query }) => paged([...org.departments.values()], query, (d) => d) },
  { method: 'POST', path: /^\/suppliers\/bulk$/, op: 'putSuppliers', handle: ({ org, body }) => upsertById(org.suppliers, suppliersBody(body)) },
  { method: 'POST', path: /^\/projects\/bulk$/, op: 'putProjects', handle: ({ org, body }) => upsertById(org.projects, namedBody(body)) },
  { method: 'POST', path: /^\/departments\/bulk$/, op: 'putDepartments', handle: ({ org, body }) => upsertById(org.departments, namedBody(body)) },
  {
    method: 'GET', path: /^\/purchase-orders$/, op: 'purchaseOrders', handle: ({ org, query }) => {
      const { statuses, updatedSince } = orderFilter(query);
      const found = org.orders.filter((o) => (statuses.length === 0 || statuses.includes(orderStatus(o))) &&
        (updatedSince === undefined || o.updatedAtMs >= updatedSince));
      return paged(found, query, renderOrder);
    },
  },
  { method: 'POST', path: /^\/accounting-transactions\/bulk$/, op: 'putTransactions', handle: ({ store, org, body }) => store.upsertTransactions(org, transactionsBody(body)) },
  { method: 'POST', path: /^\/match-records\/bulk$/, op: 'putMatches', handle: ({ store, org, body }) => store.putMatches(org, matchRecordsBody(body)) },
  {
    method: 'GET', path: /^\/match-records$/, op: 'matches', handle: ({ org, query }) => {
      const wanted = query.getAll('transaction');
      const found = wanted.length ? wanted.map((t) => org.matches.get(t)).filter((m) => m !== undefined) : [...org.matches.values()];
      return paged(found, query, renderMatch);
    },
  },
  {
    method: 'GET', path: /^\/received-invoices$/, op: 'receivedInvoices', handle: ({ org, query }) => {
      const status = invoiceStatusFilter(query);
      return paged([...org.receivedInvoices.values()].filter((i) => !status || i.status === status), query, renderReceivedInvoice);
    },
  },
  { method: 'GET', path: /^\/received-invoices\/([^/]+)$/, op: 'receivedInvoice', handle: ({ org, params }) => renderReceivedInvoice(invoiceOf(org, params[0]!)) },
  {
    method: 'POST', path: /^\/received-invoices\/([^/]+)\/posted$/, op: 'markPosted',
    handle: ({ store, org, params, body }) => renderReceivedInvoice(store.markPosted(invoiceOf(org, params[0]!), voucherBody(body))),
  },
];

export function createApiHandler(deps: ApiDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return restFront(deps.admin, (req, res, url) => handle(deps, req, res, url),
    (res, message) => sendJson(res, 500, { error: { code: 'internal_error', message } }));
}

async function handle(deps: ApiDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  let lost = false;
  try {
    const m = /^\/api\/v1\/organisations\/([^/]+)(\/.*)?$/.exec(url.pathname);
    const rest = m ? m[2] ?? '' : undefined;
    const route = routeOf(ROUTES, rest, req.method);
    if (route === 'notFound') throw new ApiError(404, 'not_found', `no such resource ${url.pathname}`);
    if (route === 'notAllowed') throw new ApiError(405, 'method_not_allowed', `${req.method} is not allowed on ${url.pathname}`);

    const fault = deps.faults.take(route.op) as Fault | undefined;
    if (fault && (await applyFault(fault, res, deps.store))) return;
    lost = fault?.kind === 'lostResponse';
    const org = authorize(deps.store, req, decodeURIComponent(m![1]!));
    deps.store.count(route.op);
    const body = req.method === 'POST' ? await jsonBody(req, deps.maxRequestBytes) : undefined;
    const params = route.path.exec(rest!)!.slice(1).map(decodeURIComponent);
    const result = route.handle({ store: deps.store, org, params, query: url.searchParams, body });
    if (lost) return void req.socket.destroy(); // done, but the caller never hears of it
    sendJson(res, 200, fault?.kind === 'malformed' ? corruptField(result, fault) : result);
  } catch (err) {
    if (lost) return void req.socket.destroy();
    if (!(err instanceof ApiError)) throw err;
    sendJson(res, err.status, { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } });
  }
}

function authorize(store: Store, req: IncomingMessage, organisationId: string): OrganisationRecord {
  const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
  if (!token) throw new ApiError(401, 'unauthorized', 'an Authorization: Bearer <API token> header is required');
  const holder = store.organisationByToken(token);
  if (!holder) throw new ApiError(401, 'unauthorized', 'the API token is not valid: it was revoked or never issued; create one under Settings → Integrations → API tokens');
  const org = store.organisations.get(organisationId);
  if (!org) throw new ApiError(404, 'organisation_not_found', `organisation ${organisationId} does not exist`);
  if (holder !== org) throw new ApiError(403, 'forbidden', `the API token is not for organisation ${organisationId}`);
  return org;
}

function jsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  return readJsonBody(req, limit, {
    tooLarge: (message) => new ApiError(413, 'payload_too_large', `${message}; send at most 1000 items per request`),
    notJson: () => new ApiError(400, 'validation_failed', 'the body is not valid JSON', [{ message: 'the body is not valid JSON' }]),
  });
}

const FAULT_TEXTS = {
  internalError: 'An unexpected error occurred. Please try again later.',
  maintenancePage: '<html><head><title>CostTracker - Maintenance</title></head><body><h1>CostTracker is being updated</h1></body></html>',
  unauthorized: 'the API token has been revoked', // a bearer API has no session: the closest is a token just revoked
};

function applyFault(fault: Fault, res: ServerResponse, store: Store): Promise<boolean> {
  return answerRestFault(fault, res, store.now(), FAULT_TEXTS);
}
