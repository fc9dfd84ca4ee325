/**
 * What every REST sandbox does before its own API: /admin/… goes to its admin router, the rest to its handler;
 * a throw the handler did not turn into an API error is answered 500 in the sandbox's own error shape (or the
 * connection is dropped when the answer had already begun). And the route of a request, and its JSON body, bounded.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonRouter } from './adminRouter';
import type { FaultRegistry } from './faults';
import { PayloadTooLargeError, readBody, sendJson } from './http';

/** What a REST sandbox's API handler is made of: its state, its faults, its admin routes and its bound on a body. */
export interface RestApiDeps<Store> {
  store: Store;
  faults: FaultRegistry;
  admin: JsonRouter;
  maxRequestBytes: number;
}

export function restFront(
  admin: JsonRouter,
  api: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>,
  internalError: (res: ServerResponse, message: string) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    if (url.pathname === '/admin' || url.pathname.startsWith('/admin/')) {
      if (!(await admin.handle(req, res, url))) sendJson(res, 404, { error: `no admin route ${req.method} ${url.pathname}` });
      return;
    }
    await api(req, res, url);
  };
  return (req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      internalError(res, err instanceof Error ? err.message : String(err));
    });
  };
}

/** The body as JSON, undefined when empty; a body over `limit` or not JSON becomes the sandbox's own error. */
export async function readJsonBody(req: IncomingMessage, limit: number, errors: { tooLarge(message: string): Error; notJson(): Error }): Promise<unknown> {
  let raw: Buffer;
  try {
    raw = await readBody(req, limit);
  } catch (err) {
    if (err instanceof PayloadTooLargeError) throw errors.tooLarge(err.message);
    throw err;
  }
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw errors.notJson();
  }
}

/** The route for the path after the API's prefix and the method; a known path with another method is `notAllowed`. */
export function routeOf<R extends { method: string; path: RegExp }>(routes: readonly R[], rest: string | undefined, method: string | undefined): R | 'notFound' | 'notAllowed' {
  const candidates = rest === undefined ? [] : routes.filter((r) => r.path.test(rest));
  if (candidates.length === 0) return 'notFound';
  return candidates.find((r) => r.method === method) ?? 'notAllowed';
}
