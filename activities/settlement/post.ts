/**
 * Number, attach and post one prepared Z-report. The number comes from the tenant-wide allocator with the
 * report's identity (`duell/<department>/z/<n>`) as owner, so a retried step draws the same number; the PDF goes
 * to AttachmentService exactly once (key `…/pdf`), its stamp number on every entry; the voucher goes through
 * postVouchers() (exactly once, keyed by the report) to the journal or the ledger as the department says.
 */
import { isConnectorError } from '../../connectors/errors';
import { createExportLogRepo, createIdempotencyRepo, createSettlementRepo, createVoucherNumberRepo, type Settlement } from '../../db/repos';
import { settlementCommands } from '../../domain/settlement/flow';
import { settlementKey } from '../../domain/settlement/voucher';
import { zReportLabel } from '../../domain/settlement/zReport';
import type { RetryRequest } from '../../workflows/attention';
import type { ActivityDeps } from '../deps';
import { exactlyOnce, requestHash, TAKEN_BY_ANOTHER } from '../exactlyOnce';
import { withFailures } from '../failures';
import { CONFIRMED_HOW, postOneVoucher } from '../postVouchers';
import { attention, departmentOf, FLOW, loadDuellSettings, openCompany, openDuell, pdfKey, TARGET, type SettlementRef } from './context';
import type { UnnumberedVoucher } from './prepare';
import { metrics } from '../../platform/metrics';

const keyOf = (ref: SettlementRef) => settlementKey({ departmentId: ref.departmentId, number: ref.zNumber });
const labelOf = (ref: SettlementRef, row: Settlement) => `tenant ${ref.tenant}, ${zReportLabel({ departmentId: ref.departmentId, number: ref.zNumber, date: row.date })}`;

async function preparedRow(deps: ActivityDeps, ref: SettlementRef): Promise<Settlement & { voucher: UnnumberedVoucher }> {
  const row = await createSettlementRepo(deps.db).find(ref.tenant, ref.departmentId, ref.zNumber);
  if (!row?.voucher) throw attention('ValidationFailed', `tenant ${ref.tenant}, department ${ref.departmentId} Z ${ref.zNumber} was not prepared; run it again: ${settlementCommands(ref.tenant, ref.departmentId, ref.zNumber).retry}`);
  return row as Settlement & { voucher: UnnumberedVoucher };
}

export async function numberSettlement(deps: ActivityDeps, ref: SettlementRef): Promise<{ transactionNo: number }> {
  return withFailures(async () => {
    const row = await preparedRow(deps, ref);
    const key = keyOf(ref);
    const allocator = createVoucherNumberRepo(deps.db);
    const earlier = await createIdempotencyRepo(deps.db).get(ref.tenant, TARGET, key);
    // Refused because another writer holds this very number: it is burnt, and a new one drawn.
    if (row.transactionNo !== null && earlier?.state === 'refused' && earlier.detail?.startsWith(TAKEN_BY_ANOTHER) &&
      earlier.requestHash === requestHash(postingVoucher(row, row.transactionNo, row.stampNo))) {
      await allocator.burn(ref.tenant, [key], `24SevenOffice holds another voucher under ${row.transactionNo}`);
    }
    const department = departmentOf(await loadDuellSettings(deps, ref.tenant), ref.tenant, ref.departmentId);
    const { target } = await openCompany(deps, ref.tenant, department);
    const type = (await target.voucherTypes()).find((t) => t.typeNo === row.voucher.voucherType);
    if (!type) {
      throw attention('MappingMissing', `${labelOf(ref, row)}: voucher type ${row.voucher.voucherType} does not exist in 24SevenOffice; map the settlement's type: ` +
        `ledgerbridge mappings set ${ref.tenant} voucher-type cashSettlement=<TypeNo> --source duell, then: ${settlementCommands(ref.tenant, ref.departmentId, ref.zNumber).retry}`);
    }
    const year = Number(row.date.slice(0, 4));
    const floor = await target.nextTransactionNo({ date: `${year}-01-01`, entrySeriesId: type.entrySeriesId });
    const transactionNo = (await allocator.draw(ref.tenant, { entrySeriesId: type.entrySeriesId, year }, [key], floor)).get(key)!;
    if (transactionNo !== row.transactionNo) await createSettlementRepo(deps.db).update(ref.tenant, ref.departmentId, ref.zNumber, { transactionNo });
    return { transactionNo };
  });
}

/**
 * The report's PDF from DUELL into 24SevenOffice. An upload whose answer was lost is uploaded again: AttachmentService
 * cannot be searched for it, and a second file nobody references is harmless, while a voucher without its PDF is not.
 */
export async function attachSettlementPdf(deps: ActivityDeps, ref: SettlementRef): Promise<{ stampNo: number }> {
  return withFailures(async () => {
    const row = await preparedRow(deps, ref);
    const key = pdfKey(keyOf(ref));
    const stored = await createIdempotencyRepo(deps.db).get(ref.tenant, TARGET, key);
    if (stored?.state === 'confirmed' && row.stampNo !== null) return { stampNo: row.stampNo };
    const settings = await loadDuellSettings(deps, ref.tenant);
    const department = departmentOf(settings, ref.tenant, ref.departmentId);
    const duell = await openDuell(deps, ref.tenant, settings);
    const { retry, cancel } = settlementCommands(ref.tenant, ref.departmentId, ref.zNumber);
    let pdf;
    try {
      // The report is read again for its PDF's id: a PDF DUELL made later is found by a retry.
      let pdfId: string | undefined;
      for await (const page of duell.zReports(ref.departmentId, { fromNumber: ref.zNumber })) {
        pdfId = page.reports.find((r) => r.number === ref.zNumber)?.pdfId;
        break;
      }
      pdf = await duell.zReportPdf({ departmentId: ref.departmentId, number: ref.zNumber, date: row.date, pdfId });
    } catch (err) {
      if (!isConnectorError(err, 'Rejected')) throw err;
      throw attention('ValidationFailed', `${labelOf(ref, row)}: ${err.message}; the voucher is posted only with its PDF. Once DUELL has it: ${retry}; to leave the report: ${cancel}`);
    }
    const { target } = await openCompany(deps, ref.tenant, department);
    let stampNo = row.stampNo;
    await exactlyOnce(deps.db, {
      tenant: ref.tenant, system: TARGET, documents: [{ key, request: { pdf: requestHash(pdf.bytes.toString('base64')), fileName: pdf.fileName } }],
      lookUp: async (docs) => new Map(docs.map((d) => [d.key, 'absent' as const])),
      async send() {
        const uploaded = await target.uploadAttachment(pdf.bytes);
        stampNo = uploaded.stampNo;
        return { kind: 'applied', externalIds: new Map([[key, String(uploaded.stampNo)]]) };
      },
      async onConfirmed(tx) {
        await createSettlementRepo(tx).update(ref.tenant, ref.departmentId, ref.zNumber, { stampNo });
      },
    });
    if (stampNo === null) stampNo = Number((await createIdempotencyRepo(deps.db).get(ref.tenant, TARGET, key))?.externalId);
    return { stampNo };
  });
}

/** `postedBefore`: an earlier attempt had it confirmed in 24SevenOffice already. */
export async function postSettlement(deps: ActivityDeps, ref: SettlementRef & { retry?: RetryRequest }): Promise<{ transactionNo: number; postedBefore: boolean }> {
  return withFailures(async () => {
    const row = await preparedRow(deps, ref);
    const label = labelOf(ref, row);
    const { retry, cancel } = settlementCommands(ref.tenant, ref.departmentId, ref.zNumber);
    if (row.transactionNo === null || row.stampNo === null) throw attention('ValidationFailed', `${label} has no voucher number or PDF yet; run it again: ${retry}`);
    const department = departmentOf(await loadDuellSettings(deps, ref.tenant), ref.tenant, ref.departmentId);
    const { target, targetSettings } = await openCompany(deps, ref.tenant, department);
    // Where it went first decides where it is: a department switched between journal and ledger since then does not move it.
    const saveTo = (row.saveTo as 'journal' | 'ledger' | null) ?? department.saveTo;
    const voucher = postingVoucher(row, row.transactionNo, row.stampNo);
    const bundleName = `DUELL ${ref.departmentId} Z ${ref.zNumber}`;
    const key = keyOf(ref);
    const line = (outcome: 'ok' | 'duplicate' | 'failed', message: string, targetId: string | null = String(voucher.transactionNo)) => ({
      tenant: ref.tenant, flow: FLOW, entityType: 'z-report', sourceId: key, targetId, outcome, workflowId: ref.workflowId, message: `Z ${ref.zNumber} of department ${ref.departmentId} (${row.date}): ${message}`,
    });
    const { postedBefore } = await postOneVoucher(deps.db, {
      tenant: ref.tenant, target, saveTo, bundleName, key, voucher,
      journalRefusesUsedNumbers: targetSettings.journalRefusesUsedNumbers, resolution: ref.retry?.resolution,
      explain: { label, retry, byHand: `if it is not this settlement, post the settlement by hand, then: ${cancel}` },
      async onConfirmed(tx, how) {
        await createSettlementRepo(tx).update(ref.tenant, ref.departmentId, ref.zNumber, { stage: 'posted', postedAt: new Date(), attention: null });
        await createExportLogRepo(tx).record(line(how === 'sent' ? 'ok' : 'duplicate', how === 'sent'
          ? `${saveTo === 'ledger' ? 'posted to the ledger' : 'saved to the journal for posting'} as voucher ${voucher.transactionNo} with its PDF (stamp ${row.stampNo})`
          : `${CONFIRMED_HOW[how]} (voucher ${voucher.transactionNo})`));
      },
      async onRefused(tx, reason) {
        await createExportLogRepo(tx).record(line('failed', `refused by 24SevenOffice: ${reason}`, null));
      },
      counted: { counter: metrics.settlementsPosted, flow: FLOW },
    });
    return { transactionNo: voucher.transactionNo, postedBefore };
  });
}

/** The stored voucher with its number and the PDF's stamp on every entry: what goes (or went) out. */
function postingVoucher(row: Settlement & { voucher: UnnumberedVoucher }, transactionNo: number, stampNo: number | null) {
  return { transactionNo, ...row.voucher, entries: row.voucher.entries.map((e) => ({ ...e, stampNo: stampNo ?? undefined })) };
}
