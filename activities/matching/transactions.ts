/**
 * Reading the ledger incrementally. The first run reads by entry date, in windows of `windowDays` from the filter's
 * start date (default a year back) to today; later runs read what was created or changed since the cursor
 * (DateChangedUTC), in bounded windows. The cursor (`24sevenoffice`/`ledger-transactions`) is the time the run
 * planned its windows and moves only after every window is staged, less a few minutes of overlap for clock skew:
 * lines are upserted by id, so what the overlap reads again doubles nothing.
 */
import { heartbeat } from '@temporalio/activity';
import type { Transaction, TwentyFourSevenOffice } from '../../connectors/24sevenoffice';
import { isConnectorError } from '../../connectors/errors';
import { createMatchingTransactionRepo, createSyncCursorRepo } from '../../db/repos';
import type { ActivityDeps } from '../deps';
import { withFailures } from '../failures';
import { loadMatchingSetup, openMatchingSystems, type MatchingRef } from './context';
import { costLines, invoiceUrl, ledgerFilter, type CostLines, type LedgerFilter } from './ledger';

export const LEDGER_STREAM = 'ledger-transactions';
const OVERLAP_MS = 5 * 60_000;
const DAY_MS = 86_400_000;
/** Entry dates a change read accepts: the filter's start date decides the lower bound. */
const EVER = { from: '2000-01-01', to: '2999-12-31' };
/** Vouchers read again whole per window when a change read held no supplier line of theirs. */
const MAX_VOUCHER_REREADS = 200;
/** Windows read ahead of the one being staged. */
const READ_AHEAD = 2;

export type LedgerWindow =
  | { kind: 'entry-date'; from: string; to: string }
  | { kind: 'changed'; since: string; until: string };

export interface TransactionPlan {
  windows: LedgerWindow[];
  /** Where the cursor goes once every window is staged. */
  cursor: string;
}

export interface WindowCounts {
  lines: number;
  transactions: number;
  added: number;
  changed: number;
  withoutSupplier: number;
}

export async function planTransactionWindows(deps: ActivityDeps, ref: MatchingRef, now = new Date()): Promise<TransactionPlan> {
  return withFailures(async () => {
    const setup = await loadMatchingSetup(deps, ref.tenant);
    const cursor = await createSyncCursorRepo(deps.db).get(ref.tenant, '24sevenoffice', LEDGER_STREAM);
    const days = setup.settings.windowDays;
    const windows: LedgerWindow[] = [];
    if (cursor === undefined) {
      const today = isoDate(now);
      // Windows go on a month past today, the last one open-ended: invoices dated ahead (next month's rent) are read too.
      const ahead = addDays(today, 31);
      const start = setup.costTracker.filter.startDate ?? isoDate(new Date(now.getTime() - 365 * DAY_MS));
      for (let from = start; from <= ahead; from = addDays(from, days)) {
        const to = addDays(from, days - 1);
        windows.push({ kind: 'entry-date', from, to: to < ahead ? to : EVER.to });
      }
    } else {
      // 24SevenOffice takes whole seconds: the end is rounded up, or a change in the last second would fall between
      // this window's end and the cursor.
      const until = Math.ceil(now.getTime() / 1000) * 1000;
      for (let since = Date.parse(cursor) - OVERLAP_MS; since < until; since += days * DAY_MS) {
        windows.push({ kind: 'changed', since: new Date(since).toISOString(), until: new Date(Math.min(since + days * DAY_MS, until)).toISOString() });
      }
    }
    return { windows, cursor: new Date(Math.ceil(now.getTime() / 1000) * 1000).toISOString() };
  });
}

/**
 * Reads, stages and sends to CostTracker a run of windows with the systems opened once. The next window is read
 * while this one is staged and sent; the new and changed lines go to CostTracker straight from memory and are
 * written after, as received (one write a line); pushTransactions sends whatever lines were staged unsent.
 */
export async function fetchTransactionWindows(deps: ActivityDeps, input: MatchingRef & { windows: LedgerWindow[] }): Promise<WindowCounts & { pushed: number }> {
  return withFailures(async () => {
    const { accounting, ct, costTracker } = await openMatchingSystems(deps, input.tenant);
    const filter = ledgerFilter(costTracker.filter);
    const currency = (await ct.organisation()).currency;
    const repo = createMatchingTransactionRepo(deps.db);
    const total: WindowCounts & { pushed: number } = { lines: 0, transactions: 0, added: 0, changed: 0, withoutSupplier: 0, pushed: 0 };
    const read = (w: LedgerWindow) => readWindow(accounting, w, filter, currency);
    // Windows ahead are read while this one is staged: 24SevenOffice builds the next answer while this one is parsed
    // and written. A failure of one read ahead must not go unhandled until its turn comes.
    const ahead: Array<ReturnType<typeof read>> = [];
    const readAhead = (i: number) => {
      if (i >= input.windows.length) return;
      const r = read(input.windows[i]!);
      r.catch(() => undefined);
      ahead.push(r);
    };
    for (let i = 0; i < READ_AHEAD; i++) readAhead(i);
    for (let i = 0; i < input.windows.length; i++) {
      const { lines, found } = await ahead.shift()!;
      readAhead(i + READ_AHEAD);
      heartbeat({ window: input.windows[i], lines });
      const staged = await repo.stage(input.tenant, found.transactions,
        (lines) => ct.putTransactions(lines.map(({ voucherNo, ...t }) => ({ ...t, documentUrl: invoiceUrl(voucherNo) }))));
      total.lines += lines;
      total.transactions += found.transactions.length;
      total.added += staged.added;
      total.changed += staged.changed;
      total.withoutSupplier += found.withoutSupplier.length;
      total.pushed += staged.delivered;
    }
    return total;
  });
}

async function readWindow(accounting: TwentyFourSevenOffice, w: LedgerWindow, filter: LedgerFilter, currency: string): Promise<{ lines: number; found: CostLines }> {
  let lines: Transaction[] = w.kind === 'entry-date'
    ? await entryDateLines(accounting, w.from, w.to)
    : await accounting.transactions({ from: filter.startDate ?? EVER.from, to: EVER.to, changedSince: w.since, changedUntil: w.until });
  let found = costLines(lines, filter, currency);
  if (w.kind === 'changed' && found.withoutSupplier.length > 0) {
    // A change read holds the changed lines only: the voucher's supplier line may be missing from it.
    const whole = await Promise.all(found.withoutSupplier.slice(0, MAX_VOUCHER_REREADS).map(({ voucherNo, date }) =>
      accounting.transactions({ from: date, to: date, transactionNoFrom: voucherNo, transactionNoTo: voucherNo })));
    const reread = new Set(found.withoutSupplier.slice(0, MAX_VOUCHER_REREADS).map((v) => v.voucherNo));
    lines = [...lines.filter((l) => !reread.has(l.transactionNo)), ...whole.flat()];
    found = costLines(lines, filter, currency);
  }
  return { lines: lines.length, found };
}

/**
 * A window of entry dates whose answer is over the connection's size bound (a month-end, an import) is read in two
 * halves, down to single days: the plan's fixed windows need not guess the densest period. A single day still over
 * the bound is the operator's to solve (the error names the fix: raise the bound).
 */
export async function entryDateLines(accounting: TwentyFourSevenOffice, from: string, to: string): Promise<Transaction[]> {
  try {
    return await accounting.transactions({ from, to });
  } catch (err) {
    if (!isConnectorError(err) || err.type !== 'ResponseTooLarge' || from >= to || to === EVER.to) throw err;
    const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
    const middle = addDays(from, Math.floor(days / 2));
    return [...await entryDateLines(accounting, from, middle), ...await entryDateLines(accounting, addDays(middle, 1), to)];
  }
}

export async function commitTransactionCursor(deps: ActivityDeps, input: MatchingRef & { cursor: string }): Promise<void> {
  await createSyncCursorRepo(deps.db).set(input.tenant, '24sevenoffice', LEDGER_STREAM, input.cursor);
}

/** Staged lines CostTracker has not received (or received before they changed: an interrupted window pass), in pages, with the invoice's link. */
export async function pushTransactions(deps: ActivityDeps, ref: MatchingRef): Promise<{ pushed: number }> {
  return withFailures(async () => {
    const { ct, costTracker } = await openMatchingSystems(deps, ref.tenant);
    const repo = createMatchingTransactionRepo(deps.db);
    let pushed = 0;
    let after = '';
    for (;;) {
      const page = await repo.unpushed(ref.tenant, after, costTracker.pageSize);
      if (page.length === 0) break;
      await ct.putTransactions(page.map(({ hash: _hash, voucherNo, ...t }) => ({ ...t, documentUrl: invoiceUrl(voucherNo) })));
      await repo.markPushed(ref.tenant, page.map((t) => ({ id: t.id, hash: t.hash })));
      pushed += page.length;
      after = page[page.length - 1]!.id;
      heartbeat({ pushed });
    }
    return { pushed };
  });
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (date: string, days: number) => isoDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));
