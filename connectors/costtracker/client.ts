/**
 * The REST layer of ./README.md: one bounded HTTP exchange per call (connectors/shared/http.ts), the tenant's
 * request budget taken before each one, the bearer token in a header and nowhere else, paths under
 * /api/v1/organisations/{organisationId}, `page` + `pageSize` paging, and every answer validated against
 * ./wire.ts with the failing item and field named.
 */
import type { z } from 'zod';
import { ConnectorError } from '../errors';
import type { BoundedResponse } from '../shared/http';
import { exchangeJson, jsonAnswer, safeJson } from '../shared/jsonExchange';
import { describeIssue } from '../shared/zodIssue';
import type { ConnectorContext } from '../types';
import type { CostTrackerSettings, CostTrackerCredentials } from './config';
import { costTrackerFailure } from './failures';
import { errorBodySchema, pageSchema, type CostTrackerErrorBody } from './wire';

export type Query = Record<string, string | number | readonly string[] | undefined>;

export interface CallOptions {
  query?: Query;
  body?: unknown;
  /** Error codes the caller turns into an outcome itself (e.g. `received_invoice_not_found` → undefined). */
  accept?: string[];
}

export interface Answer {
  status: number;
  /** Parsed JSON of a 2xx answer. */
  body: unknown;
  /** The error of an accepted refusal. */
  error?: CostTrackerErrorBody;
}

/** How many bad items one message names; the rest are counted. */
const NAMED_PROBLEMS = 5;

export class CostTrackerClient {
  readonly where: string;

  constructor(private readonly config: { settings: CostTrackerSettings; credentials: CostTrackerCredentials }, private readonly ctx: ConnectorContext) {
    this.where = `tenant ${ctx.tenant}, CostTracker organisation ${config.settings.organisationId}`;
  }

  get settings(): CostTrackerSettings {
    return this.config.settings;
  }

  get tenant(): string {
    return this.ctx.tenant;
  }

  /** `path` is relative to the organisation: '/suppliers' → /api/v1/organisations/{id}/suppliers. */
  async call(operation: string, method: 'GET' | 'POST', path: string, options: CallOptions = {}): Promise<Answer> {
    const res = await this.exchange(operation, method, this.url(path, options.query), options.body);
    if (res.status >= 200 && res.status < 300) return { status: res.status, body: jsonAnswer(res.body, `CostTracker ${operation} (${this.where})`, 'CostTracker') };
    const error = errorBodySchema.safeParse(safeJson(res.body)).data?.error;
    if (error && options.accept?.includes(error.code)) return { status: res.status, body: undefined, error };
    throw await costTrackerFailure(this.ctx, `CostTracker ${operation} (${this.where})`, { status: res.status, error, retryAfter: res.headers['retry-after'] }, this.config.settings.organisationId);
  }

  /** Every page of a paged list, each item validated on its own: a bad item fails the page, naming it and its field. */
  async *pages<S extends z.ZodType>(operation: string, path: string, itemSchema: S, itemName: string, query: Query = {}): AsyncGenerator<z.output<S>[]> {
    const pageSize = this.settings.pageSize;
    for (let page = 1; ; page++) {
      const res = await this.call(operation, 'GET', path, { query: { ...query, page, pageSize } });
      const envelope = this.parse(pageSchema, res.body, `${operation} page ${page}`);
      if (envelope.page !== page || envelope.items.length > pageSize) {
        throw new ConnectorError('MalformedResponse', `CostTracker ${operation} (${this.where}) answered page ${envelope.page} with ` +
          `${envelope.items.length} items for page ${page} of size ${pageSize}; ask CostTracker support, the paging may have changed`);
      }
      const items = this.parseItems(itemSchema, envelope.items, `${operation} page ${page}`, itemName);
      if (items.length > 0) yield items;
      if (items.length < pageSize || page * pageSize >= envelope.totalItems) return;
    }
  }

  /** One object, validated; a mismatch names the field. */
  parse<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    throw new ConnectorError('MalformedResponse', `CostTracker ${what} (${this.where}) is not what the API promises: ` +
      `${describeIssue(parsed.error)}; ask CostTracker support, the API may have changed (model: connectors/costtracker/README.md)`);
  }

  private parseItems<S extends z.ZodType>(schema: S, raw: unknown[], what: string, itemName: string): z.output<S>[] {
    const items: z.output<S>[] = [];
    const problems: string[] = [];
    raw.forEach((item, i) => {
      const parsed = schema.safeParse(item);
      if (parsed.success) items.push(parsed.data);
      else problems.push(`${itemName} ${nameOf(item, i)}: ${describeIssue(parsed.error)}`);
    });
    if (problems.length > 0) {
      const more = problems.length > NAMED_PROBLEMS ? `; and ${problems.length - NAMED_PROBLEMS} more` : '';
      throw new ConnectorError('MalformedResponse', `CostTracker ${what} (${this.where}): ${problems.length} ${itemName}(s) break the model — ` +
        `${problems.slice(0, NAMED_PROBLEMS).join('; ')}${more}; nothing of this page was used. Correct them in CostTracker, or ask ` +
        'CostTracker support if the API changed (model: connectors/costtracker/README.md)');
    }
    return items;
  }

  private exchange(operation: string, method: 'GET' | 'POST', url: string, body: unknown): Promise<BoundedResponse> {
    const { settings, credentials } = this.config;
    return exchangeJson(this.ctx, {
      system: 'costtracker', operation, at: `CostTracker ${operation} (${this.where})`, method, url, body,
      headers: { Authorization: `Bearer ${credentials.apiToken}` }, timeoutMs: settings.timeoutMs, maxResponseBytes: settings.maxResponseBytes,
    });
  }

  private url(path: string, query: Query = {}): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const v of value) params.append(key, v);
      else params.append(key, String(value));
    }
    const search = params.toString();
    const organisation = encodeURIComponent(this.settings.organisationId);
    return `${this.settings.baseUrl}/api/v1/organisations/${organisation}${path}${search ? `?${search}` : ''}`;
  }
}

/** "2026-0042" or "t-17" when the raw item tells its number or id, else its position on the page. */
function nameOf(raw: unknown, index: number): string {
  const r = (raw ?? {}) as Record<string, unknown>;
  const key = [r.number, r.id, r.transaction].find((v) => typeof v === 'string');
  return typeof key === 'string' ? key : `#${index + 1} on the page`;
}
