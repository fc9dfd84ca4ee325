/**
 * The REST layer of Talenom's Sales API behind Azure APIM: the tenant's request budget first, then one bounded
 * exchange with `Authorization: Bearer` and `Ocp-Apim-Subscription-Key`; a refused token is renewed once. Every
 * status the model knows (./README.md, "Errors") becomes a typed ConnectorError carrying Talenom's reasons.
 */
import type { z } from 'zod';
import { ConnectorError } from '../errors';
import { externalCall } from '../shared/externalCall';
import { boundedRequest, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS } from '../shared/http';
import type { ConnectorContext } from '../types';
import type { TalenomConfig } from './config';
import { safeJson, TokenSource } from './token';
import { apimErrorSchema, describeIssue, serviceErrorSchema, type ServiceError } from './wire';

export interface CallOptions {
  query?: Record<string, string>;
  /** JSON (an object) or a document (a string, sent with `contentType`). */
  body?: unknown;
  contentType?: string;
  /** Statuses the caller turns into an outcome itself (404 → undefined). */
  accept?: number[];
}

export interface TalenomAnswer {
  status: number;
  body: unknown;
}

export class TalenomClient {
  readonly where: string;
  private readonly tokens: TokenSource;

  constructor(private readonly config: TalenomConfig, private readonly ctx: ConnectorContext) {
    this.where = `tenant ${ctx.tenant}, Talenom organisation ${config.settings.organizationNumber}`;
    this.tokens = new TokenSource(config, ctx, this.where);
  }

  get organizationNumber(): string {
    return this.config.settings.organizationNumber;
  }

  /** `path` is relative to the organisation: '/contacts' → {baseUrl}/{region}/sales/v1/{org}/contacts. */
  async call(operation: string, method: 'GET' | 'POST' | 'PUT', path: string, options: CallOptions = {}): Promise<TalenomAnswer> {
    const first = await this.exchange(operation, method, path, options, await this.tokens.token());
    if (first.status !== 401 || isSubscriptionKeyRefusal(first.body)) return this.answer(operation, first, options);
    // The token was refused (expired early, revoked): one new token, one more try.
    await this.tokens.forget();
    return this.answer(operation, await this.exchange(operation, method, path, options, await this.tokens.token()), options);
  }

  /** Validates an answer against the model; a mismatch names the field, since Talenom's API may drift. */
  parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    throw new ConnectorError('MalformedResponse', `Talenom ${what} (${this.where}) is not what the API promises: ${describeIssue(result.error)}; ` +
      'ask Talenom (integraatiot@talenom.fi) whether the API changed (model: connectors/talenom/README.md)');
  }

  private async exchange(operation: string, method: string, path: string, options: CallOptions, token: string): Promise<{ status: number; body: unknown; raw: Buffer }> {
    const { settings, credentials } = this.config;
    const query = options.query ? `?${new URLSearchParams(options.query).toString()}` : '';
    const url = `${settings.baseUrl}/${settings.region}/sales/v1/${encodeURIComponent(settings.organizationNumber)}${path}${query}`;
    const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    const contentType = typeof options.body === 'string' ? options.contentType ?? 'application/xml; charset=utf-8' : 'application/json; charset=utf-8';
    const started = Date.now();
    const res = await externalCall(this.ctx, 'talenom', () => boundedRequest({
      url,
      method: method as 'GET',
      headers: {
        Accept: 'application/json',
        Authorization: `Bearer ${token}`,
        'Ocp-Apim-Subscription-Key': credentials.subscriptionKey,
        ...(body === undefined ? {} : { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) }),
      },
      body,
      timeoutMs: settings.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxBytes: settings.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    }), (answer) => answer.status).catch((err: unknown) => {
      if (err instanceof ConnectorError) throw new ConnectorError(err.type, `Talenom ${operation} (${this.where}): ${err.message}`, { cause: err });
      throw err;
    });
    this.ctx.log.debug('talenom call', { operation, method, path, status: res.status, ms: Date.now() - started });
    return { status: res.status, body: safeJson(res.body), raw: res.body };
  }

  private answer(operation: string, res: { status: number; body: unknown; raw: Buffer }, options: CallOptions): TalenomAnswer {
    const at = `Talenom ${operation} (${this.where})`;
    if (res.status >= 200 && res.status < 300) {
      if (res.body === undefined && res.raw.length > 0) {
        const start = res.raw.subarray(0, 80).toString('utf8').replace(/\s+/g, ' ');
        throw new ConnectorError('MalformedResponse', `${at} answered ${res.status} with something that is not JSON ("${start}…"); a proxy or maintenance page may be in front of the API — try again later`);
      }
      return { status: res.status, body: res.body };
    }
    const reasons = serviceErrorSchema.safeParse(res.body).data?.errors;
    if (options.accept?.includes(res.status) && !isOrganisationProblem(reasons)) return { status: res.status, body: res.body };
    throw this.failure(at, res.status, res.body, reasons);
  }

  private failure(at: string, status: number, body: unknown, reasons: ServiceError[] | undefined): ConnectorError {
    const said = reasons ? `: ${reasons.map((r) => (r.field ? `${r.field}: ${r.message}` : r.message)).join('; ')}` : '';
    const apim = apimErrorSchema.safeParse(body).data;
    const org = this.organizationNumber;
    if (status === 401) {
      if (apim && isSubscriptionKeyRefusal(body)) {
        return new ConnectorError('LoginFailed', `${at}: Azure APIM refused the subscription key ("${apim.message}"); store the Ocp-Apim-Subscription-Key Talenom issued ` +
          `(integraatiot@talenom.fi) in the connection: ledgerbridge connections add ${this.ctx.tenant} --system talenom …`);
      }
      return new ConnectorError('NotAuthenticated', `${at}: the access token was refused twice${apim ? ` ("${apim.message}")` : ''}; check the client id and scope Talenom gave for this API`);
    }
    if (status === 403 || (status === 404 && isOrganisationProblem(reasons))) {
      return new ConnectorError('IdentityBlocked', `${at}: no access to organisation ${org}${said}; check organizationNumber in the connection settings, or ask Talenom to open the API for it`);
    }
    if (status === 409) return new ConnectorError('DuplicateData', `${at}: Talenom already has this document${said}; look it up instead of sending it again`);
    if (status === 429) return new ConnectorError('RateLimited', `${at}: Talenom's API limit was reached; retried later`, { retryAfter: new Date(Date.now() + 60_000) });
    if (status >= 500) {
      return new ConnectorError('Unavailable', `${at}: Talenom answered HTTP ${status}${said}; this is temporary and is retried — the request may have been processed, so look a write up before repeating it`);
    }
    return new ConnectorError('Rejected', `${at}: Talenom refused it (HTTP ${status})${said || (apim ? `: ${apim.message}` : '')}`, { reasons: reasons ?? [] });
  }
}

/** APIM's "Access denied due to missing/invalid subscription key…": a new token would not help. */
function isSubscriptionKeyRefusal(body: unknown): boolean {
  return /subscription key/i.test(apimErrorSchema.safeParse(body).data?.message ?? '');
}

function isOrganisationProblem(reasons: ServiceError[] | undefined): boolean {
  return reasons?.some((r) => r.field === 'organizationNumber') ?? false;
}
