/**
 * A transfer run's own steps: which invoices wait in Severa, which invoices are in "transferred" that we never
 * transferred or that changed after their transfer (the anomalies), and the run's line in the export log.
 */
import { heartbeat } from '@temporalio/activity';
import { createExportLogRepo, createInvoiceTransferRepo, createSyncCursorRepo } from '../../db/repos';
import type { SalesInvoice } from '../../domain/invoice/salesInvoice';
import type { ActivityDeps } from '../deps';
import { requestHash } from '../exactlyOnce';
import { withFailures } from '../failures';
import { loadCodeMap, loadInvoiceSettings, openInvoiceSystems, transferStatuses } from './context';
import { buildSalesInvoice } from './salesInvoice';
import { severaInvoiceData } from './prepare';

export interface RunRef {
  tenant: string;
  workflowId: string;
}

export interface WaitingInvoice {
  guid: string;
  number?: string;
  customer: string;
}

/** At most this many invoices per run keep the run's history small; the rest go with the next run. */
export const MAX_INVOICES_PER_RUN = 500;

export async function listWaitingInvoices(deps: ActivityDeps, ref: RunRef): Promise<{ invoices: WaitingInvoice[]; more: boolean; concurrency: number }> {
  return withFailures(async () => {
    const systems = await openInvoiceSystems(deps, ref.tenant);
    const { waiting } = await transferStatuses(systems.severa, systems.settings, ref.tenant);
    const transfers = createInvoiceTransferRepo(deps.db);
    const invoices: WaitingInvoice[] = [];
    let more = false;
    for await (const invoice of systems.severa.invoices({ invoiceStatusGuids: [waiting.guid] })) {
      if (invoices.length === MAX_INVOICES_PER_RUN) {
        more = true;
        break;
      }
      heartbeat({ listed: invoices.length });
      const number = invoice.number !== undefined ? String(invoice.number) : undefined;
      invoices.push({ guid: invoice.guid, number, customer: invoice.customer.name });
      const known = await transfers.find(ref.tenant, invoice.guid);
      if (!known || known.stage === 'cancelled' || known.stage === 'not-ours') {
        await transfers.save(ref.tenant, invoice.guid, {
          stage: 'waiting', number, customer: invoice.customer.name, currency: invoice.currency.code,
          totalMinor: Math.round(invoice.totalIncludingTax.amount * 100), attention: null, anomaly: null,
        });
      }
    }
    return { invoices, more, concurrency: systems.settings.concurrency };
  });
}

export interface Anomalies {
  neverTransferred: { guid: string; number?: string }[];
  changedAfter: { guid: string; number?: string; fields: string[] }[];
}

/** Invoices in "transferred" changed since the last scan: moved there by hand, or edited after their transfer. */
export async function scanAnomalies(deps: ActivityDeps, ref: RunRef): Promise<Anomalies> {
  return withFailures(async () => {
    const systems = await openInvoiceSystems(deps, ref.tenant);
    const { transferred, waiting } = await transferStatuses(systems.severa, systems.settings, ref.tenant);
    const cursors = createSyncCursorRepo(deps.db);
    const transfers = createInvoiceTransferRepo(deps.db);
    const log = createExportLogRepo(deps.db);
    const since = await cursors.get(ref.tenant, 'severa', 'transferred-invoices');
    const scanStarted = new Date().toISOString();
    const found: Anomalies = { neverTransferred: [], changedAfter: [] };
    if (since === undefined) {
      // The first scan starts the watch: invoices in "transferred" from before ledgerbridge (sent by Talenom's own
      // poller, say) are not ours to report, and moving them back to waiting would send them twice.
      await cursors.set(ref.tenant, 'severa', 'transferred-invoices', scanStarted);
      return found;
    }
    const codeOf = await loadCodeMap(deps, ref.tenant);
    for await (const invoice of systems.severa.invoices({ invoiceStatusGuids: [transferred.guid], changedSince: since })) {
      heartbeat({ scanned: invoice.guid });
      const number = invoice.number !== undefined ? String(invoice.number) : undefined;
      const row = await transfers.find(ref.tenant, invoice.guid);
      if (!row?.talenomId) {
        const anomaly = `in "${transferred.name}" but never transferred by ledgerbridge (set by hand?): Talenom does not have it. ` +
          `Fix: move it back to "${waiting.name}" in Severa; the next run transfers it`;
        if (row?.anomaly !== anomaly) {
          await transfers.save(ref.tenant, invoice.guid, {
            stage: row?.stage === 'needs-attention' ? 'needs-attention' : 'not-ours', number, customer: invoice.customer.name, anomaly,
            currency: invoice.currency.code, totalMinor: Math.round(invoice.totalIncludingTax.amount * 100),
          });
          await log.record({ tenant: ref.tenant, flow: 'invoice-transfer', entityType: 'invoice', sourceId: invoice.guid, outcome: 'warning', workflowId: ref.workflowId, message: `invoice ${number ?? invoice.guid} ${anomaly}` });
        }
        found.neverTransferred.push({ guid: invoice.guid, number });
        continue;
      }
      if (!row.sourceUpdatedAt || Date.parse(invoice.lastUpdatedDateTime) <= Date.parse(row.sourceUpdatedAt) || !row.document) continue;
      const now = buildSalesInvoice(await severaInvoiceData(systems, invoice), codeOf, { salesAccountsInUse: systems.settings.salesAccountsInUse }).invoice;
      const fields = now ? changedFields(row.document as SalesInvoice, now) : ['the invoice can no longer be read as an invoice'];
      if (fields.length === 0) continue;
      const anomaly = `Talenom not updated: ${fields.join(', ')} changed in Severa after the transfer on ${row.transferredAt?.toISOString().slice(0, 10) ?? '?'}. ` +
        'Fix: make the same change in Talenom, or credit the invoice in Severa and transfer a new one';
      if (row.anomaly !== anomaly) {
        await transfers.update(ref.tenant, invoice.guid, { anomaly });
        await log.record({ tenant: ref.tenant, flow: 'invoice-transfer', entityType: 'invoice', sourceId: invoice.guid, outcome: 'warning', workflowId: ref.workflowId, message: `invoice ${number ?? invoice.guid}: ${anomaly}` });
      }
      found.changedAfter.push({ guid: invoice.guid, number, fields });
    }
    await cursors.set(ref.tenant, 'severa', 'transferred-invoices', scanStarted);
    return found;
  });
}

/** The fields of the invoice as sent that differ now, by name: "due date", "rows", "customer address". */
export function changedFields(sent: SalesInvoice, now: SalesInvoice): string[] {
  // The document as sent comes back from jsonb with its keys reordered: compare content, not key order.
  const same = (a: unknown, b: unknown) => requestHash(a) === requestHash(b);
  const fields: [string, unknown, unknown][] = [
    ['number', sent.number, now.number], ['date', sent.date, now.date], ['due date', sent.dueDate, now.dueDate],
    ['currency', sent.currency, now.currency], ['reference', sent.referenceNumber, now.referenceNumber],
    ['customer', sent.buyer.customerNumber, now.buyer.customerNumber], ['customer address', sent.buyer.address, now.buyer.address],
    ['e-invoice address', sent.buyer.eInvoice, now.buyer.eInvoice], ['our reference', sent.ourReference, now.ourReference],
    ['your reference', sent.yourReference, now.yourReference], ['order number', sent.orderNumber, now.orderNumber],
    ['notes', sent.notes, now.notes], ['rows', sent.rows, now.rows], ['totals', sent.totals, now.totals],
  ];
  return fields.filter(([, a, b]) => !same(a, b)).map(([name]) => name);
}

export interface RunSummary {
  transferred: string[];
  alreadyTransferred: string[];
  notWaiting: string[];
  needsAttention: string[];
  stillRunning: string[];
  failed: string[];
  anomalies: Anomalies;
  more: boolean;
}

export async function recordRunSummary(deps: ActivityDeps, ref: RunRef & { summary: RunSummary }): Promise<string> {
  const s = ref.summary;
  const { waitingStatus } = await loadInvoiceSettings(deps, ref.tenant);
  const parts = [
    `${s.transferred.length} transferred`,
    s.alreadyTransferred.length ? `${s.alreadyTransferred.length} already transferred` : '',
    s.needsAttention.length ? `${s.needsAttention.length} need attention (${s.needsAttention.join(', ')})` : '',
    s.stillRunning.length ? `${s.stillRunning.length} still in progress from an earlier run (${s.stillRunning.join(', ')})` : '',
    s.failed.length ? `${s.failed.length} failed (${s.failed.join(', ')})` : '',
    s.notWaiting.length ? `${s.notWaiting.length} no longer waiting` : '',
    s.anomalies.neverTransferred.length ? `${s.anomalies.neverTransferred.length} in transferred but never transferred (${s.anomalies.neverTransferred.map((a) => a.number ?? a.guid).join(', ')}): ` +
      `move them back to "${waitingStatus}" in Severa; the next run transfers them` : '',
    s.anomalies.changedAfter.length ? `${s.anomalies.changedAfter.length} changed after transfer, Talenom not updated (${s.anomalies.changedAfter.map((a) => `${a.number ?? a.guid}: ${a.fields.join('/')}`).join(', ')})` : '',
    s.more ? `more invoices wait than one run takes (${MAX_INVOICES_PER_RUN}): the next run goes on` : '',
  ].filter(Boolean);
  const message = `transfer run: ${parts.join('; ')}`;
  const problems = s.needsAttention.length + s.failed.length + s.anomalies.neverTransferred.length + s.anomalies.changedAfter.length;
  await createExportLogRepo(deps.db).record({ tenant: ref.tenant, flow: 'invoice-transfer', entityType: 'run', sourceId: ref.workflowId, outcome: problems > 0 ? 'warning' : 'ok', workflowId: ref.workflowId, message });
  return message;
}
