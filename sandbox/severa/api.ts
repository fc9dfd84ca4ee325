/**
 * Severa's REST API on loopback (other-systems.md §1): `/v1/…` and `/v1.0/…` alike, `POST /v1/token`, Bearer
 * tokens that expire, scopes per route (403 InsufficientApiScope), pageToken paging, ExceptionModel errors, the
 * heartbeat, and injected faults. Every answered call lands in the call log; admin JSON is under /admin.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonRouter } from '../shared/adminRouter';
import type { ArmedFault, FaultRegistry } from '../shared/faults';
import { sendJson, sendText, sleep } from '../shared/http';
import { readJsonBody, restFront } from '../shared/restFront';
import type { SeveraFaultSpec } from './admin';
import type { IssuedToken } from './model';
import { setAt } from './render';
import { ROUTES, type Answer } from './routes';
import { SeveraError, type Store } from './store';

export interface ApiDeps {
  store: Store;
  faults: FaultRegistry;
  admin: JsonRouter;
  maxRequestBytes: number;
}

/** An armed fault with Severa's extras (Retry-After, the field a 'malformed' fault breaks). */
type SeveraFault = ArmedFault & SeveraFaultSpec;

const DEFAULT_ROW_COUNT = 20;
const MAX_ROW_COUNT = 100;

export function createApiHandler(deps: ApiDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return restFront(deps.admin, (req, res, url) => handle(deps, req, res, url),
    (res, message) => sendError(res, new SeveraError(500, 'InternalSystemError', message)));
}

async function handle(deps: ApiDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (url.pathname.startsWith('/heartbeat/')) return void sendText(res, 200, 'text/plain; charset=utf-8', 'OK');
  const rest = /^\/v1(?:\.0)?(\/.*)$/i.exec(url.pathname)?.[1];
  const route = rest ? ROUTES.find((r) => r.path.test(rest) && r.method === req.method) : undefined;
  const op = rest === '/token' && req.method === 'POST' ? 'token' : route?.op ?? 'unknown';
  const clientHeader = req.headers['client_id'];
  const log = { operation: op, method: req.method ?? 'GET', path: url.pathname, clientId: typeof clientHeader === 'string' ? clientHeader : undefined };
  const answer = (status: number, send: () => void) => { send(); deps.store.record({ ...log, status }); };

  let lost = false;
  let fault: SeveraFault | undefined;
  try {
    if (op === 'unknown') throw new SeveraError(404, 'InvalidParameter', 'Resource not found');
    fault = deps.faults.take(op) as SeveraFault | undefined;
    if (fault && (await applyFault(fault, deps, res, log))) return;
    lost = fault?.kind === 'lostResponse';
    const body = req.method === 'GET' ? undefined : await jsonBody(req, deps.maxRequestBytes);
    if (op === 'token') {
      const issued = token(deps.store, body);
      log.clientId = issued.clientId;
      if (lost) return void req.socket.destroy();
      return answer(200, () => sendJson(res, 200, issued.body));
    }
    const auth = authorize(deps.store, req, route!.scope);
    log.clientId = auth.clientId;
    const org = deps.store.organizations.get(auth.organizationGuid)!;
    const result = route!.handle({ store: deps.store, org, params: route!.path.exec(rest!)!.slice(1).map(decodeURIComponent), query: url.searchParams, body });
    if (lost) { deps.store.record({ ...log, status: 0 }); return void req.socket.destroy(); } // done, but the caller never hears of it
    const page = paginate(result, url.searchParams);
    const sent = fault?.kind === 'malformed' ? corrupt(page.body, fault) : page.body;
    answer(result.status, () => sendJson(res, result.status, sent, page.headers));
  } catch (err) {
    if (lost) return void req.socket.destroy();
    if (!(err instanceof SeveraError)) throw err;
    answer(err.status, () => sendError(res, err));
  }
}

function token(store: Store, body: unknown): { clientId: string; body: unknown } {
  // The .NET binding is case-insensitive: client_id, client_Id and Client_Id all work (other-systems.md §1).
  const fields = new Map(Object.entries((body ?? {}) as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), v]));
  const clientId = String(fields.get('client_id') ?? '');
  const client = store.clients.get(clientId);
  if (!client || client.clientSecret !== String(fields.get('client_secret') ?? '')) {
    throw new SeveraError(401, 'AuthenticationRequired', 'Invalid client credentials.');
  }
  const scope = fields.get('scope');
  const requested = typeof scope === 'string' && scope.trim() ? scope.split(/[\s,]+/).filter(Boolean) : undefined;
  const { token: accessToken, issued, lifetime } = store.issueToken(client, requested);
  const expires = new Date(issued.expiresAt).toISOString();
  return {
    clientId,
    body: {
      access_token: accessToken, access_token_type: 'Bearer', access_token_expires_in: lifetime, access_token_expires_utc: expires,
      refresh_token: `ref_${accessToken.slice(4)}`, refresh_token_expires_in: 30 * 24 * 3600,
      refresh_token_expires_utc: new Date(issued.expiresAt + 30 * 24 * 3600 * 1000).toISOString(), scope: issued.scopes.join(' '),
    },
  };
}

function authorize(store: Store, req: IncomingMessage, scope: string): IssuedToken {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
  const issued = bearer ? store.tokens.get(bearer) : undefined;
  if (!issued || issued.expiresAt <= store.now().getTime()) {
    if (issued) store.tokens.delete(bearer!);
    throw new SeveraError(401, 'AuthenticationRequired', bearer ? 'The access token is invalid or has expired.' : 'Authentication required.');
  }
  // Bearer alone works; a Client_Id header, when sent, must be the token's client (other-systems.md §1 [I]).
  const clientHeader = req.headers['client_id'];
  if (typeof clientHeader === 'string' && clientHeader !== issued.clientId) throw new SeveraError(401, 'AuthenticationRequired', 'Client_Id does not match the access token.');
  if (!issued.scopes.includes(scope)) throw new SeveraError(403, 'InsufficientApiScope', `Insufficient API scope. The operation requires scope '${scope}'.`);
  return issued;
}

/** Severa's paging: rowCount (default 20, max 100) with pageToken and a NextPageToken header, or firstRow offsets. */
function paginate(answer: Answer, query: URLSearchParams): { body: unknown; headers: Record<string, string> } {
  if (!answer.list) return { body: answer.body, headers: {} };
  const items = answer.body as unknown[];
  const rowCount = Number(query.get('rowCount') ?? DEFAULT_ROW_COUNT);
  if (!Number.isInteger(rowCount) || rowCount < 1 || rowCount > MAX_ROW_COUNT) {
    throw new SeveraError(400, 'InvalidParameter', `The value '${query.get('rowCount')}' is not valid for rowCount. It must be between 1 and ${MAX_ROW_COUNT}.`);
  }
  const start = answer.offsetPaged ? Number(query.get('firstRow') ?? 0) : offsetOf(query.get('pageToken'));
  if (!Number.isInteger(start) || start < 0) throw new SeveraError(400, 'InvalidParameter', 'The paging parameters are not valid.');
  const page = items.slice(start, start + rowCount);
  const more = !answer.offsetPaged && start + rowCount < items.length;
  return { body: page, headers: more ? { NextPageToken: Buffer.from(`offset:${start + rowCount}`).toString('base64url') } : {} };
}

function offsetOf(pageToken: string | null): number {
  if (!pageToken) return 0;
  const m = /^offset:(\d+)$/.exec(Buffer.from(pageToken, 'base64url').toString('utf8'));
  if (!m) throw new SeveraError(400, 'InvalidParameter', `The value '${pageToken}' is not valid for pageToken.`);
  return Number(m[1]);
}

function corrupt(body: unknown, fault: SeveraFault): unknown {
  const value = fault.value === undefined ? 'not a number' : fault.value;
  if (!fault.field) return body;
  if (!Array.isArray(body)) return setAt(body as Record<string, unknown>, fault.field, value);
  const i = fault.item ?? 0;
  return body.map((item, n) => (n === i ? setAt(item as Record<string, unknown>, fault.field!, value) : item));
}

/** Applies a fault before the call is handled; true when it already answered. */
async function applyFault(fault: SeveraFault, deps: ApiDeps, res: ServerResponse, log: { operation: string; method: string; path: string }): Promise<boolean> {
  const record = (status: number) => deps.store.record({ ...log, status });
  switch (fault.kind) {
    case 'http500':
      sendError(res, new SeveraError(500, 'InternalSystemError', 'An unexpected error occurred.'));
      record(500);
      return true;
    case 'quarantine': {
      const seconds = fault.retryAfterSeconds ?? (fault.until ? Math.max(1, Math.ceil((Date.parse(fault.until) - deps.store.now().getTime()) / 1000)) : 30);
      sendError(res, new SeveraError(429, 'TooManyRequests', `Rate limit exceeded. Try again in ${seconds} seconds.`), { 'Retry-After': String(seconds) });
      record(429);
      return true;
    }
    case 'malformed':
    case 'doctype':
      if (fault.field) return false; // the answer is computed, then one field broken
      sendText(res, 200, 'text/html; charset=utf-8', '<html><head><title>Visma Severa - Service break</title></head><body><h1>Severa is being updated</h1></body></html>');
      record(200);
      return true;
    case 'oversized':
      sendJson(res, 200, { padding: 'x'.repeat(fault.sizeBytes ?? 25 * 1024 * 1024) });
      record(200);
      return true;
    case 'sessionExpiry':
      deps.store.expireTokens();
      return false;
    case 'slow':
      await sleep(fault.delayMs ?? 5000);
      return false;
    case 'lostResponse':
    case 'numbersTaken':
      return false;
  }
}

/** Severa's ExceptionModel. */
function sendError(res: ServerResponse, err: SeveraError, headers: Record<string, string> = {}): void {
  sendJson(res, err.status, { error: { httpStatusCode: err.status, type: err.type, details: [{ message: err.message }], stack: null } }, headers);
}

function jsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  return readJsonBody(req, limit, {
    tooLarge: (message) => new SeveraError(413, 'InvalidRequest', message),
    notJson: () => new SeveraError(400, 'InvalidRequest', 'The request body is not valid JSON.'),
  });
}
