/**
 * The REST layer of ./README.md: one bounded HTTP exchange per call (connectors/shared/jsonExchange.ts), the
 * tenant's request budget taken before each one, the customer number and token in their headers and nowhere
 * else, `limit` + `cursor` paging, and every answer validated against ./wire.ts with the failing item and field
 * named: `DUELL daily-settlements[3].payments[0].amount: expected a number`.
 */
import type { z } from 'zod';
import { ConnectorError } from '../errors';
import type { BoundedResponse } from '../shared/http';
import { exchangeJson, jsonAnswer, safeJson } from '../shared/jsonExchange';
import { issuePath } from '../shared/zodIssue';
import type { ConnectorContext } from '../types';
import type { DuellCredentials, DuellSettings } from './config';
import { duellFailure } from './failures';
import { errorBodySchema, listSchema } from './wire';

export type Query = Record<string, string | number | undefined>;

/** How many bad items one message names; the rest are counted. */
const NAMED_PROBLEMS = 5;

const MODEL = 'model: connectors/duell/README.md';

export class DuellClient {
  readonly where: string;

  constructor(private readonly config: { settings: DuellSettings; credentials: DuellCredentials }, private readonly ctx: ConnectorContext) {
    this.where = `tenant ${ctx.tenant}, DUELL customer ${config.settings.customerNumber}`;
  }

  get settings(): DuellSettings {
    return this.config.settings;
  }

  get tenant(): string {
    return this.ctx.tenant;
  }

  /** A JSON call; a non-2xx answer becomes the ConnectorError of ./failures.ts. */
  async call(operation: string, method: 'GET' | 'POST', path: string, options: { query?: Query; body?: unknown } = {}): Promise<unknown> {
    const res = await this.exchange(operation, method, path, options.query, options.body, 'application/json', this.settings.maxResponseBytes);
    return jsonAnswer(res.body, `DUELL ${operation} (${this.where})`, 'DUELL');
  }

  /** Raw bytes of a file (the Z-report's PDF), bounded by `maxPdfBytes`; the caller checks the content type. */
  async file(operation: string, path: string, accept: string): Promise<BoundedResponse> {
    return this.exchange(operation, 'GET', path, {}, undefined, accept, this.settings.maxPdfBytes);
  }

  /**
   * Every page of a list, each item validated on its own: a bad item fails the page, naming it by its place in the
   * answer and its field (`DUELL customers[2].orgNo: …`); `label` adds the item's own name (its number).
   */
  async *pages<S extends z.ZodType>(operation: string, path: string, resource: string, itemSchema: S, label: (raw: unknown) => string | undefined, query: Query = {}): AsyncGenerator<z.output<S>[]> {
    const limit = this.settings.pageSize;
    let cursor: string | undefined;
    for (let page = 1; ; page++) {
      const body = await this.call(operation, 'GET', path, { query: { ...query, limit, cursor } });
      const envelope = this.parse(listSchema, body, `${resource} page ${page}`);
      const next = envelope.nextCursor ?? undefined;
      if (envelope.items.length > limit || (next !== undefined && next === cursor)) {
        throw new ConnectorError('MalformedResponse', `DUELL ${resource} page ${page} (${this.where}) answered ${envelope.items.length} items for a limit of ` +
          `${limit}${next === cursor ? ' and the same cursor again' : ''}; ask DUELL support, the paging may have changed (${MODEL})`);
      }
      const items = this.parseItems(itemSchema, envelope.items, resource, label);
      if (items.length > 0) yield items;
      if (next === undefined) return;
      cursor = next;
    }
  }

  /** One object, validated; a mismatch names the field (`DUELL upsert-customer.name: expected a string (customer 7)`). */
  parse<S extends z.ZodType>(schema: S, body: unknown, what: string, label?: string): z.output<S> {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    throw new ConnectorError('MalformedResponse', `DUELL ${fieldProblem(what, parsed.error)}${named(label)} (${this.where}): the answer is not what the API ` +
      `promises; ask DUELL support, the API may have changed (${MODEL})`);
  }

  private parseItems<S extends z.ZodType>(schema: S, raw: unknown[], resource: string, label: (raw: unknown) => string | undefined): z.output<S>[] {
    const items: z.output<S>[] = [];
    const problems: string[] = [];
    raw.forEach((item, i) => {
      const parsed = schema.safeParse(item);
      if (parsed.success) items.push(parsed.data);
      else problems.push(`${fieldProblem(`${resource}[${i}]`, parsed.error)}${named(label(item))}`);
    });
    if (problems.length > 0) {
      const more = problems.length > NAMED_PROBLEMS ? `; and ${problems.length - NAMED_PROBLEMS} more` : '';
      throw new ConnectorError('MalformedResponse', `DUELL ${problems.slice(0, NAMED_PROBLEMS).join('; ')}${more} (${this.where}): nothing of this ` +
        `page was used; correct it in DUELL Backoffice, or ask DUELL support if the API changed (${MODEL})`);
    }
    return items;
  }

  private async exchange(operation: string, method: 'GET' | 'POST', path: string, query: Query = {}, body: unknown, accept: string, maxResponseBytes: number | undefined): Promise<BoundedResponse> {
    const { settings, credentials } = this.config;
    const at = `DUELL ${operation} (${this.where})`;
    const res = await exchangeJson(this.ctx, {
      system: 'duell', operation, at, method, url: this.url(path, query), body, timeoutMs: settings.timeoutMs, maxResponseBytes,
      headers: { Accept: accept, [settings.authHeaders.customerNumber]: settings.customerNumber, [settings.authHeaders.token]: credentials.token },
    });
    if (res.status >= 200 && res.status < 300) return res;
    const error = errorBodySchema.safeParse(safeJson(res.body)).data?.error;
    throw await duellFailure(this.ctx, at, { status: res.status, error, retryAfter: res.headers['retry-after'] }, settings.customerNumber);
  }

  private url(path: string, query: Query): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.append(key, String(value));
    const search = params.toString();
    return `${this.settings.baseUrl}${path}${search ? `?${search}` : ''}`;
  }
}

/** "daily-settlements[3]" + payments.0.amount → "daily-settlements[3].payments[0].amount: expected a number" */
function fieldProblem(what: string, error: z.ZodError): string {
  const issue = error.issues[0]!;
  const path = issuePath(issue.path);
  return `${what}${path ? `.${path}` : ''}: ${issue.message}`;
}

/** How an item names itself in a message: `numbered('customer')` → "customer 10042" when the raw item tells its number. */
export const numbered = (noun: string, suffix = '') => (raw: unknown): string | undefined => {
  const number = (raw as { number?: unknown } | null)?.number;
  return typeof number === 'string' || typeof number === 'number' ? `${noun} ${number}${suffix}` : undefined;
};

const named = (label: string | undefined) => (label ? ` (${label})` : '');

/** The path segment of an id: DUELL's ids are codes like OSL, but a stray slash must not change the resource. */
export const segment = (id: string | number) => encodeURIComponent(String(id));
