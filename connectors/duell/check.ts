/**
 * The "test integration" button: DUELL accepts the customer number and token, and has departments to settle.
 * Every problem is an item with a sentence for the operator.
 */
import { isConnectorError } from '../errors';
import type { CheckItem, CheckReport } from '../types';
import type { DuellClient } from './client';
import { departments } from './masterData';

export async function check(client: DuellClient): Promise<CheckReport> {
  const items: CheckItem[] = [];
  try {
    const found = await departments(client);
    items.push({ name: 'login', ok: true, detail: `DUELL accepted customer number ${client.settings.customerNumber} and its token.` });
    const active = found.filter((d) => d.active);
    items.push(active.length > 0
      ? { name: 'departments', ok: true, detail: `${active.length} active department(s): ${active.map((d) => `${d.id} ${d.name}`).join(', ')}.` }
      : { name: 'departments', ok: false, detail: 'DUELL has no active department for this customer, so there are no Z-reports to settle; create one in DUELL Backoffice.' });
  } catch (err) {
    if (!isConnectorError(err)) throw err;
    items.push({ name: 'login', ok: false, detail: err.message + (err.retryable ? ' This is temporary; test again later.' : '') });
  }
  return { system: 'duell', ok: items.every((i) => i.ok), items };
}
