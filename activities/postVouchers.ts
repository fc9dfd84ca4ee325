/**
 * Vouchers into 24SevenOffice exactly once, for every flow that posts (Telaris batches now, DUELL settlements
 * next): the exactly-once protocol (exactlyOnce.ts) with 24SevenOffice's look-up and answers filled in.
 *
 * Ledger vouchers can be read back (GetTransactions), so an uncertain outcome is settled by looking. Journal
 * vouchers cannot: they are invisible to the API until the accountant posts them (API doc §4, INFERRED), so a
 * journal voucher whose answer was lost and that is not in the ledger yet is 'unknown' — a person looks in
 * Accounting → Posting, unless the connection says 24SevenOffice refuses a journal voucher under a used number
 * (`journalRefusesUsedNumbers`), in which case sending it again is safe: DuplicateData then means ours.
 */
import { isConnectorError } from '../connectors/errors';
import type { TwentyFourSevenOffice } from '../connectors/24sevenoffice';
import { bundlesOf, ledgerLines, matchesSent, voucherTypeIds, type PostingVoucher } from '../connectors/24sevenoffice/posting';
import type { Db } from '../db';
import { exactlyOnce, type Answer, type Confirmed, type EdgeOutcome, type Found, type Resolution } from './exactlyOnce';

export interface VoucherToPost {
  /** The source document's business identity, e.g. `telaris/document/INV-1042`. */
  key: string;
  request: PostingVoucher;
}

export interface PostVouchers {
  tenant: string;
  target: TwentyFourSevenOffice;
  saveTo: 'journal' | 'ledger';
  /** Shown on the journal's incoming batches; each bundle's numbers are added so a person can find it. */
  bundleName: string;
  vouchers: VoucherToPost[];
  journalRefusesUsedNumbers: boolean;
  resolution?: Resolution;
  /** Just before they go out: record what is sent (look-ups and reconciliation compare with it). */
  onSending(vouchers: VoucherToPost[]): Promise<void>;
  onConfirmed(tx: Db, confirmed: Confirmed<VoucherToPost>[]): Promise<void>;
  onRefused(tx: Db, refused: VoucherToPost[], reason: string): Promise<void>;
}

export async function postVouchers(db: Db, p: PostVouchers): Promise<EdgeOutcome<VoucherToPost>> {
  let typeIds: Map<number, number> | undefined;
  return exactlyOnce<VoucherToPost>(db, {
    tenant: p.tenant,
    system: '24sevenoffice',
    documents: p.vouchers,
    takenMeansOurs: p.saveTo === 'journal' && p.journalRefusesUsedNumbers,
    resolution: p.resolution,
    externalId: (v) => String(v.request.transactionNo),
    async lookUp(vouchers) {
      // Only an uncertain outcome pays for GetTypeList: the normal path is one SaveBundleList per chunk.
      typeIds ??= await voucherTypeIds(p.target);
      const lines = await ledgerLines(p.target, vouchers.map((v) => v.request), typeIds);
      return new Map(vouchers.map((v): [string, Found] => {
        const there = lines.get(v.request.transactionNo);
        if (there) return [v.key, matchesSent(v.request.entries, there) ? 'there' : 'different'];
        return [v.key, p.saveTo === 'ledger' ? 'absent' : 'unknown'];
      }));
    },
    async send(vouchers) {
      await p.onSending(vouchers);
      try {
        const outcome = await p.target.saveBundles(bundlesOf(vouchers.map((v) => v.request), p.bundleName), { mode: p.saveTo });
        return answerOf(outcome);
      } catch (err) {
        // 'Exception' answers (a closed period, a missing reference) refuse the whole call, like NotSaved.
        if (isConnectorError(err, 'Rejected')) return { kind: 'refused', reason: err.message };
        throw err;
      }
    },
    onConfirmed: p.onConfirmed,
    onRefused: p.onRefused,
  });
}

function answerOf(outcome: Awaited<ReturnType<TwentyFourSevenOffice['saveBundles']>>): Answer {
  switch (outcome.kind) {
    case 'ok':
      return { kind: 'applied' };
    case 'duplicate':
    case 'alreadySaved':
      return { kind: 'taken', reason: `24SevenOffice answered ${outcome.kind === 'duplicate' ? 'DuplicateData' : 'DataAlreadySaved'}: ${outcome.description}` };
    case 'rejected':
      return { kind: 'refused', reason: outcome.description };
  }
}
