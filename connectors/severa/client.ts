/**
 * The REST layer (other-systems.md §1): one bounded HTTP exchange per call (connectors/shared/http.ts), the
 * tenant's request budget taken before each one (token requests included), `Authorization: Bearer` and
 * `Client_Id` on every call, a 401 answered by one new token and one retry, Severa's paging (`pageToken` +
 * `rowCount`, the next token in the `NextPageToken` header, bare-array bodies) and every answer validated
 * against ./wire.ts with the failing item and field named.
 */
import type { z } from 'zod';
import { ConnectorError } from '../errors';
import type { BoundedResponse } from '../shared/http';
import { exchangeJson } from '../shared/jsonExchange';
import { issuePath } from '../shared/zodIssue';
import type { ConnectorContext } from '../types';
import type { SeveraConfig } from './config';
import { loginFailed, severaFailure, type FailedAnswer } from './failures';
import { SeveraToken } from './token';
import { errorBodySchema, tokenSchema } from './wire';

/** Query values; an array repeats its key (`invoiceStatusGuids=a&invoiceStatusGuids=b`), as Severa's binding expects. */
export type Query = Record<string, string | number | boolean | readonly (string | number)[] | undefined>;

export interface CallOptions {
  /** The scope Severa checks for this call, named in the message when it is missing. */
  scope: string;
  query?: Query;
  /** JSON body (PATCH takes a JSON Patch array). */
  body?: unknown;
  /** 404 is an answer (undefined), not an error: the single-item getters. */
  notFoundIsUndefined?: boolean;
}

export interface Answer {
  status: number;
  body: unknown;
  headers: BoundedResponse['headers'];
}

/** Items one MalformedResponse names; the rest are counted. */
const NAMED_PROBLEMS = 5;

export class SeveraClient {
  readonly where: string;
  readonly tenant: string;
  private readonly token: SeveraToken;

  constructor(private readonly config: SeveraConfig, private readonly ctx: ConnectorContext) {
    this.tenant = ctx.tenant;
    this.where = `tenant ${ctx.tenant}, Severa client ${config.credentials.clientId}`;
    this.token = new SeveraToken(config.credentials, ctx, (body) => this.requestToken(body), (value) => this.parse(tokenSchema, value, 'POST /v1/token', 'answer'));
  }

  get pageSize(): number {
    return this.config.settings.pageSize;
  }

  /** Obtains a token now (or finds a stored one): check()'s first step. */
  async ensureToken(): Promise<void> {
    await this.token.current();
  }

  /** One call with the token; a 401 gets one new token and one retry. undefined only for an accepted 404. */
  async call(method: 'GET' | 'PATCH', path: string, options: CallOptions): Promise<Answer | undefined> {
    const operation = `${method} ${path}`;
    let token = await this.token.current();
    let res = await this.exchange(operation, method, this.url(path, options.query), options.body, token);
    if (res.status === 401) {
      this.ctx.log.info('severa token refused; asking for a new one', { operation });
      token = await this.token.renew(token);
      res = await this.exchange(operation, method, this.url(path, options.query), options.body, token);
      if (res.status === 401) {
        throw new ConnectorError('NotAuthenticated', `Severa ${operation} (${this.where}): the token was refused even right after a new one ` +
          `was issued${errorSuffix(res)}; check that the client credentials are still active in Severa (Settings → Integrations → REST API)`);
      }
    }
    if (res.status >= 200 && res.status < 300) return { status: res.status, body: this.json(operation, res.body), headers: res.headers };
    if (res.status === 404 && options.notFoundIsUndefined) return undefined;
    const failed = failedAnswer(res);
    // A token issued before an administrator added the scope still lacks it: the next try asks for a new one.
    if (failed.error?.type === 'InsufficientApiScope') await this.token.forget();
    throw await severaFailure(this.ctx, `Severa ${operation} (${this.where})`, failed, options.scope);
  }

  /** Every item of a paged list, page after page until Severa sends no NextPageToken. */
  async *pages<S extends z.ZodType>(path: string, itemSchema: S, itemName: string, options: CallOptions): AsyncGenerator<z.output<S>> {
    const seen = new Set<string>();
    let pageToken: string | undefined;
    let position = 0;
    for (;;) {
      const res = (await this.call('GET', path, { ...options, query: { ...options.query, rowCount: this.pageSize, pageToken } }))!;
      const items = this.parseItems(itemSchema, res.body, `GET ${path}`, itemName, position);
      position += items.length;
      yield* items;
      const next = header(res.headers, 'nextpagetoken');
      if (!next || items.length === 0) return;
      if (seen.has(next)) {
        throw new ConnectorError('MalformedResponse', `Severa GET ${path} (${this.where}) sent the same NextPageToken twice; ` +
          'stopping instead of reading the same page forever — ask Severa support');
      }
      seen.add(next);
      pageToken = next;
    }
  }

  /** Every item of a paged list, in one array. */
  async all<S extends z.ZodType>(path: string, itemSchema: S, itemName: string, options: CallOptions): Promise<z.output<S>[]> {
    const out: z.output<S>[] = [];
    for await (const item of this.pages(path, itemSchema, itemName, options)) out.push(item);
    return out;
  }

  /** A bare-array body, each item validated on its own: every bad item is named ("invoice 3 (guid …) field …"). */
  parseItems<S extends z.ZodType>(schema: S, body: unknown, operation: string, itemName: string, offset = 0): z.output<S>[] {
    if (!Array.isArray(body)) {
      throw new ConnectorError('MalformedResponse', `Severa ${operation} (${this.where}) answered ${describeJson(body)} where the API ` +
        'promises an array; ask Severa support, the API may have changed (model: connectors/severa/README.md)');
    }
    const items: z.output<S>[] = [];
    const problems: string[] = [];
    body.forEach((raw, i) => {
      const parsed = schema.safeParse(raw);
      if (parsed.success) items.push(parsed.data);
      else problems.push(`${itemName} ${offset + i + 1}${guidOf(raw)} ${fieldProblem(parsed.error)}`);
    });
    if (problems.length > 0) {
      const more = problems.length > NAMED_PROBLEMS ? `; and ${problems.length - NAMED_PROBLEMS} more` : '';
      throw new ConnectorError('MalformedResponse', `Severa ${operation} (${this.where}): ${problems.slice(0, NAMED_PROBLEMS).join('; ')}${more}; ` +
        'nothing of this answer was used — correct the data in Severa, or ask Severa support if the API changed');
    }
    return items;
  }

  /** One object, validated; a mismatch names the field. */
  parse<S extends z.ZodType>(schema: S, body: unknown, operation: string, what: string): z.output<S> {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    throw new ConnectorError('MalformedResponse', `Severa ${operation} (${this.where}): ${what}${guidOf(body)} ${fieldProblem(parsed.error)}; ` +
      'correct the data in Severa, or ask Severa support if the API changed');
  }

  private async requestToken(body: { client_id: string; client_secret: string; scope: string }): Promise<unknown> {
    const operation = 'POST /v1/token';
    const res = await this.exchange(operation, 'POST', this.url('/v1/token'), body, undefined);
    if (res.status >= 200 && res.status < 300) return this.json(operation, res.body);
    const failed = failedAnswer(res);
    const at = `Severa ${operation} (${this.where})`;
    if (res.status === 400 || res.status === 401 || res.status === 403) throw loginFailed(this.ctx, at, failed);
    throw await severaFailure(this.ctx, at, failed, undefined);
  }

  private exchange(operation: string, method: 'GET' | 'POST' | 'PATCH', url: string, body: unknown, token: string | undefined): Promise<BoundedResponse> {
    const { settings, credentials } = this.config;
    return exchangeJson(this.ctx, {
      system: 'severa', operation, at: `Severa ${operation} (${this.where})`, method, url, body,
      headers: token === undefined ? {} : { Authorization: `Bearer ${token}`, Client_Id: credentials.clientId },
      timeoutMs: settings.timeoutMs, maxResponseBytes: settings.maxResponseBytes,
    });
  }

  private url(path: string, query: Query = {}): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
      else params.append(key, String(value));
    }
    const search = params.toString();
    return `${this.config.settings.baseUrl}${path}${search ? `?${search}` : ''}`;
  }

  private json(operation: string, body: Buffer): unknown {
    if (body.length === 0) return undefined;
    try {
      return JSON.parse(body.toString('utf8'));
    } catch {
      const start = body.subarray(0, 80).toString('utf8').replace(/\s+/g, ' ');
      throw new ConnectorError('MalformedResponse', `Severa ${operation} (${this.where}) answered with something that is not JSON ` +
        `("${start}…"); a proxy or maintenance page may be in front of the API — try again later, or ask Severa support if it persists`);
    }
  }
}

function failedAnswer(res: BoundedResponse): FailedAnswer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  return { status: res.status, error: errorBodySchema.safeParse(parsed).data?.error, retryAfter: res.headers['retry-after'] };
}

function errorSuffix(res: BoundedResponse): string {
  const error = failedAnswer(res).error;
  return error ? ` (${error.type})` : '';
}

function header(headers: BoundedResponse['headers'], name: string): string | undefined {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) || undefined;
}

/** "field totalExcludingTax.amount: expected number, received string" */
function fieldProblem(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const path = issuePath(issue.path);
  const message = issue.message.replace(/^Invalid input: /, '');
  return path ? `field ${path}: ${message}` : `: ${message}`;
}

function guidOf(raw: unknown): string {
  const g = raw && typeof raw === 'object' ? (raw as { guid?: unknown }).guid : undefined;
  return typeof g === 'string' ? ` (guid ${g})` : '';
}

function describeJson(body: unknown): string {
  if (body === undefined) return 'an empty body';
  if (body === null) return 'null';
  return typeof body === 'object' ? 'an object' : `a ${typeof body}`;
}
