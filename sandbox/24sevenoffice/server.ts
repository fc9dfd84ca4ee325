/**
 * The HTTP front: admin JSON under /admin, WSDLs at `<path>?WSDL`, SOAP POSTs dispatched by SOAPAction (§1,
 * "route on both namespaces"), with the rate limit (§11), injected faults, a body-size bound and a DTD guard.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonRouter } from '../shared/adminRouter';
import type { ArmedFault, FaultRegistry } from '../shared/faults';
import { cookieValue, PayloadTooLargeError, readBody, sendJson, sendText, sleep } from '../shared/http';
import { hasDtd, UnsafeXmlError } from '../shared/xmlGuard';
import { decodeFields, encodeFields, XmlDocumentError } from './codec';
import { bodyElement, contentTypeOf, faultEnvelope, responseEnvelope, SoapFault, soapVersionOf, unreadable, type SoapVersion } from './envelope';
import type { OpContext } from './ops/context';
import { quarantineMessage, type RateLimiter } from './rateLimit';
import { loadServices, wsdlFor, type ServiceDef } from './services';
import type { Store } from './store';

export interface ServerDeps {
  store: Store;
  limiter: RateLimiter;
  faults: FaultRegistry;
  admin: JsonRouter;
  maxRequestBytes: number;
  onRequest?: (request: RecordedRequest) => void;
}

const ASPNET_HEADERS = { 'Cache-Control': 'private, max-age=0', 'X-AspNet-Version': '4.0.30319', 'X-Powered-By': 'ASP.NET' };
const IIS_500 = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"><html><head><title>500 - Internal server error.</title></head><body><h2>500 - Internal server error.</h2><h3>There is a problem with the resource you are looking for, and it cannot be displayed.</h3></body></html>';

export interface RecordedRequest {
  /** The service's WSDL file name, e.g. transactionService.wsdl (the same name in ../shared/reference). */
  wsdl: string;
  soapAction: string;
  xml: string;
}

export function createRequestHandler(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const services = loadServices();
  const byPath = new Map(services.map((s) => [s.path.toLowerCase(), s]));
  return (req, res) => {
    handle(deps, byPath, req, res).catch((err: unknown) => {
      if (!res.headersSent) sendText(res, 500, 'text/plain; charset=utf-8', String(err));
      else res.destroy();
    });
  };
}

async function handle(deps: ServerDeps, byPath: Map<string, ServiceDef>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  if (url.pathname === '/admin' || url.pathname.startsWith('/admin/')) {
    if (!(await deps.admin.handle(req, res, url))) sendJson(res, 404, { error: `no admin route ${req.method} ${url.pathname}` });
    return;
  }
  const service = byPath.get(url.pathname.toLowerCase());
  if (!service) return sendText(res, 404, 'text/html; charset=utf-8', '<html><body><h2>The resource cannot be found.</h2></body></html>');
  if (req.method === 'GET') {
    if ([...url.searchParams.keys()].some((k) => k.toLowerCase() === 'wsdl')) {
      return sendText(res, 200, 'text/xml; charset=utf-8', wsdlFor(service, `http://${req.headers.host ?? 'localhost'}`), ASPNET_HEADERS);
    }
    const ops = [...service.schema.soapActions.keys()].map((op) => `<li>${op}</li>`).join('');
    return sendText(res, 200, 'text/html; charset=utf-8', `<html><body><h1>${service.file.replace('.wsdl', '')} (ledgerbridge sandbox)</h1><ul>${ops}</ul><a href="?WSDL">Service Description</a></body></html>`);
  }
  if (req.method !== 'POST') return sendText(res, 405, 'text/plain', 'Method Not Allowed');
  const version = soapVersionOf(req.headers['content-type']);
  let body: Buffer;
  try {
    body = await readBody(req, deps.maxRequestBytes);
  } catch (err) {
    if (err instanceof PayloadTooLargeError) return sendText(res, 413, 'text/html; charset=utf-8', '<html><body><h2>413 - Request Entity Too Large</h2></body></html>', { Connection: 'close' });
    throw err;
  }
  const headers: Record<string, string> = { ...ASPNET_HEADERS };
  let lost = false;
  try {
    const xml = body.toString('utf8');
    deps.onRequest?.({ wsdl: service.file, soapAction: String(req.headers.soapaction ?? '').replace(/^"|"$/g, ''), xml });
    if (hasDtd(xml)) throw unreadable(new UnsafeXmlError('For security reasons DTD is prohibited in this XML document.'));
    const opName = operationOf(service, req, version, xml);
    const el = bodyElement(xml, version);
    if (el.local !== opName || el.ns !== service.schema.targetNamespace) throw unreadable(new XmlDocumentError(`<${el.local} xmlns='${el.ns}'> was not expected.`));
    let args: Record<string, unknown>;
    try {
      args = decodeFields(service.schema, service.schema.elements.get(opName) ?? [], el);
    } catch (err) {
      throw err instanceof XmlDocumentError ? unreadable(err) : err;
    }

    const sessionId = cookieValue(req, 'ASP.NET_SessionId');
    const key = rateKey(deps.store, sessionId, args, req);
    deps.store.notify(opName, 'received'); // before the faults: a watcher may arm one for this very call
    const fault = deps.faults.take(opName);
    if (fault) {
      const answered = await applyFault(deps, fault, res, { opName, namespace: service.schema.targetNamespace, version, sessionId, key });
      if (answered) return;
      lost = fault.kind === 'lostResponse';
    }
    const verdict = deps.limiter.hit(key);
    headers.APILimitRemaining = String(verdict.remaining);
    headers.APILimitReset = verdict.resetAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
    if (verdict.blocked) throw new SoapFault(quarantineMessage(verdict.exceededBy, verdict.quarantineEnds!));
    deps.store.count(opName);

    const ctx: OpContext = { store: deps.store, now: deps.store.now(), session: deps.store.session(sessionId), anotherWriterFirst: fault?.kind === 'numbersTaken' };
    const result = service.ops[opName]!(ctx, args);
    deps.store.notify(opName, 'handled');
    if (ctx.newSessionId) headers['Set-Cookie'] = `ASP.NET_SessionId=${ctx.newSessionId}; path=/; HttpOnly; SameSite=Lax`;
    const fields = service.schema.elements.get(`${opName}Response`) ?? [];
    const inner = encodeFields(service.schema, fields, fields[0] ? { [fields[0].name]: result } : {});
    if (lost) return void req.socket.destroy(); // committed, but the caller never hears of it
    sendText(res, 200, contentTypeOf(version), responseEnvelope(version, opName, service.schema.targetNamespace, inner), headers);
  } catch (err) {
    if (lost) return void req.socket.destroy();
    // An exception inside a web method reaches the wire as a soap:Server fault (§11).
    const fault = err instanceof SoapFault ? err : new SoapFault(err instanceof Error ? err.message : String(err));
    sendText(res, 500, contentTypeOf(version), faultEnvelope(version, fault), headers);
  }
}

/** SOAP 1.1 routes by the SOAPAction header (ASMX default); SOAP 1.2 by the action parameter or body element. */
function operationOf(service: ServiceDef, req: IncomingMessage, version: SoapVersion, xml: string): string {
  const header = version === '1.1' ? String(req.headers.soapaction ?? '') : (/action="?([^";]+)"?/i.exec(req.headers['content-type'] ?? '')?.[1] ?? '');
  const action = header.replace(/^"|"$/g, '');
  const op = service.byAction.get(action);
  if (op) return op;
  if (version === '1.2' && action === '') return bodyElement(xml, version).local;
  throw new SoapFault(`Server did not recognize the value of HTTP Header SOAPAction: ${action}.`, 'Client', false);
}

/** [INFERRED] the budget belongs to the integration's login (community user); anonymous calls count per IP. */
function rateKey(store: Store, sessionId: string | undefined, args: Record<string, unknown>, req: IncomingMessage): string {
  const session = store.session(sessionId, false);
  if (session) return `user:${session.username.toLowerCase()}`;
  const username = (args.credential as Record<string, unknown> | undefined)?.Username;
  if (typeof username === 'string') return `user:${username.toLowerCase()}`;
  return `ip:${req.socket.remoteAddress ?? '?'}`;
}

interface FaultTarget {
  opName: string;
  namespace: string;
  version: SoapVersion;
  sessionId?: string;
  key: string;
}

/** Applies an injected fault; true when it already answered (nothing was done). */
async function applyFault(deps: ServerDeps, fault: ArmedFault, res: ServerResponse, t: FaultTarget): Promise<boolean> {
  switch (fault.kind) {
    case 'http500':
      sendText(res, 500, 'text/html; charset=utf-8', IIS_500);
      return true;
    case 'malformed':
      sendText(res, 200, 'text/html; charset=utf-8', '<html><head><title>Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>The service is temporarily down for maintenance.</p></body></html>');
      return true;
    case 'doctype': {
      const inner = responseEnvelope(t.version, t.opName, t.namespace, '').replace('<?xml version="1.0" encoding="utf-8"?>', '');
      sendText(res, 200, contentTypeOf(t.version), `<?xml version="1.0" encoding="utf-8"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>${inner}`);
      return true;
    }
    case 'oversized': {
      const size = fault.sizeBytes ?? 11 * 1024 * 1024;
      const head = responseEnvelope(t.version, t.opName, t.namespace, '<!--');
      const [before, after] = [head.slice(0, head.indexOf('<!--') + 4), head.slice(head.indexOf('<!--') + 4)];
      res.writeHead(200, { 'Content-Type': contentTypeOf(t.version) });
      res.write(before);
      const chunk = 'x'.repeat(64 * 1024);
      for (let written = 0; written < size; written += chunk.length) if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
      res.end(`-->${after}`);
      return true;
    }
    case 'slow':
      await sleep(fault.delayMs ?? 5000);
      return false;
    case 'sessionExpiry':
      if (t.sessionId) deps.store.expireSessions(t.sessionId);
      return false;
    case 'quarantine':
      deps.limiter.quarantine(t.key, fault.until ? new Date(fault.until) : deps.limiter.endOfHour());
      return false;
    case 'lostResponse':
    case 'numbersTaken': // the operation itself lets the other writer in first
      return false;
  }
}
