/**
 * The "test integration" button: a token for the client credentials, the organisation readable, the invoice
 * statuses readable, and (with `statusNames`, e.g. the tenant's waiting and transferred statuses) each of them
 * present and active. Every problem is an item with a sentence for the operator; nothing an operator can fix
 * is thrown.
 */
import { isConnectorError } from '../errors';
import type { CheckItem, CheckReport } from '../types';
import type { SeveraClient } from './client';
import { invoiceStatuses } from './masterData';
import type { InvoiceStatus } from './model';
import { organization } from './organization';

export async function check(client: SeveraClient, options: { statusNames?: string[] } = {}): Promise<CheckReport> {
  const items: CheckItem[] = [];
  const report = (): CheckReport => ({ system: 'severa', ok: items.every((i) => i.ok), items });
  const problem = (err: unknown) => {
    if (!isConnectorError(err)) throw err;
    return err.message + (err.retryable ? ' This is temporary; test again later.' : '');
  };

  try {
    await client.ensureToken();
    items.push({ name: 'token', ok: true, detail: 'Severa issued a token for the client credentials.' });
  } catch (err) {
    items.push({ name: 'token', ok: false, detail: problem(err) });
    items.push({ name: 'organization', ok: false, detail: 'Not checked: no token.' });
    items.push({ name: 'invoice statuses', ok: false, detail: 'Not checked: no token.' });
    return report();
  }

  try {
    const org = await organization(client);
    items.push({ name: 'organization', ok: true, detail: `Working in Severa organisation ${org.name} (Y-tunnus ${org.businessId}).` });
  } catch (err) {
    items.push({ name: 'organization', ok: false, detail: problem(err) });
  }

  let statuses: InvoiceStatus[];
  try {
    statuses = await invoiceStatuses(client);
    items.push({ name: 'invoice statuses', ok: true, detail: `${statuses.length} invoice status(es) can be read.` });
  } catch (err) {
    items.push({ name: 'invoice statuses', ok: false, detail: problem(err) });
    return report();
  }

  for (const name of options.statusNames ?? []) items.push(statusItem(name, statuses, client.tenant));
  return report();
}

function statusItem(name: string, statuses: InvoiceStatus[], tenant: string): CheckItem {
  const item = `status "${name}"`;
  const found = statuses.find((s) => s.name === name);
  const existing = statuses.filter((s) => s.isActive).map((s) => `"${s.name}"`).join(', ') || 'none';
  if (!found) {
    return { name: item, ok: false, detail: `Severa has no invoice status "${name}"; the active ones are ${existing}. Create it in Severa ` +
      `(Settings → Invoices → Invoice statuses) or correct the name in the tenant's severa settings (ledgerbridge tenants settings ${tenant} severa='{…}').` };
  }
  if (!found.isActive) {
    return { name: item, ok: false, detail: `Severa's invoice status "${name}" is not active; activate it in Severa (Settings → Invoices → ` +
      `Invoice statuses) or choose an active one: ${existing}.` };
  }
  return { name: item, ok: true, detail: `Invoice status "${name}" exists and is active${found.isReadOnly ? ' (read-only: invoices in it are locked)' : ''}.` };
}
