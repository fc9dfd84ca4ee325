/**
 * The REST API of connectors/telaris/README.md: routes, bearer-token auth per company, paging, the batch and
 * export rules, injected faults, error bodies `{ error: { code, message, details? } }`. Admin JSON is under /admin.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonRouter } from '../shared/adminRouter';
import type { ArmedFault, FaultRegistry } from '../shared/faults';
import { sendJson, sendText, sleep } from '../shared/http';
import { readJsonBody, restFront, routeOf } from '../shared/restFront';
import type { WirePage } from './model';
import { osloDay, type Company, type Store } from './store';

export interface ApiDeps {
  store: Store;
  faults: FaultRegistry;
  admin: JsonRouter;
  maxRequestBytes: number;
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: Record<string, unknown>) {
    super(message);
  }
}

interface Call {
  store: Store;
  company: Company;
  params: string[];
  query: URLSearchParams;
  body: unknown;
  headers: IncomingMessage['headers'];
}

interface Route {
  method: 'GET' | 'POST';
  path: RegExp;
  /** Operation name: for faults (FaultSpec.operation) and call counts. */
  op: string;
  handle(call: Call): { status: number; body: unknown };
}

const MAX_PAGE_SIZE = 500;
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const ok = (body: unknown, status = 200) => ({ status, body });

const ROUTES: Route[] = [
  { method: 'GET', path: /^$/, op: 'company', handle: ({ company: c }) => ok({ companyNo: c.companyNo, name: c.name, organizationNumber: c.organizationNumber, currency: 'NOK' }) },
  { method: 'GET', path: /^\/batches\/open$/, op: 'openBatch', handle: ({ store, company }) => ok(store.wireOpen(company)) },
  {
    method: 'POST', path: /^\/batches\/close$/, op: 'closeBatch', handle: ({ store, company, headers }) => {
      const key = headers['idempotency-key'];
      const { batch, created } = store.close(company, typeof key === 'string' && key ? key : undefined);
      return ok(store.wireBatch(batch), created ? 201 : 200);
    },
  },
  {
    method: 'GET', path: /^\/batches$/, op: 'batches', handle: ({ store, company, query }) => {
      const period = query.get('period') ?? osloDay(store.now()).slice(0, 7);
      if (!PERIOD.test(period)) throw new ApiError(400, 'invalid_request', `period "${period}" is not YYYY-MM`);
      return ok({ items: company.batches.filter((b) => b.period === period).map((b) => store.wireBatch(b)) });
    },
  },
  { method: 'GET', path: /^\/batches\/(?!open$|close$)([^/]+)$/, op: 'batch', handle: ({ store, company, params }) => ok(store.wireBatch(batchOf(company, params[0]!))) },
  {
    method: 'GET', path: /^\/batches\/([^/]+)\/documents$/, op: 'documents', handle: ({ store, company, params, query }) => {
      if (params[0] === 'open') throw new ApiError(409, 'batch_open', 'the open batch has no documents for export yet; close it first');
      const batch = batchOf(company, params[0]!);
      return ok(paged(batch.entries, query, (e) => store.document(company, e)));
    },
  },
  {
    method: 'POST', path: /^\/batches\/([^/]+)\/export-confirmation$/, op: 'confirmExport', handle: ({ store, company, params, body }) => {
      if (params[0] === 'open') throw new ApiError(409, 'batch_open', 'the open batch cannot be exported; close it first');
      const reference = (body as { reference?: unknown } | undefined)?.reference;
      if (typeof reference !== 'string' || !reference.trim() || reference.length > 200) {
        throw new ApiError(400, 'invalid_request', 'body must be { "reference": "<1–200 characters>" }');
      }
      const batch = batchOf(company, params[0]!);
      const at = store.now().toISOString();
      if (batch.exportedAt) {
        company.confirmations.push({ batchId: batch.id, reference, at, outcome: 'already_exported' });
        throw new ApiError(409, 'already_exported', `batch ${batch.period} #${batch.sequence} was exported at ${batch.exportedAt}`,
          { exportedAt: batch.exportedAt, exportReference: batch.exportReference });
      }
      batch.exportedAt = at;
      batch.exportReference = reference;
      company.confirmations.push({ batchId: batch.id, reference, at, outcome: 'confirmed' });
      return ok(store.wireBatch(batch));
    },
  },
  { method: 'GET', path: /^\/customers$/, op: 'customers', handle: ({ company, query }) => ok(paged([...company.customers.values()], query, (c) => c)) },
  {
    method: 'GET', path: /^\/customers\/([^/]+)$/, op: 'customer', handle: ({ company, params }) => {
      const customer = company.customers.get(params[0]!);
      if (!customer) throw new ApiError(404, 'customer_not_found', `customer ${params[0]} does not exist`);
      return ok(customer);
    },
  },
];

function batchOf(company: Company, id: string) {
  const batch = company.batches.find((b) => b.id === id);
  if (!batch) throw new ApiError(404, 'batch_not_found', `batch ${id} does not exist in company ${company.companyNo}`);
  return batch;
}

function paged<T, U>(all: readonly T[], query: URLSearchParams, render: (item: T) => U): WirePage<U> {
  const page = Number(query.get('page') ?? 1);
  const pageSize = Number(query.get('pageSize') ?? 100);
  if (!Number.isInteger(page) || page < 1) throw new ApiError(400, 'invalid_request', `page must be a whole number from 1, not "${query.get('page')}"`);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new ApiError(400, 'invalid_request', `pageSize must be 1–${MAX_PAGE_SIZE}, not "${query.get('pageSize')}"`);
  }
  const items = all.slice((page - 1) * pageSize, page * pageSize).map(render);
  return { items, page, pageSize, totalItems: all.length, totalPages: Math.ceil(all.length / pageSize) };
}

export function createApiHandler(deps: ApiDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return restFront(deps.admin, (req, res, url) => handle(deps, req, res, url),
    (res, message) => sendJson(res, 500, { error: { code: 'internal_error', message } }));
}

async function handle(deps: ApiDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  let lost = false;
  try {
    const m = /^\/api\/v1\/companies\/([^/]+)(\/.*)?$/.exec(url.pathname);
    const rest = m ? m[2] ?? '' : undefined;
    const route = routeOf(ROUTES, rest, req.method);
    if (route === 'notFound') throw new ApiError(404, 'not_found', `no such resource ${url.pathname}`);
    if (route === 'notAllowed') throw new ApiError(405, 'method_not_allowed', `${req.method} is not allowed on ${url.pathname}`);

    const fault = deps.faults.take(route.op);
    if (fault) {
      if (await applyFault(fault, res, deps.store)) return;
      lost = fault.kind === 'lostResponse';
    }
    const company = authorize(deps.store, req, decodeURIComponent(m![1]!));
    deps.store.count(route.op);
    const body = req.method === 'POST' ? await jsonBody(req, deps.maxRequestBytes) : undefined;
    const params = route.path.exec(rest!)!.slice(1).map(decodeURIComponent);
    const result = route.handle({ store: deps.store, company, params, query: url.searchParams, body, headers: req.headers });
    if (lost) return void req.socket.destroy(); // done, but the caller never hears of it
    sendJson(res, result.status, result.body);
  } catch (err) {
    if (lost) return void req.socket.destroy();
    if (!(err instanceof ApiError)) throw err;
    sendJson(res, err.status, { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } });
  }
}

function authorize(store: Store, req: IncomingMessage, companyNo: string): Company {
  const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
  const companies = token ? store.tokens.get(token) : undefined;
  if (!companies) throw new ApiError(401, 'unauthorized', token ? 'the access token is not valid' : 'an Authorization: Bearer <token> header is required');
  const company = store.companies.get(companyNo);
  if (!company) throw new ApiError(404, 'company_not_found', `company ${companyNo} does not exist`);
  if (!companies.has(companyNo)) throw new ApiError(403, 'forbidden', `the access token does not give access to company ${companyNo}`);
  return company;
}

function jsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  return readJsonBody(req, limit, {
    tooLarge: (message) => new ApiError(413, 'payload_too_large', message),
    notJson: () => new ApiError(400, 'invalid_request', 'body is not valid JSON'),
  });
}

/** Applies an injected fault; true when it already answered (nothing was done). */
async function applyFault(fault: ArmedFault, res: ServerResponse, store: Store): Promise<boolean> {
  switch (fault.kind) {
    case 'http500':
      sendJson(res, 500, { error: { code: 'internal_error', message: 'An unexpected error occurred. Please try again later.' } });
      return true;
    case 'malformed':
    case 'doctype': // no XML here: an unparseable body is the closest REST equivalent
      sendText(res, 200, 'text/html; charset=utf-8', '<html><head><title>Telaris - Maintenance</title></head><body><h1>Telaris is being updated</h1><p>Please try again in a few minutes.</p></body></html>');
      return true;
    case 'oversized': {
      const size = fault.sizeBytes ?? 25 * 1024 * 1024;
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      res.write('{"padding":"');
      const chunk = 'x'.repeat(64 * 1024);
      for (let written = 0; written < size && !res.destroyed; written += chunk.length) if (!res.write(chunk)) await new Promise((r) => { res.once('drain', r); res.once('close', r); });
      res.end('"}');
      return true;
    }
    case 'quarantine': {
      const until = fault.until ? Date.parse(fault.until) : store.now().getTime() + 30_000;
      const seconds = Math.max(1, Math.ceil((until - store.now().getTime()) / 1000));
      res.setHeader('Retry-After', String(seconds));
      sendJson(res, 429, { error: { code: 'rate_limited', message: `too many requests; retry after ${seconds} s` } });
      return true;
    }
    case 'sessionExpiry': // a bearer API has no session: the closest is a token that just expired
      sendJson(res, 401, { error: { code: 'unauthorized', message: 'the access token has expired' } });
      return true;
    case 'slow':
      await sleep(fault.delayMs ?? 5000);
      return false;
    case 'lostResponse':
    case 'numbersTaken': // Telaris hands out no numbers to collide on
      return false;
  }
}
