/**
 * Sales invoices into Talenom as Finvoice 3.0 documents (INFERRED path, ./README.md): one POST per document with
 * our document id, by which an uncertain send is looked up.
 */
import type { ReceivedInvoice } from '.';
import type { TalenomClient } from './client';
import { listOf, receivedInvoiceSchema } from './wire';

export async function sendInvoice(client: TalenomClient, invoice: { documentId: string; contactId: string; finvoiceXml: string }): Promise<ReceivedInvoice> {
  const res = await client.call('sendInvoice', 'POST', '/invoices/finvoice', {
    query: { contactId: invoice.contactId, documentId: invoice.documentId },
    body: invoice.finvoiceXml,
    contentType: 'application/xml; charset=utf-8',
  });
  return client.parse(receivedInvoiceSchema, res.body, `answer to invoice document ${invoice.documentId}`);
}

export async function invoiceByDocumentId(client: TalenomClient, documentId: string): Promise<ReceivedInvoice | undefined> {
  const res = await client.call('invoiceByDocumentId', 'GET', '/invoices', { query: { documentId } });
  return client.parse(listOf(receivedInvoiceSchema), res.body, `invoices with document id ${documentId}`).results.find((i) => i.documentId === documentId);
}
