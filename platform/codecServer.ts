/**
 * The Temporal codec-server protocol (docs.temporal.io "Codec Server"): `POST /encode` and `POST /decode` take
 * and return `{ "payloads": [{ "metadata": { key: base64 }, "data": base64 }] }` (proto3 JSON), with the
 * namespace in `X-Namespace` (one key set serves every namespace here, so it is not used). The Temporal UI
 * calls it from the browser, so it answers CORS for the UI's origin only (preflight included, with credentials,
 * since the UI may send `Authorization` or cookies), and it decrypts only for a caller holding the bearer token.
 *
 * The dev server's UI has no login, so it has no token to pass: `trustUiOrigin` lets requests that carry the
 * UI's origin through without one (`npm start`). An Origin header is a browser's promise, not a credential:
 * any local process can send it, so that mode belongs on a loopback address of a developer's machine only.
 */
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Payload } from '@temporalio/common';
import { createEncryptionCodec, type CodecKeySet } from './payloadCodec';

export const CODEC_TOKEN_ENV = 'LEDGERBRIDGE_CODEC_TOKEN';
export const DEFAULT_CODEC_PORT = 8234;

/** The origins a browser may give the dev server's UI: the address `npm start` prints and its usual alias. */
export function devUiOrigins(uiPort: number): string[] {
  return [`http://127.0.0.1:${uiPort}`, `http://localhost:${uiPort}`];
}

export interface CodecServerOptions {
  keys: CodecKeySet;
  host?: string;
  /** 0: a free port. */
  port: number;
  /** Origins allowed by CORS, e.g. http://127.0.0.1:8233 (the dev server's UI). */
  uiOrigins: readonly string[];
  /** The bearer token callers must send; required unless `trustUiOrigin`. Never logged. */
  token?: string;
  /** Accept requests from `uiOrigins` without a token (the dev UI, which cannot send one). */
  trustUiOrigin?: boolean;
}

export interface CodecServer {
  readonly url: string;
  close(): Promise<void>;
}

/** gRPC's message limit: no history page the UI sends is larger. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export async function startCodecServer(options: CodecServerOptions): Promise<CodecServer> {
  if (!options.token && !options.trustUiOrigin) {
    throw new Error(`the codec server needs a bearer token: set ${CODEC_TOKEN_ENV} (e.g. openssl rand -hex 32), or trust the UI origin for a local demo`);
  }
  const codec = createEncryptionCodec(options.keys);
  const server = http.createServer((req, res) => {
    handle(req, res, options, codec).catch((err: Error) => reply(res, 500, { error: err.message }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse, options: CodecServerOptions, codec: ReturnType<typeof createEncryptionCodec>) {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    // A browser page of another origin gets neither an answer it may read nor the work done.
    if (!options.uiOrigins.includes(origin)) return reply(res, 403, { error: `origin ${origin} is not allowed: start the codec server with --ui-origin ${origin}` });
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
  }
  const route = new URL(req.url ?? '/', 'http://codec').pathname;
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Namespace');
    res.setHeader('Access-Control-Max-Age', '600');
    res.writeHead(204).end();
    return;
  }
  if (route !== '/encode' && route !== '/decode') return reply(res, 404, { error: 'the codec server answers POST /encode and POST /decode' });
  if (req.method !== 'POST') return reply(res, 405, { error: `${route} takes POST` });
  if (!authorised(req, options)) {
    res.setHeader('WWW-Authenticate', 'Bearer');
    return reply(res, 401, { error: 'send Authorization: Bearer <the codec server\'s token>' });
  }

  let payloads: Payload[];
  try {
    payloads = fromJson(JSON.parse(await readBody(req)));
  } catch (err) {
    return reply(res, (err as { status?: number }).status ?? 400, { error: `expected {"payloads":[{"metadata":{…},"data":"<base64>"}]}: ${(err as Error).message}` });
  }
  try {
    const result = route === '/encode' ? await codec.encode(payloads) : await codec.decode(payloads);
    reply(res, 200, { payloads: result.map(payloadToJson) });
  } catch (err) {
    reply(res, 400, { error: (err as Error).message });
  }
}

function authorised(req: http.IncomingMessage, options: CodecServerOptions): boolean {
  const header = req.headers.authorization ?? '';
  if (options.token && header.startsWith('Bearer ')) {
    const sent = Buffer.from(header.slice('Bearer '.length).trim());
    const expected = Buffer.from(options.token);
    if (sent.length === expected.length && timingSafeEqual(sent, expected)) return true;
  }
  const origin = req.headers.origin;
  return Boolean(options.trustUiOrigin && origin && options.uiOrigins.includes(origin));
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error(`the body is over ${MAX_BODY_BYTES} bytes`), { status: 413 }));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

function fromJson(body: unknown): Payload[] {
  const payloads = (body as { payloads?: unknown })?.payloads;
  if (!Array.isArray(payloads)) throw new Error('no payloads array');
  return (payloads as JsonPayload[]).map((p) => ({
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    data: Buffer.from(p.data ?? '', 'base64'),
  }));
}

/** A payload as the protocol writes it: proto3 JSON, bytes in base64. */
export function payloadToJson(payload: Payload): JsonPayload {
  return {
    metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
    data: Buffer.from(payload.data ?? []).toString('base64'),
  };
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}
