/**
 * One JSON request of a REST connector, the way every one of them makes it: through ./externalCall.ts (the
 * tenant's request budget, metrics), the body serialised with its length, the bounded exchange (./http.ts) with
 * the connection's bounds, a transport failure re-worded to name the call and the tenant, and a debug line with the time it took.
 */
import { ConnectorError } from '../errors';
import type { ConnectorContext, SystemName } from '../types';
import { externalCall } from './externalCall';
import { boundedRequest, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS, type BoundedResponse } from './http';

export interface JsonExchange {
  system: SystemName;
  operation: string;
  /** How messages name the call: "Telaris documents (tenant acme-as, Telaris company 1001)". */
  at: string;
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  /** Auth and the like; Accept and the content headers are added here. */
  headers: Record<string, string>;
  /** Sent as JSON; undefined = no body. */
  body?: unknown;
  timeoutMs?: number;
  maxResponseBytes?: number;
}

export async function exchangeJson(ctx: ConnectorContext, req: JsonExchange): Promise<BoundedResponse> {
  const text = req.body === undefined ? undefined : JSON.stringify(req.body);
  const started = Date.now();
  const res = await externalCall(ctx, req.system, () => boundedRequest({
    url: req.url,
    method: req.method,
    headers: {
      Accept: 'application/json',
      ...req.headers,
      ...(text === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) }),
    },
    body: text,
    timeoutMs: req.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBytes: req.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
  }), (answer) => answer.status).catch((err: unknown) => {
    if (err instanceof ConnectorError) throw new ConnectorError(err.type, `${req.at}: ${err.message}`, { cause: err });
    throw err;
  });
  ctx.log.debug(`${req.system} call`, { operation: req.operation, method: req.method, status: res.status, ms: Date.now() - started });
  return res;
}

/** The parsed JSON of a body, undefined when it is not JSON (an error page a proxy sent). */
export function safeJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The JSON of a 2xx answer, undefined when empty; anything else is MalformedResponse quoting its start. `at` names the call. */
export function jsonAnswer(body: Buffer, at: string, vendor: string): unknown {
  if (body.length === 0) return undefined;
  const parsed = safeJson(body);
  if (parsed === undefined) {
    const start = body.subarray(0, 80).toString('utf8').replace(/\s+/g, ' ');
    throw new ConnectorError('MalformedResponse', `${at} answered with something that is not JSON ("${start}…"); a proxy or maintenance page ` +
      `may be in front of the API — try again later, or ask ${vendor} support if it persists`);
  }
  return parsed;
}
