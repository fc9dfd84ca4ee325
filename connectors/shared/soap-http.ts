/**
 * The HTTP client we hand to node-soap (its `httpClient` option), so that every SOAP response is checked before
 * soap's parser sees it: size bound and timeout (./http), a SOAP envelope at all, no DOCTYPE/ENTITY (./xml-guard).
 * soap then only ever parses a bounded, declaration-free envelope; everything else is a typed ConnectorError:
 *
 *   network error, timeout, HTTP 5xx without a fault  → Unavailable (retryable)
 *   HTTP 429 (burst throttling)                        → RateLimited, retry after Retry-After or 1 s
 *   not a SOAP envelope                                → MalformedResponse
 *   a SOAP envelope with DOCTYPE/ENTITY declarations   → UnsafeXml
 *   SOAP fault (any status)                            → passed to soap, which raises it with the fault parsed
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { IHttpClient } from 'soap';
import { ConnectorError } from '../errors';
import { boundedRequest, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS } from './http';
import { assertSafeXml, containsSoapFault, looksLikeSoapEnvelope } from './xml-guard';

export interface SoapHttpOptions {
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Sees every response's headers (e.g. to record a rate-limit header); must not throw. */
  onResponse?: (status: number, headers: IncomingHttpHeaders) => void;
}

type SoapCallback = (error: unknown, res?: unknown, body?: unknown) => unknown;

/**
 * Exchange option for a caller that parses a large answer itself (e.g. with a streaming parser): a guarded,
 * fault-free body goes to `takeBody` and soap gets ResponseTaken instead of the body, so it never builds its
 * own object tree of it. A fault still goes to soap, which raises it as usual.
 */
export interface TakeBodyOption {
  takeBody?: (body: string) => void;
}

export class ResponseTaken extends Error {
  override readonly name = 'ResponseTaken';
}

export class GuardedSoapHttpClient implements IHttpClient {
  constructor(private readonly options: SoapHttpOptions = {}) {}

  // node-soap's signature; the returned promise is not used by soap's callers we rely on.
  request(url: string, data: unknown, callback: SoapCallback, headers?: Record<string, unknown>, options?: TakeBodyOption): any {
    const done = this.exchange(url, data, headers ?? {}).then(
      (res) => {
        if (options?.takeBody && !res.fault) {
          options.takeBody(res.data);
          callback(new ResponseTaken('the body went to takeBody'));
        } else callback(null, res, res.data);
        return res;
      },
      (err) => { callback(err); return undefined; },
    );
    return done;
  }

  async exchange(url: string, data: unknown, headers: Record<string, unknown>) {
    const body = typeof data === 'string' ? data : data == null ? undefined : String(data);
    const outgoing: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(headers)) if (v !== undefined && v !== null) outgoing[k] = v as string | number;
    if (body !== undefined) outgoing['Content-Length'] = Buffer.byteLength(body, 'utf8');
    const res = await boundedRequest({
      url,
      method: body === undefined ? 'GET' : 'POST',
      headers: outgoing,
      body,
      timeoutMs: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxBytes: this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    });
    this.options.onResponse?.(res.status, res.headers);
    const text = res.body.toString('utf8');
    const where = describe(url, headers);
    if (res.status === 429) {
      const seconds = Number(res.headers['retry-after']);
      const retryAfter = new Date(Date.now() + (Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000));
      throw new ConnectorError('RateLimited', `${where}: HTTP 429, too many requests in a burst; slow down and retry`, { retryAfter });
    }
    const fault = containsSoapFault(text);
    if (res.status >= 500 && !fault) {
      throw new ConnectorError('Unavailable', `${where}: HTTP ${res.status} without a SOAP fault; the service is failing, ` +
        'retry later (a write may have been processed: look it up before repeating it)');
    }
    if (!looksLikeSoapEnvelope(text)) {
      throw new ConnectorError('MalformedResponse', `${where}: HTTP ${res.status} with a body that is not a SOAP envelope ` +
        `(starts "${text.slice(0, 60).replace(/\s+/g, ' ')}"); check the base URL, a proxy or a maintenance page`);
    }
    // Only now, because only this body goes on to soap's parser (an IIS error page has an HTML DOCTYPE).
    assertSafeXml(text, where);
    return { status: res.status, headers: res.headers, data: text, fault };
  }
}

/** "host/path Operation" from the SOAPAction header, for messages; never includes headers like Cookie. */
function describe(url: string, headers: Record<string, unknown>): string {
  const u = new URL(url);
  const action = String(headers.SOAPAction ?? '').replace(/"/g, '');
  const op = action.slice(action.lastIndexOf('/') + 1);
  return `${u.host}${u.pathname}${op ? ' ' + op : ''}`;
}
