/**
 * Prepare one invoice: read it, its rows and what lies behind them, its customer and the seller from Severa; map
 * the codes; check what Talenom will check (each row's sales account and VAT % against its sales ledger); keep
 * the invoice as it will be sent. What a person must fix fails the step with every problem named; warnings (a row
 * without code) go to the export log and the invoice goes on.
 */
import type { Invoice } from '../../connectors/severa';
import { createExportLogRepo, createIdempotencyRepo, createInvoiceTransferRepo } from '../../db/repos';
import { displayMinor } from '../../domain/money';
import type { SalesInvoice } from '../../domain/invoice/salesInvoice';
import type { ActivityDeps } from '../deps';
import { requestHash } from '../exactlyOnce';
import { withFailures } from '../failures';
import { attention, invoiceKey, loadCodeMap, openInvoiceSystems, transferStatuses, type InvoiceSystems } from './context';
import { buildSalesInvoice, type SeveraInvoiceData } from './salesInvoice';

export interface InvoiceRef {
  tenant: string;
  invoiceGuid: string;
  workflowId: string;
}

export type Prepared =
  | { kind: 'ready'; number: string; customer: string; total: string; warnings: number }
  /** ledgerbridge transferred it before and Severa shows it transferred: nothing to do. */
  | { kind: 'already-transferred'; number: string }
  /** No longer waiting (moved back to draft, deleted): nothing is sent. */
  | { kind: 'not-waiting'; number?: string; status: string };

export async function prepareInvoice(deps: ActivityDeps, ref: InvoiceRef): Promise<Prepared> {
  return withFailures(async () => {
    const systems = await openInvoiceSystems(deps, ref.tenant);
    const { severa } = systems;
    const transfers = createInvoiceTransferRepo(deps.db);
    const [invoice, statuses, row] = await Promise.all([
      severa.invoice(ref.invoiceGuid), transferStatuses(severa, systems.settings, ref.tenant), transfers.find(ref.tenant, ref.invoiceGuid),
    ]);
    const label = `tenant ${ref.tenant}, invoice ${invoice?.number ?? ref.invoiceGuid}`;
    if (!invoice) return { kind: 'not-waiting', status: 'deleted in Severa' };
    const number = invoice.number !== undefined ? String(invoice.number) : undefined;
    if (invoice.status.guid === statuses.transferred.guid && row?.talenomId) return { kind: 'already-transferred', number: number ?? ref.invoiceGuid };
    if (invoice.status.guid !== statuses.waiting.guid && !row?.talenomId) return { kind: 'not-waiting', number, status: invoice.status.name };

    // A send whose answer was lost is settled against the document that went out, not a newer one: until Talenom
    // has been asked, the stored document and its timestamp stay as they were.
    const earlier = await createIdempotencyRepo(deps.db).get(ref.tenant, 'talenom', invoiceKey(ref.invoiceGuid));
    if (earlier?.state === 'sent' && row?.document && row.documentAt) {
      const sent = row.document as SalesInvoice;
      return { kind: 'ready', number: sent.number, customer: sent.buyer.name, total: displayMinor(sent.totals.gross, sent.currency), warnings: row.warnings.length };
    }

    const data = await severaInvoiceData(systems, invoice);
    const built = buildSalesInvoice(data, await loadCodeMap(deps, ref.tenant), { salesAccountsInUse: systems.settings.salesAccountsInUse });
    if (built.invoice && systems.settings.salesAccountsInUse) built.problems.push(...(await salesAccountProblems(systems, built.invoice, ref.tenant)));
    if (built.problems.length > 0 || !built.invoice) {
      throw attention('ValidationFailed', `${label} ${built.problems.join('; ')}. Then: ledgerbridge invoices retry ${ref.tenant} ${number ?? ref.invoiceGuid}`);
    }

    const sales = built.invoice;
    // Compared as content: the stored document comes back from jsonb with its keys in another order.
  const changed = row?.document !== undefined && row.document !== null && requestHash(row.document) !== requestHash(sales);
    await transfers.save(ref.tenant, ref.invoiceGuid, {
      stage: 'sending', number: sales.number, customer: sales.buyer.name, totalMinor: sales.totals.gross, currency: sales.currency,
      document: sales, warnings: built.warnings, workflowId: ref.workflowId, attention: null, sourceUpdatedAt: invoice.lastUpdatedDateTime,
      // The document's timestamp is fixed once, so the same invoice always gives the same bytes (and hash).
      documentAt: row?.documentAt && !changed ? row.documentAt : new Date(),
    });
    if (built.warnings.length > 0) {
      await createExportLogRepo(deps.db).recordAll(built.warnings.map((w) => ({
        tenant: ref.tenant, flow: 'invoice-transfer', entityType: 'invoice', sourceId: ref.invoiceGuid, outcome: 'warning' as const,
        message: `invoice ${sales.number}: ${w}`, workflowId: ref.workflowId,
      })));
    }
    return { kind: 'ready', number: sales.number, customer: sales.buyer.name, total: displayMinor(sales.totals.gross, sales.currency), warnings: built.warnings.length };
  });
}

/** Everything Severa holds for one invoice, in as few calls as its API allows. */
export async function severaInvoiceData({ severa }: InvoiceSystems, invoice: Invoice): Promise<SeveraInvoiceData> {
  const customerGuid = (invoice.billingCustomer ?? invoice.customer)?.guid;
  // The customer first: one removed in Severa is the invoice's problem to name, and its addresses would only 404.
  const customer = customerGuid ? await severa.customer(customerGuid) : undefined;
  const [rows, addresses, organization] = await Promise.all([
    severa.invoiceRows(invoice.guid),
    customer ? severa.customerAddresses(customer.guid) : Promise.resolve([]),
    severa.organization(),
  ]);
  const withSources = [];
  for (const row of rows.sort((a, b) => a.sortOrder - b.sortOrder)) {
    // Flat-rate rows have nothing behind them.
    const sources = row.rowType === 'FlatRate' ? { workTypes: [], products: [], travelExpenses: [] } : await severa.rowSources(row.guid);
    withSources.push({ row, sources });
  }
  return { invoice, rows: withSources, customer, addresses, organization };
}

/** Talenom's rule, checked before sending: each row's sales account and VAT % must be an account of its sales ledger. */
async function salesAccountProblems({ talenom }: InvoiceSystems, invoice: SalesInvoice, tenant: string): Promise<string[]> {
  const accounts = await talenom.salesAccounts();
  const problems: string[] = [];
  invoice.rows.forEach((row, i) => {
    const where = `row ${i + 1} "${row.description}"`;
    if (!row.salesAccount) {
      problems.push(`${where} has no sales account (VAT ${row.vatPercent} %): set one on the row, its work type or product in Severa`);
      return;
    }
    const account = accounts.find((a) => a.number === row.salesAccount);
    if (account && account.vatPercent === row.vatPercent) return;
    const fits = accounts.filter((a) => a.vatPercent === row.vatPercent).map((a) => a.number);
    problems.push(`${where}: sales account ${row.salesAccount} with VAT ${row.vatPercent} % ` +
      (account ? `is VAT ${account.vatPercent} % in Talenom's sales ledger` : 'is not in Talenom\'s sales ledger') +
      (fits.length > 0 ? `; map it to one with ${row.vatPercent} % (${fits.join(', ')}): ledgerbridge mappings set ${tenant} sales-account ${row.sourceSalesAccount ?? row.salesAccount}@${row.vatPercent}=${fits[0]} --source severa --target talenom`
        : `; Talenom has no sales account with VAT ${row.vatPercent} %: ask Talenom to add one`));
  });
  return problems;
}
