/**
 * OAuth 2 client credentials against Talenom's token endpoint (INFERRED: Azure AD style, form-encoded
 * grant_type, client_id, client_secret, scope; ./README.md). The token is kept in the tenant's session store
 * with its expiry, so every worker reuses it until a minute before it runs out. Neither the secret nor the
 * token ever appears in a log line or a message.
 */
import { ConnectorError } from '../errors';
import { externalCall } from '../shared/externalCall';
import { boundedRequest, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS } from '../shared/http';
import type { ConnectorContext } from '../types';
import type { TalenomConfig } from './config';
import { describeIssue, tokenErrorSchema, tokenSchema } from './wire';

/** Renewed this long before Talenom says it expires: a call never starts with a token about to die. */
const EARLY_MS = 60_000;

export class TokenSource {
  private readonly key: string;

  constructor(private readonly config: TalenomConfig, private readonly ctx: ConnectorContext, private readonly where: string) {
    this.key = `talenom:token:${config.settings.tokenUrl}:${config.credentials.clientId}`;
  }

  async token(): Promise<string> {
    const cached = await this.ctx.sessions.get(this.key);
    if (cached) {
      const { token, expiresAt } = JSON.parse(cached) as { token: string; expiresAt: number };
      if (expiresAt - EARLY_MS > Date.now()) return token;
    }
    return this.fetch();
  }

  /** The token was refused (401): forget it, so the next token() asks for a new one. */
  async forget(): Promise<void> {
    await this.ctx.sessions.delete(this.key);
  }

  private async fetch(): Promise<string> {
    const { settings, credentials } = this.config;
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret, scope: settings.scope }).toString();
    const res = await externalCall(this.ctx, 'talenom', () => boundedRequest({
      url: settings.tokenUrl,
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(form), Accept: 'application/json' },
      body: form,
      timeoutMs: settings.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxBytes: settings.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    }), (answer) => answer.status).catch((err: unknown) => {
      if (err instanceof ConnectorError) throw new ConnectorError(err.type, `Talenom token (${this.where}): ${err.message}`, { cause: err });
      throw err;
    });
    const body = safeJson(res.body);
    const at = `Talenom token (${this.where})`;
    if (res.status >= 500) throw new ConnectorError('Unavailable', `${at}: the token endpoint answered HTTP ${res.status}; this is temporary and is retried`);
    if (res.status !== 200) {
      const said = tokenErrorSchema.safeParse(body).data;
      throw new ConnectorError('LoginFailed', `${at}: client ${credentials.clientId} was refused (HTTP ${res.status}${said ? `, ${said.error}${said.error_description ? `: ${said.error_description}` : ''}` : ''}); ` +
        `check the client id and secret from Talenom (integraatiot@talenom.fi) and store them again: ledgerbridge connections add ${this.ctx.tenant} --system talenom …`);
    }
    const parsed = tokenSchema.safeParse(body);
    if (!parsed.success) throw new ConnectorError('MalformedResponse', `${at}: the token answer is not what OAuth 2 promises: ${describeIssue(parsed.error)}`);
    const expiresAt = Date.now() + parsed.data.expires_in * 1000;
    await this.ctx.sessions.set(this.key, JSON.stringify({ token: parsed.data.access_token, expiresAt }));
    this.ctx.log.debug('talenom token', { expiresAt: new Date(expiresAt).toISOString() });
    return parsed.data.access_token;
  }
}

export function safeJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
