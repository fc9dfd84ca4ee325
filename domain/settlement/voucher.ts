/**
 * A Z-report as one settlement voucher: a `StagedVoucher` of kind `cashSettlement`, so it is preflighted against
 * 24SevenOffice and posted exactly once (activities/postVouchers.ts) like a batch's vouchers.
 *
 * VAT is carried as the batch's vouchers carry it: sales lines net with their SAF-T VAT code, and the output VAT
 * as lines of its own. Vouchers go out with BundleDirectAccounting (connectors/24sevenoffice/posting.ts), so
 * 24SevenOffice computes no VAT, and on the ledger it would not anyway (API doc §4: draft journals only); explicit
 * lines also reproduce the Z-report's VAT to the øre, as the law's report printed it.
 *
 * Lines carry 24SevenOffice's accounts and department id already (accounts.ts, settings.ts): nothing of DUELL's is
 * left to map but the VAT code (mapping `vat-code` on the route, as for the batch).
 */
import { balance, type StagedVoucher } from '../batch/voucher';
import { displayMinor } from '../money';
import { settlementEntries, type SettlementInput } from './entries';
import { zReportLabel, type ZReport } from './zReport';

/** The settlement's business identity: idempotency key, voucher-number owner, staged voucher's source id. */
export const settlementKey = (z: Pick<ZReport, 'departmentId' | 'number'>) => `duell/${z.departmentId}/z/${z.number}`;

/** Throws when the report's preflight would have found a problem: call it on a report preflight passed. */
export function settlementVoucher(input: SettlementInput): StagedVoucher {
  const { z } = input;
  const { entries, missing, costMissing } = settlementEntries(input);
  if (missing.length > 0 || costMissing.length > 0) {
    const wants = [...missing.map((m) => `an account for ${m.what}`), ...costMissing.map((g) => `the cost price of article group ${g.groupId}`)];
    throw new Error(`${zReportLabel(z)} cannot be a voucher without ${wants.join(', ')}: its preflight says how to fix it`);
  }
  const department = String(input.department.department);
  const voucher: StagedVoucher = {
    sourceId: settlementKey(z),
    kind: 'cashSettlement',
    number: String(z.number),
    date: z.date,
    description: `Dagsoppgjør ${z.departmentId} Z-${z.number} ${z.date}`,
    lines: entries.map((e, i) => ({ lineNo: i + 1, ...e, department })),
  };
  const difference = balance(voucher);
  if (difference !== 0) throw new Error(`${zReportLabel(z)} does not balance (entries sum to ${displayMinor(difference, z.currency)}): its preflight names the figures that disagree`);
  return voucher;
}
