/**
 * Send one prepared invoice to Talenom: the customer first (upserted by number, so sending it again is harmless),
 * then the Finvoice document through the exactly-once protocol keyed by the Severa invoice: after a lost answer
 * Talenom is asked by our document id before anything goes out again.
 */
import { createHash } from 'node:crypto';
import { isConnectorError } from '../../connectors/errors';
import type { Talenom, TalenomContact } from '../../connectors/talenom';
import { createCrossReferenceRepo, createExportLogRepo, createIdempotencyRepo, createInvoiceTransferRepo } from '../../db/repos';
import { finvoiceDocument } from '../../domain/finvoice';
import type { SalesInvoice } from '../../domain/invoice/salesInvoice';
import type { RetryRequest } from '../../workflows/attention';
import type { ActivityDeps } from '../deps';
import { exactlyOnce, isEdgeRefusal, requestHash } from '../exactlyOnce';
import { withFailures } from '../failures';
import { attention, invoiceKey, openInvoiceSystems, ROUTE } from './context';
import type { InvoiceRef } from './prepare';
import { metrics } from '../../platform/metrics';

export async function upsertCustomer(deps: ActivityDeps, ref: InvoiceRef): Promise<{ contactId: string; created: boolean }> {
  return withFailures(async () => {
    const { invoice } = await prepared(deps, ref);
    const { talenom } = await openInvoiceSystems(deps, ref.tenant);
    const result = await talenom.upsertContact(contactOf(invoice));
    await createCrossReferenceRepo(deps.db).link(ref.tenant, ROUTE, 'customer', invoice.buyer.customerNumber, result.contactId, 'engine');
    return result;
  });
}

export async function sendInvoice(deps: ActivityDeps, ref: InvoiceRef & { contactId: string; retry?: RetryRequest }): Promise<{ talenomId: string; alreadyThere: boolean }> {
  return withFailures(async () => {
    const { invoice, documentAt } = await prepared(deps, ref);
    const { talenom, settings } = await openInvoiceSystems(deps, ref.tenant);
    const xml = finvoiceDocument(invoice, { messageId: ref.invoiceGuid, timestamp: documentAt.toISOString() });
    const documentHash = createHash('sha256').update(xml, 'utf8').digest('hex');
    const key = invoiceKey(ref.invoiceGuid);
    const label = `tenant ${ref.tenant}, invoice ${invoice.number}`;
    let talenomId = '';
    const idempotency = createIdempotencyRepo(deps.db);
    const record = await idempotency.get(ref.tenant, 'talenom', key);
    if (ref.retry?.resolution === 'in-target' && record?.state === 'confirmed') {
      // The operator corrected the earlier transfer in Talenom: nothing is sent, the invoice is only marked, and
      // Talenom counts as holding this content, so the same invoice set to waiting again is not a conflict.
      await idempotency.reconfirm(ref.tenant, 'talenom', key, requestHash(invoice), 'an operator saw Talenom holding this content (corrected by hand)');
      await createExportLogRepo(deps.db).record({
        tenant: ref.tenant, flow: 'invoice-transfer', entityType: 'invoice', sourceId: ref.invoiceGuid, targetId: record.externalId, outcome: 'ok', workflowId: ref.workflowId,
        message: `invoice ${invoice.number}: an operator says Talenom holds the right invoice; not sent again`,
      });
      await createInvoiceTransferRepo(deps.db).update(ref.tenant, ref.invoiceGuid, { stage: 'marking', talenomId: record.externalId });
      return { talenomId: record.externalId ?? ref.invoiceGuid, alreadyThere: true };
    }
    try {
      const outcome = await exactlyOnce(deps.db, {
        tenant: ref.tenant,
        system: 'talenom',
        documents: [{ key, request: invoice }],
        lookUp: async () => new Map([[key, found(await talenom.invoiceByDocumentId(ref.invoiceGuid), documentHash)]]),
        send: async () => answerOf(talenom, { documentId: ref.invoiceGuid, contactId: ref.contactId, finvoiceXml: xml }, key),
        resolution: ref.retry?.resolution,
        externalId: () => ref.invoiceGuid,
        onConfirmed: async (tx, confirmed) => {
          talenomId = confirmed[0]!.externalId;
          await createInvoiceTransferRepo(tx).update(ref.tenant, ref.invoiceGuid, { stage: 'marking', talenomId });
          await createExportLogRepo(tx).record({
            tenant: ref.tenant, flow: 'invoice-transfer', entityType: 'invoice', sourceId: ref.invoiceGuid, targetId: talenomId, outcome: 'ok', workflowId: ref.workflowId,
            message: `invoice ${invoice.number} (${invoice.buyer.name}) ${confirmed[0]!.how === 'sent' ? 'received by Talenom' : 'found at Talenom after an uncertain send; not sent again'}`,
          });
        },
        onRefused: async (tx, _docs, reason) => {
          await createExportLogRepo(tx).record({
            tenant: ref.tenant, flow: 'invoice-transfer', entityType: 'invoice', sourceId: ref.invoiceGuid, outcome: 'failed', workflowId: ref.workflowId,
            message: `invoice ${invoice.number} refused by Talenom: ${reason}`,
          });
        },
        counted: { counter: metrics.invoicesTransferred, flow: 'invoice-transfer' },
      });
      if (!talenomId) talenomId = (await createInvoiceTransferRepo(deps.db).find(ref.tenant, ref.invoiceGuid))?.talenomId ?? ref.invoiceGuid;
      return { talenomId, alreadyThere: outcome.alreadyThere.length > 0 };
    } catch (err) {
      if (!isEdgeRefusal(err)) throw err;
      if (err.kind === 'refused') {
        // Talenom books this organisation's sales by sales account while the tenant's settings say it does not.
        const fix = !settings.salesAccountsInUse && err.reason.includes('RowNormalProposedAccountIdentifier')
          ? `Talenom books by sales account: ledgerbridge tenants settings ${ref.tenant} severa='{"salesAccountsInUse":true}'`
          : 'Fix the invoice in Severa or the mapping';
        throw attention('Rejected', `${label}: Talenom refused it: ${err.reason}. ${fix}, then: ledgerbridge invoices retry ${ref.tenant} ${invoice.number}`);
      }
      if (err.kind === 'conflict') {
        throw attention('DuplicateMismatch', `${label} went to Talenom before with other content (it changed in Severa after it was transferred, or was set to waiting again); ` +
          'a second transfer would not update Talenom. Either make the same change in Talenom, then: ' +
          `ledgerbridge invoices retry ${ref.tenant} ${invoice.number} --in-target (only marks it transferred); or credit it in Severa and transfer the credit note and a new invoice, ` +
          `then set this one to the transferred status in Severa by hand and: ledgerbridge invoices cancel ${ref.tenant} ${invoice.number} (while it waits in Severa, every run takes it again)`);
      }
      throw attention('OutcomeUnknown', `${label}: the answer to its send was lost and Talenom cannot be asked; look for document id ${ref.invoiceGuid} in Talenom, then: ` +
        `ledgerbridge invoices retry ${ref.tenant} ${invoice.number} --in-target, or --resend`);
    }
  });
}

async function prepared(deps: ActivityDeps, ref: InvoiceRef): Promise<{ invoice: SalesInvoice; documentAt: Date }> {
  const row = await createInvoiceTransferRepo(deps.db).find(ref.tenant, ref.invoiceGuid);
  if (!row?.document || !row.documentAt) throw attention('ValidationFailed', `tenant ${ref.tenant}, invoice ${ref.invoiceGuid} was not prepared; run it again: ledgerbridge invoices run ${ref.tenant}`);
  return { invoice: row.document as SalesInvoice, documentAt: row.documentAt };
}

function found(received: Awaited<ReturnType<Talenom['invoiceByDocumentId']>>, documentHash: string): 'there' | 'absent' | 'different' {
  if (!received) return 'absent';
  return received.documentHash === documentHash ? 'there' : 'different';
}

async function answerOf(talenom: Talenom, invoice: Parameters<Talenom['sendInvoice']>[0], key: string) {
  try {
    const received = await talenom.sendInvoice(invoice);
    return { kind: 'applied' as const, externalIds: new Map([[key, received.id]]) };
  } catch (err) {
    if (isConnectorError(err, 'Rejected') || isConnectorError(err, 'ValidationFailed')) return { kind: 'refused' as const, reason: err.message };
    if (isConnectorError(err) && (err.type as string) === 'DuplicateData') return { kind: 'taken' as const, reason: err.message };
    throw err;
  }
}

export function contactOf(invoice: SalesInvoice): TalenomContact {
  const { buyer } = invoice;
  return {
    number: buyer.customerNumber,
    type: buyer.businessId ? 'Company' : 'Consumer',
    name: buyer.name,
    businessId: buyer.businessId,
    vatNumber: buyer.vatNumber,
    currency: invoice.currency,
    invoiceLanguage: buyer.language === 'sv' ? 'sv-FI' : buyer.language === 'en' ? 'en-GB' : 'fi-FI',
    invoicingAddress: { address1: buyer.address.street, postalCode: buyer.address.postalCode, postOffice: buyer.address.city, country: buyer.address.countryCode },
    // Removing the e-invoice address in Severa turns e-invoicing off at Talenom: null, not absent.
    eInvoiceAddress: buyer.eInvoice ? { address: buyer.eInvoice.address, operator: buyer.eInvoice.operator } : null,
    email: buyer.email,
  };
}
