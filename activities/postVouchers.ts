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
import type { ApplicationFailure } from '@temporalio/common';
import { isConnectorError } from '../connectors/errors';
import type { TwentyFourSevenOffice } from '../connectors/24sevenoffice';
import { bundlesOf, ledgerLines, matchesSent, numberRanges, voucherTypeIds, type PostingVoucher } from '../connectors/24sevenoffice/posting';
import type { Db } from '../db';
import { createIdempotencyRepo } from '../db/repos/idempotency';
import { exactlyOnce, isEdgeRefusal, type Answer, type Confirmed, type ConfirmedHow, type Counted, type EdgeOutcome, type EdgeRefusal, type Found, type Resolution } from './exactlyOnce';
import { attention } from './failures';

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
  /** What a confirmed voucher counts as: a posted voucher, a posted settlement … */
  counted: Counted;
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
    counted: p.counted,
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

/** The export log's words for a voucher confirmed other than by its own answer. */
export const CONFIRMED_HOW: Record<Exclude<ConfirmedHow, 'sent'>, string> = {
  found: 'found in 24SevenOffice after an uncertain answer; not posted again',
  'taken-by-us': '24SevenOffice refused a repeat of our own earlier save (DuplicateData): already there',
  operator: 'an operator saw it in the journal after an uncertain answer; not posted again',
};

/**
 * Why one document's voucher did not reach 24SevenOffice, as a needs-attention with the fix: refused (fix the cause,
 * retry), its number taken by another writer (retry draws a new one), other amounts there after a lost answer (a
 * person looks; `byHand` says what to do if it is not ours), or a lost journal answer (retry --in-target / --resend).
 */
export function voucherNeedsPerson(err: EdgeRefusal, v: { label: string; voucher: PostingVoucher; bundleName: string; retry: string; byHand: string }): ApplicationFailure {
  const { label, voucher, retry } = v;
  switch (err.kind) {
    case 'refused':
      return attention('Rejected', `${label}: 24SevenOffice refused it: ${err.reason}; fix the cause (e.g. open the period), then: ${retry}`);
    case 'conflict':
      if (err.reason.includes('DuplicateData') || err.reason.includes('DataAlreadySaved')) {
        return attention('DuplicateMismatch', `${label}: 24SevenOffice holds another voucher under number ${voucher.transactionNo} (another writer took it). ` +
          `A retry gives the number up and posts under a new one: ${retry}`);
      }
      return attention('DuplicateMismatch', `${label}: after a lost answer 24SevenOffice holds voucher ${voucher.transactionNo} with other amounts than were sent. ` +
        `Look it up in 24SevenOffice (Accounting → Transactions): ${v.byHand}`);
    case 'unknown':
      return attention('OutcomeUnknown', `${label}: the answer to saving it in the journal was lost, and 24SevenOffice's journal cannot be read through its API. ` +
        `Look under Accounting → Posting for the incoming batch "${v.bundleName} · ${numberRanges([voucher])}". If it is there: ${retry} --in-target; if it is not: ${retry} --resend`);
  }
}

export interface OneVoucher {
  tenant: string;
  target: TwentyFourSevenOffice;
  saveTo: 'journal' | 'ledger';
  bundleName: string;
  /** The document's business identity, its idempotency key. */
  key: string;
  /** As it was stored before anything went out: look-ups compare with it. */
  voucher: PostingVoucher;
  journalRefusesUsedNumbers: boolean;
  resolution?: Resolution;
  /** For the needs-attention when it does not go through (voucherNeedsPerson). */
  explain: { label: string; retry: string; byHand: string };
  /** The caller's record and export-log line, in the transaction that confirms it. */
  onConfirmed(tx: Db, how: ConfirmedHow): Promise<void>;
  onRefused(tx: Db, reason: string): Promise<void>;
  counted: Counted;
}

/**
 * One document's stored voucher into 24SevenOffice exactly once (a CostTracker invoice, a DUELL Z-report), or the
 * needs-attention that says what to do. `postedBefore`: an earlier attempt had it confirmed already.
 */
export async function postOneVoucher(db: Db, p: OneVoucher): Promise<{ postedBefore: boolean }> {
  const postedBefore = (await createIdempotencyRepo(db).get(p.tenant, '24sevenoffice', p.key))?.state === 'confirmed';
  try {
    await postVouchers(db, {
      tenant: p.tenant, target: p.target, saveTo: p.saveTo, bundleName: p.bundleName, vouchers: [{ key: p.key, request: p.voucher }],
      journalRefusesUsedNumbers: p.journalRefusesUsedNumbers, resolution: p.resolution,
      // The voucher was stored when it was prepared, before anything went out: look-ups compare with it.
      onSending: async () => undefined,
      onConfirmed: (tx, confirmed) => p.onConfirmed(tx, confirmed[0]!.how),
      onRefused: (tx, _refused, reason) => p.onRefused(tx, reason),
      counted: p.counted,
    });
    return { postedBefore };
  } catch (err) {
    if (!isEdgeRefusal(err)) throw err;
    throw voucherNeedsPerson(err, { ...p.explain, voucher: p.voucher, bundleName: p.bundleName });
  }
}
