/**
 * One HTTP exchange with a size bound and a timeout, and nothing else: no retries (Temporal retries activities),
 * no redirects, no cookies jar. Failures become ConnectorErrors an activity can act on:
 * network errors and timeouts → Unavailable (retryable); a body over the bound → ResponseTooLarge.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { ConnectorError } from '../errors';

export interface BoundedRequest {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  /** Whole exchange, connect to last byte. */
  timeoutMs: number;
  /** Response bodies larger than this are refused (checked on Content-Length and while streaming). */
  maxBytes: number;
}

export interface BoundedResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 20 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 60_000;

// Keep-alive agents shared by every connector in the process: one TLS handshake per host, not per call.
const agents = {
  'http:': new http.Agent({ keepAlive: true, timeout: 30_000 }),
  'https:': new https.Agent({ keepAlive: true, timeout: 30_000 }),
};

export function boundedRequest(req: BoundedRequest): Promise<BoundedResponse> {
  const url = new URL(req.url);
  const transport = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : undefined;
  if (!transport) return Promise.reject(new ConnectorError('ValidationFailed', `${req.url} is not an http(s) URL`));
  const where = `${url.host}${url.pathname}`;

  return new Promise<BoundedResponse>((resolve, reject) => {
    let settled = false;
    const fail = (err: ConnectorError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(err);
      request.destroy(); // also drops the socket, so a half-read response never returns to the keep-alive pool
    };
    const request = transport.request(url, { method: req.method ?? 'GET', headers: req.headers, agent: agents[url.protocol as 'http:' | 'https:'] }, (res) => {
      const declared = Number(res.headers['content-length'] ?? NaN);
      // fail() first: destroying the stream emits 'aborted'/'error', which must not win as Unavailable.
      if (declared > req.maxBytes) return fail(tooLarge(where, req.maxBytes, declared));
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > req.maxBytes) return fail(tooLarge(where, req.maxBytes));
        chunks.push(chunk);
      });
      res.on('error', (err) => fail(unavailable(where, err)));
      res.on('aborted', () => fail(unavailable(where, new Error('response aborted'))));
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
    });
    const timer = setTimeout(() => fail(new ConnectorError('Unavailable', `${where} did not answer within ${req.timeoutMs} ms; ` +
      'the request may still have been processed, so look a write up before repeating it')), req.timeoutMs);
    request.on('error', (err) => fail(unavailable(where, err)));
    request.end(req.body);
  });
}

function tooLarge(where: string, max: number, declared?: number): ConnectorError {
  const size = declared === undefined ? `more than ${max}` : String(declared);
  return new ConnectorError('ResponseTooLarge', `${where} sent ${size} bytes, over the bound of ${max}; ` +
    'narrow the query (shorter date range, fewer ids) or raise the connection\'s size bound');
}

function unavailable(where: string, err: Error & { code?: string }): ConnectorError {
  const reason = err.code ? `${err.code} ${err.message}` : err.message;
  return new ConnectorError('Unavailable', `${where} could not be reached or dropped the connection (${reason}); ` +
    'the request may have been processed, so look a write up before repeating it', { cause: err });
}
