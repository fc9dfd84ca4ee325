/**
 * DUELL's error answers (./README.md, "Errors") as ConnectorErrors that say what to do. Every message names the
 * tenant and the customer number, never the token.
 */
import { ConnectorError } from '../errors';
import { rateLimited } from '../shared/retryAfter';
import type { ConnectorContext } from '../types';
import type { DuellErrorBody } from './wire';

export interface FailedAnswer {
  status: number;
  error: DuellErrorBody | undefined;
  retryAfter: string | string[] | undefined;
}

export const CREDENTIALS_FIX = 'check customer number and token in DUELL Backoffice > API-oppsett';

export async function duellFailure(ctx: ConnectorContext, at: string, answer: FailedAnswer, customerNumber: string): Promise<ConnectorError> {
  const { status, error } = answer;
  const said = error ? ` (${error.code}: ${error.message})` : '';
  if (status === 400 && error?.code === 'validation_failed') {
    const reasons = [{ ...(error.field ? { field: error.field } : {}), message: error.message }];
    return new ConnectorError('ValidationFailed', `${at}: DUELL refused the request, nothing was saved — ${error.field ? `${error.field}: ` : ''}${error.message}`, { reasons });
  }
  if (status === 401 || status === 403) {
    return new ConnectorError('LoginFailed', `${at}: DUELL refused the login${said}; ${CREDENTIALS_FIX}, then store them in the tenant's ` +
      `DUELL connection (ledgerbridge connections add ${ctx.tenant} --system duell --name <connection> --setting customerNumber=… ` +
      '--credentials-stdin with {"token":"…"} replaces it)');
  }
  if (status === 429) return rateLimited(ctx, 'duell', at, answer.retryAfter, `DUELL rate limit for customer ${customerNumber}`);
  if (status >= 500) {
    return new ConnectorError('Unavailable', `${at}: DUELL answered HTTP ${status}${said}; this is temporary and is retried — ` +
      'a write may have been saved, and saving it again is harmless (customers and products are upserted by number)');
  }
  if (status === 404) return new ConnectorError('Rejected', `${at}: DUELL has no such resource${said}`);
  return new ConnectorError('Rejected', `${at}: DUELL answered HTTP ${status}${said}`);
}
