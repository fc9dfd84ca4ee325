/**
 * The last step of one invoice: Severa's status set to transferred (a PATCH whose repeat is harmless: read first,
 * so a lost answer is not sent again), with the invoice's lastUpdatedDateTime kept to notice later changes.
 */
import { createExportLogRepo, createInvoiceTransferRepo } from '../../db/repos';
import type { ActivityDeps } from '../deps';
import { withFailures } from '../failures';
import { attention, openInvoiceSystems, transferStatuses } from './context';
import type { InvoiceRef } from './prepare';

export async function markTransferred(deps: ActivityDeps, ref: InvoiceRef & { talenomId: string }): Promise<{ number: string; warnings: number }> {
  return withFailures(async () => {
    const systems = await openInvoiceSystems(deps, ref.tenant);
    const { transferred } = await transferStatuses(systems.severa, systems.settings, ref.tenant);
    const transfers = createInvoiceTransferRepo(deps.db);
    const row = await transfers.find(ref.tenant, ref.invoiceGuid);
    let invoice = await systems.severa.invoice(ref.invoiceGuid);
    if (!invoice) {
      throw attention('ValidationFailed', `tenant ${ref.tenant}, invoice ${row?.number ?? ref.invoiceGuid} is at Talenom (id ${ref.talenomId}) but was deleted in Severa; ` +
        `nothing to mark: cancel with ledgerbridge invoices cancel ${ref.tenant} ${row?.number ?? ref.invoiceGuid}`);
    }
    const number = row?.number ?? String(invoice.number ?? ref.invoiceGuid);
    const { waiting } = await transferStatuses(systems.severa, systems.settings, ref.tenant);
    if (invoice.status.guid !== transferred.guid && invoice.status.guid !== waiting.guid) {
      throw attention('ValidationFailed', `tenant ${ref.tenant}, invoice ${number} is at Talenom (id ${ref.talenomId}) but was moved to "${invoice.status.name}" in Severa ` +
        `while it was being transferred; set it to "${transferred.name}" in Severa if Talenom's copy is right, then: ledgerbridge invoices retry ${ref.tenant} ${number}`);
    }
    // Changed in Severa after it was prepared: keep the prepared baseline, so the next scan names what Talenom lacks.
    const changedSincePrepared = row?.sourceUpdatedAt !== null && row?.sourceUpdatedAt !== undefined &&
      Date.parse(invoice.lastUpdatedDateTime) > Date.parse(row.sourceUpdatedAt);
    if (invoice.status.guid !== transferred.guid) invoice = await systems.severa.setInvoiceStatus(ref.invoiceGuid, transferred.guid);
    const warnings = row?.warnings.length ?? 0;
    await transfers.update(ref.tenant, ref.invoiceGuid, {
      stage: 'transferred', sourceUpdatedAt: changedSincePrepared ? row!.sourceUpdatedAt : invoice.lastUpdatedDateTime,
      transferredAt: new Date(), attention: null, anomaly: null,
    });
    await createExportLogRepo(deps.db).record({
      tenant: ref.tenant, flow: 'invoice-transfer', entityType: 'invoice', sourceId: ref.invoiceGuid, targetId: ref.talenomId, outcome: 'ok', workflowId: ref.workflowId,
      message: `invoice ${number} transferred: Severa status set to "${transferred.name}"${warnings > 0 ? `; ${warnings} warning(s), see above` : ''}`,
    });
    return { number, warnings };
  });
}

/** Where operators look: the invoice's stage and why it waits. */
export async function recordInvoiceStage(deps: ActivityDeps, ref: InvoiceRef & { stage: string; attention: string | null }): Promise<void> {
  const transfers = createInvoiceTransferRepo(deps.db);
  const stage = ref.stage as Parameters<typeof transfers.save>[2]['stage'];
  await transfers.save(ref.tenant, ref.invoiceGuid, { stage, attention: ref.attention, workflowId: ref.workflowId });
  if (stage === 'cancelled') {
    await createExportLogRepo(deps.db).record({
      tenant: ref.tenant, flow: 'invoice-transfer', entityType: 'invoice', sourceId: ref.invoiceGuid, outcome: 'skipped', workflowId: ref.workflowId,
      message: `invoice ${(await transfers.find(ref.tenant, ref.invoiceGuid))?.number ?? ref.invoiceGuid} cancelled: ${ref.attention ?? ''}; it stays in its Severa status`,
    });
  }
}
