/**
 * The "test integration" button: is the token accepted, does it reach the configured company, and can the
 * batches for export be read? Every problem is an item with a sentence for the operator; nothing is thrown
 * for a problem an operator can fix.
 */
import { isConnectorError } from '../errors';
import type { CheckItem, CheckReport } from '../types';
import { openBatch } from './batches';
import type { TelarisClient } from './client';
import { companySchema } from './wire';

export async function check(client: TelarisClient): Promise<CheckReport> {
  const items: CheckItem[] = [];
  const report = (): CheckReport => ({ system: 'telaris', ok: items.every((i) => i.ok), items });
  const companyNo = client.companyNo;

  try {
    const res = await client.call('company', 'GET', '');
    const company = client.parse(companySchema, res.body, `company ${companyNo}`);
    items.push({ name: 'token', ok: true, detail: 'Telaris accepted the API token.' });
    items.push({ name: 'company', ok: true, detail: `Working in Telaris company ${company.companyNo} ${company.name} (org. no. ${company.organizationNumber}).` });
  } catch (err) {
    if (!isConnectorError(err)) throw err;
    const retry = err.retryable ? ' This is temporary; test again later.' : '';
    if (err.type === 'IdentityBlocked') {
      items.push({ name: 'token', ok: true, detail: 'Telaris accepted the API token.' });
      items.push({ name: 'company', ok: false, detail: err.message });
    } else {
      items.push({ name: 'token', ok: false, detail: err.message + retry });
      items.push({ name: 'company', ok: false, detail: 'Not checked: the token was not accepted.' });
    }
    items.push({ name: 'batches', ok: false, detail: 'Not checked: the company could not be reached.' });
    return report();
  }

  try {
    const open = await openBatch(client);
    items.push({ name: 'batches', ok: true, detail: `Batches for export can be read; the open batch has ${open.documentCount} document(s).` });
  } catch (err) {
    if (!isConnectorError(err)) throw err;
    items.push({ name: 'batches', ok: false, detail: `${err.message}${err.retryable ? ' This is temporary; test again later.' : ''}` });
  }
  return report();
}
