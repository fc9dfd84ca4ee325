/**
 * Invoices, their rows and what lies behind each row (other-systems.md §1, "Invoices"), and the status change
 * that marks an invoice transferred.
 */
import type { SeveraClient } from './client';
import type { Invoice, InvoiceQuery, InvoiceRow, RowSources } from './model';
import { invoiceRowSchema, invoiceSchema, projectFeeSchema, projectTravelExpenseSchema, workHourSchema } from './wire';

const READ = 'invoices:read';
const segment = (guid: string) => encodeURIComponent(guid);

/** GET /v1/invoices: filters as Severa takes them (repeated keys for arrays, changedSince >= an ISO instant). */
export function invoices(client: SeveraClient, query: InvoiceQuery): AsyncGenerator<Invoice> {
  return client.pages('/v1/invoices', invoiceSchema, 'invoice', {
    scope: READ,
    query: { invoiceStatusGuids: query.invoiceStatusGuids, numbers: query.numbers, changedSince: query.changedSince },
  });
}

export async function invoice(client: SeveraClient, guid: string): Promise<Invoice | undefined> {
  const path = `/v1/invoices/${segment(guid)}`;
  const res = await client.call('GET', path, { scope: READ, notFoundIsUndefined: true });
  return res && client.parse(invoiceSchema, res.body, `GET ${path}`, 'invoice');
}

export function invoiceRows(client: SeveraClient, invoiceGuid: string): Promise<InvoiceRow[]> {
  return client.all(`/v1/invoices/${segment(invoiceGuid)}/invoicerows`, invoiceRowSchema, 'row', { scope: READ });
}

/**
 * The row's work hours, project fees and travel expenses: a row carries no product or work-type code of its own
 * (other-systems.md §1, "InvoiceRowOutputModel"), its sources do. Each kind needs its own scope.
 */
export async function rowSources(client: SeveraClient, rowGuid: string): Promise<RowSources> {
  const base = `/v1/invoicerows/${segment(rowGuid)}`;
  const [hours, fees, travels] = await Promise.all([
    client.all(`${base}/workhours`, workHourSchema, 'work hour', { scope: 'hours:read' }),
    client.all(`${base}/projectfees`, projectFeeSchema, 'project fee', { scope: 'fees:read' }),
    client.all(`${base}/projecttravelexpenses`, projectTravelExpenseSchema, 'travel expense', { scope: 'travels:read' }),
  ]);
  return {
    workTypes: distinct(hours.map((h) => h.workType)),
    products: distinct(fees.map((f) => f.product)),
    travelExpenses: distinct(travels.map((t) => t.travelExpense)),
  };
}

/**
 * PATCH /v1/invoices/{guid} with a JSON Patch replacing /status/guid (INFERRED from projects' /salesStatus/guid,
 * README.md). Severa refuses it while the invoice sits in a read-only status; entering a status with
 * hasInvoiceNumber gives the invoice its number. The answer is the invoice; an array of one is accepted too.
 */
export async function setInvoiceStatus(client: SeveraClient, invoiceGuid: string, statusGuid: string): Promise<Invoice> {
  const path = `/v1/invoices/${segment(invoiceGuid)}`;
  const res = (await client.call('PATCH', path, {
    scope: 'invoices:write',
    body: [{ op: 'replace', path: '/status/guid', value: statusGuid }],
  }))!;
  const body = Array.isArray(res.body) && res.body.length === 1 ? res.body[0] : res.body;
  return client.parse(invoiceSchema, body, `PATCH ${path}`, 'invoice');
}

/** Hours of one work type are many entries behind one row: each source once. */
function distinct<T extends { guid: string }>(items: T[]): T[] {
  return [...new Map(items.map((i) => [i.guid, i])).values()];
}
