/**
 * A tiny JSON router for sandbox admin APIs (/admin/...): method + path pattern with `:params`, JSON body in,
 * JSON out. Handlers throw AdminError for 4xx answers; anything else is a 500 with the message.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { PayloadTooLargeError, readBody, sendJson } from './http';

export class AdminError extends Error {
  override readonly name = 'AdminError';
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export interface AdminRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

export type AdminHandler = (req: AdminRequest) => unknown | Promise<unknown>;

interface Route {
  method: string;
  parts: string[];
  handler: AdminHandler;
}

export class JsonRouter {
  private routes: Route[] = [];

  constructor(private readonly maxBodyBytes = 1024 * 1024) {}

  on(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', pattern: string, handler: AdminHandler): this {
    this.routes.push({ method, parts: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  /** Handles the request when a route matches the path (answering 405 for a known path with another method); false otherwise. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const matches = this.routes
      .map((route) => ({ route, params: match(route.parts, segments) }))
      .filter((m): m is { route: Route; params: Record<string, string> } => m.params !== undefined);
    if (matches.length === 0) return false;
    const hit = matches.find((m) => m.route.method === req.method);
    if (!hit) {
      sendJson(res, 405, { error: `${req.method} not allowed on ${url.pathname}` });
      return true;
    }
    try {
      const raw = req.method === 'GET' ? Buffer.alloc(0) : await readBody(req, this.maxBodyBytes);
      let body: unknown = undefined;
      if (raw.length > 0) {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          throw new AdminError(400, 'body is not valid JSON');
        }
      }
      const result = await hit.route.handler({ params: hit.params, query: url.searchParams, body });
      sendJson(res, 200, result ?? { ok: true });
    } catch (err) {
      if (err instanceof AdminError) sendJson(res, err.status, { error: err.message });
      else if (err instanceof PayloadTooLargeError) sendJson(res, 413, { error: err.message });
      else sendJson(res, 500, { error: err instanceof Error ? err.message : String(err) });
    }
    return true;
  }
}

function match(parts: string[], segments: string[]): Record<string, string> | undefined {
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.startsWith(':')) params[part.slice(1)] = segments[i]!;
    else if (part !== segments[i]) return undefined;
  }
  return params;
}

/** Narrow an unknown JSON body to an object or fail with 400. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AdminError(400, 'expected a JSON object body');
  return body as Record<string, unknown>;
}

/** Runs an admin operation; what it throws becomes a 400 naming the problem, unless it already is an AdminError. */
export function adminCall<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof AdminError) throw err;
    throw new AdminError(400, err instanceof Error ? err.message : String(err));
  }
}

/** An admin input checked with its schema; a mismatch is a 400 naming the first field (`0.amount: …`). */
export function adminInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new AdminError(400, `${issue.path.map(String).join('.') || 'input'}: ${issue.message}`);
}

/** The list of a bulk admin body `{ "items": [ … ] }`. */
export function itemsBody(body: unknown): unknown[] {
  const list = objectBody(body ?? {}).items;
  if (!Array.isArray(list)) throw new AdminError(400, 'expected { "items": [ … ] }');
  return list;
}
