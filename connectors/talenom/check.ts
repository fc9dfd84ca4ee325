/**
 * The "test integration" button: is the token issued, does APIM accept the subscription key, and does the
 * organisation answer (its sales accounts are read)? Every problem is an item with the fix; nothing is thrown
 * for a problem an operator can fix.
 */
import { isConnectorError } from '../errors';
import type { CheckItem, CheckReport } from '../types';
import type { TalenomClient } from './client';
import { salesAccounts } from './ledger';

export async function check(client: TalenomClient): Promise<CheckReport> {
  const items: CheckItem[] = [];
  const report = (): CheckReport => ({ system: 'talenom', ok: items.every((i) => i.ok), items });
  const org = client.organizationNumber;
  try {
    const accounts = await salesAccounts(client);
    items.push({ name: 'token', ok: true, detail: 'Talenom issued an access token for the client id and secret.' });
    items.push({ name: 'subscription key', ok: true, detail: 'Azure APIM accepted the subscription key.' });
    items.push({ name: 'organisation', ok: true, detail: `Working in Talenom organisation ${org}; ${accounts.length} sales account(s).` });
    return report();
  } catch (err) {
    if (!isConnectorError(err)) throw err;
    const retry = err.retryable ? ' This is temporary; test again later.' : '';
    const tokenFailed = err.message.startsWith('Talenom token');
    const keyFailed = !tokenFailed && err.type === 'LoginFailed';
    items.push({ name: 'token', ok: !tokenFailed, detail: tokenFailed ? err.message + retry : 'Talenom issued an access token for the client id and secret.' });
    items.push({ name: 'subscription key', ok: !tokenFailed && !keyFailed, detail: tokenFailed ? 'Not checked: no token.' : keyFailed ? err.message : 'Azure APIM accepted the subscription key.' });
    items.push({ name: 'organisation', ok: false, detail: tokenFailed || keyFailed ? 'Not checked: the API could not be reached.' : err.message + retry });
    return report();
  }
}
