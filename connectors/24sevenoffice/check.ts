/**
 * The "test integration" button: can we log in, which company do we work in, and do the accounts and voucher
 * types the tenant's mappings use exist there? Every problem is an item with a sentence for the operator;
 * nothing is thrown for a problem an operator can fix.
 */
import { isConnectorError } from '../errors';
import type { CheckItem, CheckReport } from '../types';
import { accounts, voucherTypes } from './accounts';
import type { TwentyFourSevenOfficeConfig } from './config';
import { currentIdentity } from './identities';
import type { Session } from './session';

export async function check(session: Session, config: TwentyFourSevenOfficeConfig): Promise<CheckReport> {
  const { settings, credentials } = config;
  const items: CheckItem[] = [];
  const report = () => ({ system: '24sevenoffice' as const, ok: items.every((i) => i.ok), items });

  // Login and identity in one: GetIdentity needs a session, so it logs in (or reuses the cached session).
  try {
    const identity = await currentIdentity(session);
    items.push({ name: 'login', ok: true, detail: `Logged in to 24SevenOffice as ${credentials.username}.` });
    if (!identity) {
      items.push({ name: 'identity', ok: false, detail: 'The session has no current company; set identityId to one of the user\'s identities.' });
    } else if (settings.identityId && identity.id.toLowerCase() !== settings.identityId.toLowerCase()) {
      items.push({ name: 'identity', ok: false, detail: `Working in ${identity.companyName} (identity ${identity.id}), not in the configured identity ${settings.identityId}; check identityId in the connection settings.` });
    } else {
      items.push({ name: 'identity', ok: true, detail: `Working in company ${identity.companyName} (identity ${identity.id}).` });
    }
  } catch (err) {
    if (!isConnectorError(err)) throw err;
    const retry = err.retryable ? ' This is temporary; test again later.' : '';
    if (err.type === 'IdentityBlocked') {
      items.push({ name: 'login', ok: true, detail: `The credentials of ${credentials.username} were accepted.` });
      items.push({ name: 'identity', ok: false, detail: err.message });
    } else {
      items.push({ name: 'login', ok: false, detail: err.message + retry });
      items.push({ name: 'identity', ok: false, detail: 'Not checked: there is no session.' });
    }
    for (const no of settings.mappedAccounts ?? []) items.push({ name: `account ${no}`, ok: false, detail: 'Not checked: there is no session.' });
    for (const no of settings.mappedVoucherTypes ?? []) items.push({ name: `voucher type ${no}`, ok: false, detail: 'Not checked: there is no session.' });
    return report();
  }

  if (settings.mappedAccounts?.length) {
    const list = await listed(() => accounts(session), settings.mappedAccounts.map((no) => `account ${no}`), items);
    const chart = new Map((list ?? []).map((a) => [a.accountNo, a]));
    if (list) for (const no of settings.mappedAccounts) {
      const account = chart.get(no);
      items.push(account
        ? { name: `account ${no}`, ok: true, detail: `Account ${no} ${account.name} exists.` }
        : { name: `account ${no}`, ok: false, detail: `Account ${no} is mapped but does not exist in 24SevenOffice; create it there or change the mapping in the tenant's settings.` });
    }
  }
  if (settings.mappedVoucherTypes?.length) {
    const list = await listed(() => voucherTypes(session), settings.mappedVoucherTypes.map((no) => `voucher type ${no}`), items);
    const types = new Map((list ?? []).map((t) => [t.typeNo, t]));
    if (list) for (const no of settings.mappedVoucherTypes) {
      const type = types.get(no);
      items.push(type
        ? { name: `voucher type ${no}`, ok: true, detail: `Voucher type ${no} ${type.title} exists.` }
        : { name: `voucher type ${no}`, ok: false, detail: `Voucher type ${no} is mapped but does not exist in 24SevenOffice; create it there (Settings → voucher types) or change the mapping in the tenant's settings.` });
    }
  }
  return report();
}

/** A list the checks need; when it cannot be read, each dependent item fails with the reason. */
async function listed<T>(load: () => Promise<T[]>, names: string[], items: CheckItem[]): Promise<T[] | undefined> {
  try {
    return await load();
  } catch (err) {
    if (!isConnectorError(err)) throw err;
    for (const name of names) items.push({ name, ok: false, detail: `Not checked: ${err.message}` });
    return undefined;
  }
}
