/**
 * The 24SevenOffice session (API doc §3): Login returns an id that travels as the ASP.NET_SessionId cookie on
 * every service of both hosts. Sessions are cached per tenant and identity in ctx.sessions, shared by every worker
 * and connector instance, because repeated logins get throttled. We do NOT call HasSession before each request
 * (that doubles the use of the hourly limit): we call, and on a not-authenticated answer log in once and retry once.
 */
import { ConnectorError, isConnectorError } from '../errors';
import type { ConnectorContext } from '../types';
import type { TwentyFourSevenOfficeConfig } from './config';
import type { SoapTransport } from './soap-client';
import type { ServiceName } from './services';
import { compact } from './wire';

export function sessionKey(tenant: string, identityId: string | undefined): string {
  return `24sevenoffice:${tenant}:${identityId ?? 'default'}`;
}

export class Session {
  private identityId: string | undefined;
  private loggingIn: Promise<string> | undefined;

  constructor(
    private readonly transport: SoapTransport,
    private readonly config: TwentyFourSevenOfficeConfig,
    private readonly ctx: ConnectorContext,
  ) {
    this.identityId = config.settings.identityId;
  }

  get identity(): string | undefined {
    return this.identityId;
  }

  get key(): string {
    return sessionKey(this.ctx.tenant, this.identityId);
  }

  get tenant(): string {
    return this.ctx.tenant;
  }

  /** A request with an explicit session id, for use inside run(). */
  transportCall(service: ServiceName, operation: string, args: Record<string, unknown>, sessionId: string): Promise<Record<string, unknown>> {
    return this.transport.call(service, operation, args, sessionId);
  }

  /** One request with the session; a not-authenticated answer gets one fresh login and one retry. */
  async call(service: ServiceName, operation: string, args: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    return this.run((sessionId) => this.transport.call(service, operation, args, sessionId), operation);
  }

  /** Like call(), the answer's SOAP envelope as text, for a caller that parses a large answer itself. */
  async callForText(service: ServiceName, operation: string, args: Record<string, unknown> = {}): Promise<string> {
    return this.run((sessionId) => this.transport.callForText(service, operation, args, sessionId), operation);
  }

  /** Like call(), for operations that report "not authenticated" in-band (SaveBundleList's SaveResponse). */
  async run<T>(attempt: (sessionId: string) => Promise<T>, operation: string): Promise<T> {
    const sessionId = await this.current();
    try {
      return await attempt(sessionId);
    } catch (err) {
      if (!isConnectorError(err, 'NotAuthenticated')) throw err;
      this.ctx.log.info('24sevenoffice session expired; logging in again', { operation, identity: this.identityId ?? 'default' });
      const fresh = await this.renew(sessionId);
      try {
        return await attempt(fresh);
      } catch (again) {
        if (!isConnectorError(again, 'NotAuthenticated')) throw again;
        throw new ConnectorError('NotAuthenticated', `24SevenOffice ${operation} for tenant ${this.ctx.tenant}: not authenticated ` +
          'even right after a fresh login; the user may have lost access to the company, check the user in 24SevenOffice', { cause: again });
      }
    }
  }

  /**
   * Works in another company from now on (API doc §3, multi-company users). A fresh session is logged in and
   * switched with SetIdentityById; the session cached for the previous identity is never switched in place,
   * because other workers may be using it for that company at this moment.
   */
  async switchIdentity(identityId: string): Promise<void> {
    const cached = await this.ctx.sessions.get(sessionKey(this.ctx.tenant, identityId));
    if (!cached) {
      const sessionId = await this.login(undefined);
      const result = await this.transport.call('auth', 'SetIdentityById', { identityId }, sessionId);
      if (String(result.SetIdentityByIdResult) !== 'true') {
        throw new ConnectorError('IdentityBlocked', `24SevenOffice refused identity ${identityId} for user ${this.config.credentials.username} ` +
          `(tenant ${this.ctx.tenant}): it is blocked or not one of the user's companies; pick one from the identities list`);
      }
      await this.ctx.sessions.set(sessionKey(this.ctx.tenant, identityId), sessionId);
    }
    this.identityId = identityId;
  }

  private async current(): Promise<string> {
    return (await this.ctx.sessions.get(this.key)) ?? this.renew(undefined);
  }

  /** Logs in unless another worker already replaced the stale session; one login at a time per instance. */
  private async renew(stale: string | undefined): Promise<string> {
    const stored = await this.ctx.sessions.get(this.key);
    if (stored && stored !== stale) return stored;
    if (!this.loggingIn) {
      const key = this.key;
      this.loggingIn = this.login(this.identityId)
        .then(async (sessionId) => { await this.ctx.sessions.set(key, sessionId); return sessionId; })
        .finally(() => { this.loggingIn = undefined; });
    }
    return this.loggingIn;
  }

  private async login(identityId: string | undefined): Promise<string> {
    const { applicationId, username, password } = this.config.credentials;
    let result: Record<string, unknown>;
    try {
      // Credential fields in WSDL order: ApplicationId, IdentityId, Password, Username (plain password, §3).
      result = await this.transport.call('auth', 'Login', {
        credential: compact({ ApplicationId: applicationId, IdentityId: identityId, Password: password, Username: username }),
      });
    } catch (err) {
      if (isConnectorError(err, 'NotAuthenticated') || isConnectorError(err, 'SoapFault')) throw this.loginFailed(err.message, err);
      throw err;
    }
    const sessionId = typeof result.LoginResult === 'string' ? result.LoginResult.trim() : '';
    if (!sessionId) throw this.loginFailed('the login was refused (empty LoginResult)');
    this.ctx.log.info('24sevenoffice logged in', { identity: identityId ?? 'default' });
    return sessionId;
  }

  private loginFailed(reason: string, cause?: unknown): ConnectorError {
    const { username } = this.config.credentials;
    return new ConnectorError('LoginFailed', `24SevenOffice login for tenant ${this.ctx.tenant} as ${username} failed: ${reason}; ` +
      'correct the username, password or application id of the tenant\'s 24sevenoffice connection ' +
      `(ledgerbridge connections add ${this.ctx.tenant} --system 24sevenoffice --name <connection> --credentials-stdin replaces them), ` +
      `then test it with ledgerbridge connections test ${this.ctx.tenant} <connection>`, { cause });
  }
}
