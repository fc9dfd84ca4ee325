/**
 * Severa's error answers (ExceptionModel, other-systems.md §1 "Errors") as ConnectorErrors that say what to do.
 * Every message names the tenant and the client id, never the secret or the token.
 */
import { ConnectorError } from '../errors';
import { rateLimited } from '../shared/retryAfter';
import type { ConnectorContext } from '../types';
import { DEFAULT_SCOPES } from './config';
import { errorText, type SeveraErrorBody } from './wire';

export interface FailedAnswer {
  status: number;
  error: SeveraErrorBody | undefined;
  retryAfter: string | string[] | undefined;
}

const SCOPE_FIX = "add it in Severa under Settings → Integrations → REST API → edit the client credentials' scopes";

export async function severaFailure(ctx: ConnectorContext, at: string, answer: FailedAnswer, scope: string | undefined): Promise<ConnectorError> {
  const { status, error } = answer;
  const said = error ? ` (${errorText(error)})` : '';
  if (status === 403 && error?.type === 'InsufficientApiScope') {
    const which = scope ? `the scope ${scope}` : 'a scope this call needs';
    return new ConnectorError('Rejected', `${at}: the client credentials lack ${which}${said}; ${SCOPE_FIX}, and keep it in the ` +
      `connection's scope (default "${DEFAULT_SCOPES}")`);
  }
  if (status === 403 && error?.type === 'AddonMissing') {
    return new ConnectorError('Rejected', `${at}: the organisation lacks a Severa add-on${said}; order it in Severa (gear → Order), e.g. the REST API add-on`);
  }
  if (status === 429) return rateLimited(ctx, 'severa', at, answer.retryAfter, 'Severa rate limit');
  if (status >= 500) {
    return new ConnectorError('Unavailable', `${at}: Severa answered HTTP ${status}${said}; this is temporary and is retried — ` +
      'the request may have been processed, so look a write up before repeating it');
  }
  if (status === 404) return new ConnectorError('Rejected', `${at}: Severa has no such resource${said}`);
  return new ConnectorError('Rejected', `${at}: Severa answered HTTP ${status}${said}`);
}

/** The token endpoint refused the credentials: the fix is in Severa and in the connection. */
export function loginFailed(ctx: ConnectorContext, at: string, answer: FailedAnswer): ConnectorError {
  const said = answer.error ? ` (${errorText(answer.error)})` : '';
  return new ConnectorError('LoginFailed', `${at}: Severa refused the client credentials${said}; check the client id and secret ` +
    'in Severa (Settings → Integrations → REST API) and store them in the tenant\'s Severa connection ' +
    `(ledgerbridge connections add ${ctx.tenant} --system severa --name <connection> --credentials-stdin replaces them)`);
}
