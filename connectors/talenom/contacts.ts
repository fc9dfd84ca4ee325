/** Contacts (customers) at Talenom: upserted by `number`, the shape of Talenom's documented contact. */
import type { TalenomContact } from '.';
import type { TalenomClient } from './client';
import { contactIdSchema, contactSchema, listOf } from './wire';

export async function upsertContact(client: TalenomClient, contact: TalenomContact): Promise<{ contactId: string; created: boolean }> {
  const res = await client.call('upsertContact', 'POST', '/contacts', {
    body: {
      organizationNumber: client.organizationNumber,
      type: contact.type,
      number: contact.number,
      name: contact.name,
      businessId: contact.businessId ?? null,
      vatNumber: contact.vatNumber ?? null,
      currency: contact.currency,
      InvoiceLanguage: contact.invoiceLanguage,
      invoicingAddress: contact.invoicingAddress,
      // An explicit null turns e-invoicing off (the address was removed at the source); never omitted.
      eInvoiceAddress: contact.eInvoiceAddress?.address ?? null,
      eInvoiceOperator: contact.eInvoiceAddress?.operator ?? null,
      email: contact.email ?? null,
    },
  });
  const { contactId } = client.parse(contactIdSchema, res.body, `contact ${contact.number}`);
  return { contactId, created: res.status === 201 };
}

export async function contact(client: TalenomClient, number: string): Promise<(TalenomContact & { contactId: string }) | undefined> {
  const res = await client.call('contact', 'GET', '/contacts', { query: { number } });
  const found = client.parse(listOf(contactSchema), res.body, `contacts with number ${number}`).results.find((c) => c.number === number);
  if (!found) return undefined;
  return {
    contactId: found.contactId,
    number: found.number,
    type: found.type,
    name: found.name,
    ...(found.businessId ? { businessId: found.businessId } : {}),
    ...(found.vatNumber ? { vatNumber: found.vatNumber } : {}),
    currency: found.currency,
    invoiceLanguage: found.InvoiceLanguage,
    invoicingAddress: found.invoicingAddress,
    eInvoiceAddress: found.eInvoiceAddress && found.eInvoiceOperator ? { address: found.eInvoiceAddress, operator: found.eInvoiceOperator } : null,
    ...(found.email ? { email: found.email } : {}),
  };
}
