/**
 * CostTracker's error answers (./README.md, "Errors") as ConnectorErrors that say what to do. Every message
 * names the tenant and the organisation, never the token.
 */
import { ConnectorError } from '../errors';
import { rateLimited } from '../shared/retryAfter';
import type { ConnectorContext } from '../types';
import type { CostTrackerErrorBody } from './wire';

export interface FailedAnswer {
  status: number;
  error: CostTrackerErrorBody | undefined;
  retryAfter: string | string[] | undefined;
}

const TOKEN_FIX = 'create an API token in CostTracker (Settings → Integrations → API tokens) for the organisation and store it in ' +
  "the tenant's CostTracker connection";

export async function costTrackerFailure(ctx: ConnectorContext, at: string, answer: FailedAnswer, organisationId: string): Promise<ConnectorError> {
  const { status, error } = answer;
  const said = error ? ` (${error.code}: ${error.message})` : '';
  if (status === 400 && error?.code === 'validation_failed') {
    const reasons = (error.details ?? []).map((d) => ({ field: d.field, message: d.message }));
    const listed = reasons.map((r) => (r.field ? `${r.field}: ${r.message}` : r.message)).join('; ');
    return new ConnectorError('ValidationFailed', `${at}: CostTracker refused the request, nothing was applied — ${listed || error.message}`, { reasons });
  }
  if (status === 401) {
    return new ConnectorError('LoginFailed', `${at}: the API token was refused${said}; ${TOKEN_FIX} ` +
      `(ledgerbridge connections add ${ctx.tenant} --system costtracker … replaces it)`);
  }
  if (status === 403 || (status === 404 && error?.code === 'organisation_not_found')) {
    return new ConnectorError('IdentityBlocked', `${at}: the token does not reach organisation ${organisationId}${said}; check organisationId ` +
      `in the connection settings (CostTracker shows it under Settings → Organisation), or ${TOKEN_FIX}`);
  }
  if (status === 429) return rateLimited(ctx, 'costtracker', at, answer.retryAfter, `CostTracker rate limit for organisation ${organisationId}`);
  if (status >= 500) {
    return new ConnectorError('Unavailable', `${at}: CostTracker answered HTTP ${status}${said}; this is temporary and is retried — ` +
      'the request may have been processed, so look a write up before repeating it');
  }
  if (status === 404) return new ConnectorError('Rejected', `${at}: CostTracker has no such resource${said}`);
  return new ConnectorError('Rejected', `${at}: CostTracker answered HTTP ${status}${said}`);
}
