/**
 * The REST API of connectors/duell/README.md: routes under the base path, the customer number and token in
 * their headers, `limit` + `cursor` paging, changed-since and from-number reads, upserts of customers and
 * products, the Z-reports' PDFs, injected faults, error bodies `{ error: { code, message, field? } }`.
 * Admin JSON is under /admin.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, sendText } from '../shared/http';
import { readJsonBody, restFront, routeOf, type RestApiDeps } from '../shared/restFront';
import { answerRestFault, corruptField, type RestFault as Fault } from '../shared/restFaults';
import { renderCustomer, renderInvoiceBasis, renderProduct, renderZReport, type AccountRecord } from './model';
import { changedKey, listQuery, page, type ListQuery } from './paging';
import { ApiError, type Store } from './store';
import { upsertCustomer, upsertProduct } from './upserts';

/** The header names of our model [INFERRED]; the connector's defaults (connectors/duell/config.ts). */
export const AUTH_HEADERS = { customerNumber: 'x-customer-number', token: 'x-token' } as const;

export type ApiDeps = RestApiDeps<Store>;

interface Call {
  store: Store;
  account: AccountRecord;
  params: string[];
  query: URLSearchParams;
  body: unknown;
}

type Answer = { json: unknown } | { pdf: Buffer };

interface Route {
  method: 'GET' | 'POST';
  path: RegExp;
  /** Operation name: for faults (FaultSpec.operation) and call counts; the connector's operation names. */
  op: string;
  handle(call: Call): Answer;
}

const since = (q: ListQuery) => (item: { changedAt: string }) => q.changedSince === undefined || Date.parse(item.changedAt) >= Date.parse(q.changedSince);

function departmentOf(account: AccountRecord, id: string) {
  const department = account.departments.get(id);
  if (!department) throw new ApiError(404, 'department_not_found', `department ${id} does not exist for customer ${account.customerNumber}`);
  return department;
}

const ROUTES: Route[] = [
  {
    method: 'GET', path: /^\/departments$/, op: 'departments',
    handle: ({ account, query }) => ({ json: page([...account.departments.values()], (d) => [0, d.id], listQuery(query), (d) => d) }),
  },
  {
    method: 'GET', path: /^\/departments\/([^/]+)\/daily-settlements$/, op: 'daily-settlements', handle: ({ account, params, query }) => {
      const q = listQuery(query);
      if (q.fromNumber !== undefined && q.changedSince !== undefined) {
        throw new ApiError(400, 'validation_failed', 'give fromNumber or changedSince, not both', 'fromNumber');
      }
      const series = (account.zReports.get(departmentOf(account, params[0]!).id) ?? [])
        .filter((s) => (q.fromNumber === undefined || s.report.number >= q.fromNumber) && since(q)(s));
      // By number, or by the time stored when read by it: either way the series' order.
      const key = q.changedSince === undefined
        ? (s: (typeof series)[number]) => [s.report.number, ''] as [number, string]
        : (s: (typeof series)[number]) => changedKey(s.changedAt, String(s.report.number).padStart(10, '0'));
      return { json: page(series, key, q, renderZReport) };
    },
  },
  {
    method: 'GET', path: /^\/files\/([^/]+)$/, op: 'z-report-pdf', handle: ({ account, params }) => {
      const pdf = account.pdfs.get(params[0]!);
      if (!pdf) throw new ApiError(404, 'file_not_found', `file ${params[0]} does not exist`);
      return { pdf };
    },
  },
  {
    method: 'GET', path: /^\/invoice-bases$/, op: 'invoice-bases', handle: ({ account, query }) => {
      const q = listQuery(query);
      const department = query.get('departmentId') ?? undefined;
      const found = [...account.invoiceBases.values()].filter((b) => since(q)(b) && (department === undefined || b.departmentId === department));
      return { json: page(found, (b) => changedKey(b.changedAt, b.id), q, renderInvoiceBasis) };
    },
  },
  {
    method: 'GET', path: /^\/customers$/, op: 'customers', handle: ({ account, query }) => {
      const q = listQuery(query);
      return { json: page([...account.customers.values()].filter(since(q)), (c) => changedKey(c.changedAt, c.number), q, renderCustomer) };
    },
  },
  {
    method: 'GET', path: /^\/products$/, op: 'products', handle: ({ account, query }) => {
      const q = listQuery(query);
      return { json: page([...account.products.values()].filter(since(q)), (p) => changedKey(p.changedAt, p.number), q, renderProduct) };
    },
  },
  { method: 'POST', path: /^\/customers$/, op: 'upsert-customer', handle: ({ store, account, body }) => ({ json: renderCustomer(upsertCustomer(store, account, body)) }) },
  { method: 'POST', path: /^\/products$/, op: 'upsert-product', handle: ({ store, account, body }) => ({ json: renderProduct(upsertProduct(store, account, body)) }) },
];

/** `basePath`: where the API lives under the sandbox's URL, as /v1 under https://api.duell.no. */
export function createApiHandler(deps: ApiDeps, basePath: string): (req: IncomingMessage, res: ServerResponse) => void {
  return restFront(deps.admin, (req, res, url) => handle(deps, basePath, req, res, url),
    (res, message) => sendJson(res, 500, { error: { code: 'internal_error', message } }));
}

async function handle(deps: ApiDeps, basePath: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  let lost = false;
  try {
    const rest = url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : undefined;
    const route = routeOf(ROUTES, rest, req.method);
    if (route === 'notFound') throw new ApiError(404, 'not_found', `no such resource ${url.pathname}`);
    if (route === 'notAllowed') throw new ApiError(405, 'method_not_allowed', `${req.method} is not allowed on ${url.pathname}`);

    const fault = deps.faults.take(route.op) as Fault | undefined;
    if (fault && (await applyFault(fault, res, deps.store))) return;
    lost = fault?.kind === 'lostResponse';
    const account = authorize(deps.store, req);
    deps.store.count(route.op);
    const body = req.method === 'POST' ? await jsonBody(req, deps.maxRequestBytes) : undefined;
    const params = route.path.exec(rest!)!.slice(1).map(decodeURIComponent);
    const answer = route.handle({ store: deps.store, account, params, query: url.searchParams, body });
    if (lost) return void req.socket.destroy(); // done, but the caller never hears of it
    if ('pdf' in answer) return sendPdf(res, answer.pdf, fault);
    sendJson(res, 200, fault?.kind === 'malformed' ? corruptField(answer.json, fault) : answer.json);
  } catch (err) {
    if (lost) return void req.socket.destroy();
    if (!(err instanceof ApiError)) throw err;
    sendJson(res, err.status, { error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) } });
  }
}

function authorize(store: Store, req: IncomingMessage): AccountRecord {
  const customerNumber = header(req, AUTH_HEADERS.customerNumber);
  const token = header(req, AUTH_HEADERS.token);
  if (!customerNumber || !token) {
    throw new ApiError(401, 'unauthorized', `the ${AUTH_HEADERS.customerNumber} and ${AUTH_HEADERS.token} headers are required (Backoffice > API-oppsett)`);
  }
  const account = store.account(customerNumber);
  // One answer for both, as login forms do: which of the two is wrong is not told to a guesser.
  if (!account || account.token !== token) throw new ApiError(401, 'unauthorized', 'unknown customer number or token');
  return account;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}

function jsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  return readJsonBody(req, limit, {
    tooLarge: (message) => new ApiError(413, 'payload_too_large', message),
    notJson: () => new ApiError(400, 'validation_failed', 'the body is not valid JSON'),
  });
}

function sendPdf(res: ServerResponse, pdf: Buffer, fault: Fault | undefined): void {
  if (fault?.kind === 'malformed') return sendText(res, 200, 'text/html; charset=utf-8', '<html><body>Rapporten finnes ikke</body></html>');
  res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': pdf.length });
  res.end(pdf);
}

const FAULT_TEXTS = {
  internalError: 'Det oppstod en feil. Prøv igjen senere.',
  maintenancePage: '<html><head><title>DUELL - Vedlikehold</title></head><body><h1>DUELL oppdateres</h1></body></html>',
  unauthorized: 'unknown customer number or token', // a token renewed in Backoffice meanwhile
};

/** The shared answers; a 'malformed' PDF is the PDF route's own (HTML where the PDF should be). */
function applyFault(fault: Fault, res: ServerResponse, store: Store): Promise<boolean> {
  if (fault.kind === 'malformed' && fault.operation === 'z-report-pdf') return Promise.resolve(false);
  return answerRestFault(fault, res, store.now(), FAULT_TEXTS);
}
