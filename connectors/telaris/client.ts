/**
 * The REST layer: one bounded HTTP exchange per call (connectors/shared/http.ts), the tenant's request budget
 * taken first, the bearer token in a header and nowhere else (never logged, never in a message), and every
 * status the model knows (./README.md, "Errors") turned into a typed ConnectorError.
 */
import { ConnectorError } from '../errors';
import { exchangeJson } from '../shared/jsonExchange';
import type { ConnectorContext } from '../types';
import type { TelarisConfig } from './config';
import type { z } from 'zod';
import { rateLimited } from '../shared/retryAfter';
import { describeIssue } from '../shared/zodIssue';
import { errorBodySchema, type ErrorBody } from './wire';

export interface TelarisAnswer {
  status: number;
  /** Parsed JSON of a 2xx answer; for an accepted error status, its error object. */
  body: unknown;
  error?: ErrorBody;
}

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Error statuses the caller turns into an outcome itself (e.g. 404 → undefined, 409 → already exported). */
  accept?: number[];
}

export class TelarisClient {
  readonly where: string;

  constructor(private readonly config: TelarisConfig, private readonly ctx: ConnectorContext) {
    this.where = `tenant ${ctx.tenant}, Telaris company ${config.settings.companyNo}`;
  }

  get companyNo(): string {
    return this.config.settings.companyNo;
  }

  /** `path` is relative to the company: '/batches/open' → /api/v1/companies/{c}/batches/open. */
  async call(operation: string, method: 'GET' | 'POST', path: string, options: CallOptions = {}): Promise<TelarisAnswer> {
    const { settings, credentials } = this.config;
    const url = `${settings.baseUrl}/api/v1/companies/${encodeURIComponent(settings.companyNo)}${path}`;
    const res = await exchangeJson(this.ctx, {
      system: 'telaris', operation, at: `Telaris ${operation} (${this.where})`, method, url, body: options.body,
      headers: { Authorization: `Bearer ${credentials.apiToken}`, ...options.headers },
      timeoutMs: settings.timeoutMs, maxResponseBytes: settings.maxResponseBytes,
    });

    if (res.status >= 200 && res.status < 300) return { status: res.status, body: this.json(operation, res.body) };
    const error = errorBodySchema.safeParse(safeJson(res.body)).data?.error;
    // An unknown company is never the caller's outcome: it is the connection that is wrong.
    if (options.accept?.includes(res.status) && error && error.code !== 'company_not_found') return { status: res.status, body: undefined, error };
    throw await this.failure(operation, res.status, error, res.headers['retry-after']);
  }

  /** Validates an answer against the model; a mismatch names what and where, since Telaris' API may drift. */
  parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    throw new ConnectorError('MalformedResponse', `Telaris ${what} (${this.where}) is not what the API promises: ` +
      `${describeIssue(result.error)}; ask Telaris support, the API may have changed (model: connectors/telaris/README.md)`);
  }

  private json(operation: string, body: Buffer): unknown {
    const parsed = safeJson(body);
    if (parsed === undefined) {
      const start = body.subarray(0, 80).toString('utf8').replace(/\s+/g, ' ');
      throw new ConnectorError('MalformedResponse', `Telaris ${operation} (${this.where}) answered 200 with something that is not JSON ` +
        `("${start}…"); a proxy or maintenance page may be in front of the API — try again later, or ask Telaris support if it persists`);
    }
    return parsed;
  }

  private async failure(operation: string, status: number, error: ErrorBody | undefined, retryAfter: string | string[] | undefined): Promise<ConnectorError> {
    const said = error ? ` (${error.code}: ${error.message})` : '';
    const at = `Telaris ${operation} (${this.where})`;
    if (status === 401) {
      return new ConnectorError('LoginFailed', `${at}: the API token was refused${said}; create a new token in Telaris ` +
        `(Settings → API tokens) for company ${this.companyNo} and store it in the tenant's Telaris connection ` +
        `(ledgerbridge connections add ${this.ctx.tenant} --system telaris …, which replaces it)`);
    }
    if (status === 403 || (status === 404 && error?.code === 'company_not_found')) {
      return new ConnectorError('IdentityBlocked', `${at}: the token does not give access to company ${this.companyNo}${said}; ` +
        'check companyNo in the connection settings, or issue the token for this company in Telaris (Settings → API tokens)');
    }
    if (status === 429) return rateLimited(this.ctx, 'telaris', at, retryAfter, `Telaris rate limit for company ${this.companyNo}`);
    if (status >= 500) {
      return new ConnectorError('Unavailable', `${at}: Telaris answered HTTP ${status}${said}; this is temporary and is retried — ` +
        'the request may have been processed, so look a write up before repeating it');
    }
    return new ConnectorError('Rejected', `${at}: Telaris answered HTTP ${status}${said}`);
  }
}

function safeJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
