/** Post mode: supplier invoices received in CostTracker, and marking one posted with the accounting system's voucher number. */
import { ConnectorError } from '../errors';
import type { CostTrackerClient } from './client';
import type { ReceivedInvoice } from './model';
import { receivedInvoiceSchema } from './wire';

export function receivedInvoices(client: CostTrackerClient, query: { status?: ReceivedInvoice['status'] } = {}): AsyncGenerator<ReceivedInvoice[]> {
  return client.pages('receivedInvoices', '/received-invoices', receivedInvoiceSchema, 'received invoice', { status: query.status ?? 'approved' });
}

export async function receivedInvoice(client: CostTrackerClient, id: string): Promise<ReceivedInvoice | undefined> {
  const res = await client.call('receivedInvoice', 'GET', `/received-invoices/${encodeURIComponent(id)}`, { accept: ['received_invoice_not_found'] });
  if (res.error) return undefined;
  return client.parse(receivedInvoiceSchema, res.body, `received invoice ${id}`);
}

/** Idempotent with the same voucher number; another number is refused (the invoice was posted elsewhere). */
export async function markPosted(client: CostTrackerClient, id: string, voucherNo: number): Promise<ReceivedInvoice> {
  const res = await client.call('markPosted', 'POST', `/received-invoices/${encodeURIComponent(id)}/posted`, {
    body: { voucherNo }, accept: ['already_posted', 'not_approved', 'received_invoice_not_found'],
  });
  const at = `CostTracker markPosted (${client.where})`;
  switch (res.error?.code) {
    case undefined:
      return client.parse(receivedInvoiceSchema, res.body, `received invoice ${id}`);
    case 'already_posted':
      throw new ConnectorError('Rejected', `${at}: received invoice ${id} is already marked posted with another voucher (${res.error.message}), ` +
        `not ${voucherNo}; look both vouchers up in the accounting system — one of them is a double posting to reverse`);
    case 'not_approved':
      throw new ConnectorError('Rejected', `${at}: received invoice ${id} is not approved (${res.error.message}); approve it in CostTracker ` +
        'before it is posted, or leave it out');
    default:
      throw new ConnectorError('Rejected', `${at}: CostTracker has no received invoice ${id} (${res.error!.message}); it may have been deleted in CostTracker`);
  }
}
