/**
 * Severa's access token (other-systems.md §1, "Auth"): `POST /v1/token { client_id, client_secret, scope }` answers
 * `access_token` and `access_token_expires_in`. The token and its expiry are kept in ctx.sessions (sealed in the
 * database, shared by every worker of the tenant) under `severa:<clientId>`, renewed a minute before it expires,
 * and once more when Severa answers 401 anyway (revoked, or the clocks disagree). The secret and the token go
 * into the request and nowhere else: never a log line, never a message.
 */
import { z } from 'zod';
import type { ConnectorContext } from '../types';
import { tokenSchema } from './wire';

/** Renewed this long before Severa says it expires, so a token never dies between our check and Severa's. */
export const RENEW_MARGIN_MS = 60_000;

const storedSchema = z.object({ accessToken: z.string().min(1), expiresAt: z.number() });
type Stored = z.output<typeof storedSchema>;

export interface TokenRequest {
  /** POSTs the credentials to /v1/token and answers the parsed body (a failure is thrown as a ConnectorError). */
  (body: { client_id: string; client_secret: string; scope: string }): Promise<unknown>;
}

export class SeveraToken {
  private fetching: Promise<string> | undefined;

  constructor(
    private readonly credentials: { clientId: string; clientSecret: string; scope: string },
    private readonly ctx: ConnectorContext,
    private readonly requestToken: TokenRequest,
    private readonly parse: (value: unknown) => z.output<typeof tokenSchema>,
  ) {}

  get key(): string {
    return `severa:${this.credentials.clientId}`;
  }

  /** A token good for at least the margin: the stored one, or a new one. */
  async current(): Promise<string> {
    const stored = await this.stored();
    if (stored && stored.expiresAt - RENEW_MARGIN_MS > Date.now()) return stored.accessToken;
    return this.renew(stored?.accessToken);
  }

  /** A new token, unless another worker already replaced `stale`; one request at a time per instance. */
  async renew(stale: string | undefined): Promise<string> {
    const stored = await this.stored();
    if (stored && stored.accessToken !== stale && stored.expiresAt - RENEW_MARGIN_MS > Date.now()) return stored.accessToken;
    this.fetching ??= this.fetch().finally(() => { this.fetching = undefined; });
    return this.fetching;
  }

  /** Forget the stored token (its scopes are stale once an administrator changed them in Severa). */
  async forget(): Promise<void> {
    await this.ctx.sessions.delete(this.key);
  }

  private async fetch(): Promise<string> {
    const { clientId, clientSecret, scope } = this.credentials;
    const answer = this.parse(await this.requestToken({ client_id: clientId, client_secret: clientSecret, scope }));
    const stored: Stored = { accessToken: answer.access_token, expiresAt: Date.now() + answer.access_token_expires_in * 1000 };
    await this.ctx.sessions.set(this.key, JSON.stringify(stored));
    this.ctx.log.info('severa token obtained', { clientId, expiresInSeconds: answer.access_token_expires_in });
    return stored.accessToken;
  }

  private async stored(): Promise<Stored | undefined> {
    const text = await this.ctx.sessions.get(this.key);
    if (!text) return undefined;
    try {
      return storedSchema.parse(JSON.parse(text));
    } catch {
      return undefined; // a cache written by an older version: ask for a new token
    }
  }
}
