/**
 * What an injected fault does to a REST sandbox whose errors are `{ error: { code, message } }` (CostTracker and
 * DUELL in our models): the answers each kind gives, with the system's own words, and the 'malformed' fault that
 * breaks one field of a real answer. Which fault a call takes is the shared registry's (./faults.ts).
 */
import type { ServerResponse } from 'node:http';
import type { ArmedFault, FaultSpec } from './faults';
import { sendJson, sendText, sleep } from './http';

/** A fault as tests arm it: the shared kinds, plus the Retry-After of a 429 and the field a 'malformed' fault breaks. */
export interface RestFaultSpec extends FaultSpec {
  retryAfterSeconds?: number;
  /** 'malformed' with a field: the real answer with this path (`amount`, `payments.0.amount`) of item `item` (default 0) of a page set to `value`. */
  field?: string;
  value?: unknown;
  item?: number;
}

export type RestFault = ArmedFault & RestFaultSpec;

/** The system's words for the answers a fault gives. */
export interface RestFaultTexts {
  internalError: string;
  /** The HTML a proxy or maintenance page sends instead of the API. */
  maintenancePage: string;
  /** A token revoked or renewed just before the call: the closest a token API has to an expired session. */
  unauthorized: string;
}

/** Applies an injected fault; true when it already answered (nothing was done). */
export async function answerRestFault(fault: RestFault, res: ServerResponse, now: Date, texts: RestFaultTexts): Promise<boolean> {
  switch (fault.kind) {
    case 'http500':
      sendJson(res, 500, { error: { code: 'internal_error', message: texts.internalError } });
      return true;
    case 'malformed':
    case 'doctype':
      if (fault.kind === 'malformed' && fault.field) return false;
      sendText(res, 200, 'text/html; charset=utf-8', texts.maintenancePage);
      return true;
    case 'oversized':
      sendJson(res, 200, { padding: 'x'.repeat(fault.sizeBytes ?? 25 * 1024 * 1024) });
      return true;
    case 'quarantine': {
      const seconds = fault.retryAfterSeconds ?? Math.max(1, Math.ceil(((fault.until ? Date.parse(fault.until) : now.getTime() + 30_000) - now.getTime()) / 1000));
      sendJson(res, 429, { error: { code: 'rate_limited', message: `too many requests; retry after ${seconds} s` } }, { 'Retry-After': String(seconds) });
      return true;
    }
    case 'sessionExpiry':
      sendJson(res, 401, { error: { code: 'unauthorized', message: texts.unauthorized } });
      return true;
    case 'slow':
      await sleep(fault.delayMs ?? 5000);
      return false;
    case 'lostResponse':
    case 'numbersTaken': // neither hands out numbers to collide on
      return false;
  }
}

/** A 'malformed' fault with a field: the answer as computed, then the field at the path (in item `item` of a page) set to `value`. */
export function corruptField(result: unknown, fault: RestFault): unknown {
  const value = fault.value === undefined ? 'not a number' : fault.value;
  const body = structuredClone(result) as Record<string, unknown>;
  const target = Array.isArray(body.items) ? (body.items as unknown[])[fault.item ?? 0] : body;
  const path = fault.field!.split('.');
  let at = target as Record<string, unknown>;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[path[path.length - 1]!] = value;
  return body;
}
