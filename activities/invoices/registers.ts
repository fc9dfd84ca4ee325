/**
 * The product register and the sales ledger, Severa → Talenom, incremental by `changedSince` cursors: products,
 * work types and travel-expense types become Talenom products (by code, mapped like an invoice row's); open
 * items and payments become Talenom's sales-ledger items (by invoice number). Both targets upsert, so a page sent
 * twice changes nothing; a cursor moves only after its page is in Talenom. A cursor is the time the read began by
 * our clock, compared with Severa's lastUpdatedDateTime: this assumes both clocks keep time (NTP), as a change
 * stamped earlier than our cursor after the read would wait for its next change.
 */
import type { SalesLedgerItem } from '../../connectors/talenom';
import type { Invoice } from '../../connectors/severa';
import { createExportLogRepo, createSyncCursorRepo } from '../../db/repos';
import { heartbeat } from '@temporalio/activity';
import type { ActivityDeps } from '../deps';
import { withFailures } from '../failures';
import { loadCodeMap, openInvoiceSystems } from './context';
import type { RunRef } from './run';
import { salesAccountOf } from './salesInvoice';

/** Items per upsert call. */
const PAGE = 200;

export interface RegisterOutcome {
  sent: number;
  created: number;
  updated: number;
  /** Items left out, with why (no code). */
  skipped: number;
}

export async function transferProducts(deps: ActivityDeps, ref: RunRef): Promise<RegisterOutcome> {
  return withFailures(async () => {
    const { severa, talenom } = await openInvoiceSystems(deps, ref.tenant);
    const codeOf = await loadCodeMap(deps, ref.tenant);
    const cursors = createSyncCursorRepo(deps.db);
    const outcome: RegisterOutcome = { sent: 0, created: 0, updated: 0, skipped: 0 };
    const skippedNames: string[] = [];
    const streams = [
      { stream: 'products', kind: 'product' as const, items: (since?: string) => severa.products({ changedSince: since }) },
      { stream: 'work-types', kind: 'work-type' as const, items: (since?: string) => severa.workTypes({ changedSince: since }) },
      { stream: 'travel-expense-types', kind: 'travel-expense' as const, items: (since?: string) => severa.travelExpenseTypes({ changedSince: since }) },
    ];
    for (const { stream, kind, items } of streams) {
      const since = await cursors.get(ref.tenant, 'severa', stream);
      const started = new Date().toISOString();
      const pages = inPages(talenom.upsertProducts.bind(talenom), outcome, { stream });
      for await (const item of items(since)) {
        heartbeat({ stream, read: item.guid });
        if (!item.code) {
          outcome.skipped++;
          skippedNames.push(`${kind} "${item.name}"`);
          continue;
        }
        const p = item as { unitPrice?: { amount: number }; vatRate?: number; measurementUnit?: string };
        await pages.add({
          code: codeOf(kind, item.code) ?? item.code,
          name: item.name,
          // Severa's work types carry no unit: they are sold by the hour.
          unit: p.measurementUnit ?? (kind === 'work-type' ? 'h' : undefined),
          unitPrice: p.unitPrice?.amount,
          vatPercent: p.vatRate,
          salesAccountNumber: item.salesAccount?.number ? salesAccountOf(codeOf, item.salesAccount.number, p.vatRate) : undefined,
          isActive: item.isActive,
        });
      }
      await pages.flush();
      await cursors.set(ref.tenant, 'severa', stream, started);
    }
    await createExportLogRepo(deps.db).record({
      tenant: ref.tenant, flow: 'invoice-transfer', entityType: 'product-register', sourceId: ref.workflowId, workflowId: ref.workflowId,
      outcome: outcome.skipped > 0 ? 'warning' : 'ok',
      message: `product register: ${outcome.sent} sent to Talenom (${outcome.created} new, ${outcome.updated} updated)` +
        (outcome.skipped > 0 ? `; ${outcome.skipped} without code left out (${skippedNames.slice(0, 5).join(', ')}${skippedNames.length > 5 ? ', …' : ''}): give them Talenom's product codes in Severa` : ''),
    });
    return outcome;
  });
}

export async function transferSalesLedger(deps: ActivityDeps, ref: RunRef): Promise<RegisterOutcome> {
  return withFailures(async () => {
    const { severa, talenom } = await openInvoiceSystems(deps, ref.tenant);
    const cursors = createSyncCursorRepo(deps.db);
    const since = await cursors.get(ref.tenant, 'severa', 'sales-ledger');
    const started = new Date().toISOString();
    const outcome: RegisterOutcome = { sent: 0, created: 0, updated: 0, skipped: 0 };
    const pages = inPages(talenom.upsertSalesLedger.bind(talenom), outcome, { stream: 'sales-ledger' });
    for await (const invoice of severa.invoices({ changedSince: since })) {
      heartbeat({ read: invoice.guid });
      const item = ledgerItem(invoice);
      if (!item) {
        outcome.skipped++;
        continue;
      }
      await pages.add(item);
    }
    await pages.flush();
    await cursors.set(ref.tenant, 'severa', 'sales-ledger', started);
    await createExportLogRepo(deps.db).record({
      tenant: ref.tenant, flow: 'invoice-transfer', entityType: 'sales-ledger', sourceId: ref.workflowId, workflowId: ref.workflowId, outcome: 'ok',
      message: `sales ledger: ${outcome.sent} open item(s) and payment(s) sent to Talenom (${outcome.created} new, ${outcome.updated} updated); ${outcome.skipped} draft(s) not yet invoiced left out`,
    });
    return outcome;
  });
}

/** Items upserted `PAGE` at a time, counted in the outcome, with a heartbeat per page. */
function inPages<T>(upsert: (items: T[]) => Promise<{ created: number; updated: number }>, outcome: RegisterOutcome, progress: Record<string, unknown>) {
  let page: T[] = [];
  const flush = async () => {
    if (page.length === 0) return;
    const result = await upsert(page);
    outcome.sent += page.length;
    outcome.created += result.created;
    outcome.updated += result.updated;
    page = [];
    heartbeat({ ...progress, sent: outcome.sent });
  };
  return {
    async add(item: T) {
      page.push(item);
      if (page.length === PAGE) await flush();
    },
    flush,
  };
}

/** A sent invoice is an open item until paid; a draft (not sent, no number) is not in the ledger yet. */
export function ledgerItem(invoice: Invoice): SalesLedgerItem | undefined {
  if (invoice.number === undefined || !(invoice.status.isSent || invoice.status.isWaitingPayment || invoice.status.isPaid)) return undefined;
  const amount = Math.round(invoice.totalIncludingTax.amount * 100);
  const paidOn = invoice.status.isPaid ? invoice.paymentDate ?? invoice.lastUpdatedDateTime.slice(0, 10) : undefined;
  return {
    invoiceNumber: String(invoice.number),
    contactNumber: String((invoice.billingCustomer ?? invoice.customer).number ?? ''),
    referenceNumber: invoice.referenceNumber ?? '',
    date: invoice.date,
    dueDate: invoice.dueDate,
    currency: invoice.currency.code,
    amount,
    openAmount: paidOn ? 0 : amount,
    payments: paidOn ? [{ date: paidOn, amount }] : [],
  };
}
