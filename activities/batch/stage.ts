/**
 * Stage a Telaris batch: read its documents page by page into the database (heartbeating the page, so a
 * retried attempt resumes where the last one stopped), and the customers and suppliers they name. A document
 * Telaris repeats with the same content is staged once; one repeated with other content needs a person.
 */
import { createHash } from 'node:crypto';
import { activityInfo, heartbeat } from '@temporalio/activity';
import { telarisBatchId, type TelarisDocument } from '../../connectors/telaris';
import type { BatchRef, PostingMode, StageResult } from '../../domain/batch/flow';
import { batchLabel } from '../../domain/batch/flow';
import { debitTotal, type StagedVoucher } from '../../domain/batch/voucher';
import type { ActivityDeps } from '../deps';
import { withFailures } from '../failures';
import { attention, openSource, repos } from './context';

export async function stageBatch(deps: ActivityDeps, input: BatchRef & { chunkSize: number; mode: PostingMode }): Promise<StageResult> {
  return withFailures(async () => {
    const { batches } = repos(deps);
    const label = batchLabel(input.batchId);
    const existing = await batches.find(input.tenant, input.batchId);
    if (existing?.exportedAt) return { ...emptyResult(label), alreadyExported: { at: existing.exportedAt.toISOString(), workflowId: existing.workflowId } };

    const telaris = await openSource(deps, input);
    const id = telarisBatchId(input.batchId);
    const batch = await telaris.batch(id);
    if (!batch) {
      const known = (await telaris.batches({ period: input.batchId.slice(0, 7) })).map((b) => b.label).join(', ') || 'none';
      throw attention('NotFound', `tenant ${input.tenant}: Telaris has no closed batch ${label} (closed batches that month: ${known}); close it first: ledgerbridge batch close ${input.tenant}`);
    }
    // Telaris' word counts even after a failed or cancelled run of ours: exported elsewhere is never posted again.
    if (batch.status === 'exported') {
      const by = batch.exportReference === input.workflowId ? input.workflowId : `outside ledgerbridge: ${batch.exportReference ?? 'no reference'}`;
      deps.log.warn(`Telaris says batch ${label} was exported at ${batch.exportedAt} (${by}); nothing is sent`, { tenant: input.tenant, batch: input.batchId });
      return { ...emptyResult(label), alreadyExported: { at: batch.exportedAt ?? '', workflowId: by } };
    }
    await batches.open({
      tenantId: input.tenant, batchId: input.batchId, label, workflowId: input.workflowId, postingMode: input.mode,
      stage: 'staging', chunkSize: input.chunkSize,
    });

    const resumeFrom = (activityInfo().heartbeatDetails as { page?: number } | undefined)?.page ?? 0;
    let repeated = 0;
    let lastPage = resumeFrom;
    const customers = new Set<string>();
    const suppliers = new Set<string>();
    for (let page = resumeFrom + 1; ; page++) {
      const result = await telaris.documentsPage(id, page);
      const rows = result.items.map((doc, i) => {
        const document = toStaged(doc);
        if (document.customerNo) customers.add(document.customerNo);
        if (document.supplierNo) suppliers.add(document.supplierNo);
        return { sourceId: doc.id, seq: (page - 1) * result.pageSize + i, chunk: 0, contentHash: hashOf(document), debitMinor: debitTotal(document), document };
      });
      const { inserted, conflicting } = await batches.stage(input.tenant, input.batchId, rows);
      if (conflicting.length > 0) {
        throw attention('DuplicateMismatch', `tenant ${input.tenant}, batch ${label}: Telaris sent document ${conflicting.slice(0, 5).join(', ')} twice with different content; ` +
          'correct it in Telaris, then retry (nothing has been sent)');
      }
      repeated += rows.length - inserted;
      heartbeat({ page });
      lastPage = page;
      if (page >= result.totalPages) break;
    }

    // A resumed attempt only saw the later pages: parties come from every staged voucher.
    if (resumeFrom > 0) for (const v of await batches.vouchers(input.tenant, input.batchId)) {
      if (v.document.customerNo) customers.add(v.document.customerNo);
      if (v.document.supplierNo) suppliers.add(v.document.supplierNo);
    }
    await stageParties(deps, input, telaris, customers, suppliers);
    heartbeat({ page: lastPage }); // alive: the customer list may be long

    const sealed = await batches.seal(input.tenant, input.batchId, input.chunkSize);
    const totalMinor = Object.values(sealed.totals).reduce((sum, t) => sum + t.debit, 0);
    // A re-export may cut other chunks or post another way: the row says how this export does it.
    await batches.update(input.tenant, input.batchId, {
      voucherCount: sealed.vouchers, chunkCount: sealed.chunks, chunkSize: input.chunkSize, postingMode: input.mode, workflowId: input.workflowId,
      totalMinor, totals: sealed.totals, stage: 'preflight',
    });
    deps.log.info('batch staged', { tenant: input.tenant, batch: input.batchId, vouchers: sealed.vouchers, repeated });
    return { label, voucherCount: sealed.vouchers, chunkCount: sealed.chunks, totalMinor, totals: sealed.totals, repeatedDocuments: repeated };
  });
}

async function stageParties(deps: ActivityDeps, ref: BatchRef, telaris: Awaited<ReturnType<typeof openSource>>, customers: Set<string>, suppliers: Set<string>) {
  const parties: Parameters<ReturnType<typeof repos>['batches']['addParties']>[2] = [];
  if (customers.size > 0) {
    for await (const c of telaris.customers()) {
      if (!customers.delete(c.customerNo)) continue;
      parties.push({ role: 'customer', partyNo: c.customerNo, name: c.name, organizationNumber: c.organizationNumber ?? null, details: { email: c.email, address: c.address } });
    }
    // Named on a voucher but unknown to Telaris' customer list: preflight reports it.
    for (const no of customers) parties.push({ role: 'customer', partyNo: no, name: '', organizationNumber: null, details: { missing: true } });
  }
  for (const no of suppliers) parties.push({ role: 'supplier', partyNo: no, name: '', organizationNumber: null, details: {} });
  await repos(deps).batches.addParties(ref.tenant, ref.batchId, parties);
}

function toStaged(doc: TelarisDocument): StagedVoucher {
  const { id, type, currency: _currency, ...rest } = doc;
  return { sourceId: id, kind: type, ...rest };
}

function hashOf(v: StagedVoucher): string {
  return createHash('sha256').update(JSON.stringify(v)).digest('base64url').slice(0, 22);
}

function emptyResult(label: string): StageResult {
  return { label, voucherCount: 0, chunkCount: 0, totalMinor: 0, totals: {}, repeatedDocuments: 0 };
}
