/**
 * GetTransactions on a large ledger: the lines sorted by entry date and by change time, built once and kept until
 * the ledger changes, so a call finds its window by binary search instead of scanning a year of lines. The ledger
 * only grows (a posted voucher is never deleted), so a length change means new lines; an edit in place
 * (admin: a line's comment or PO number) calls ledgerEdited.
 */
import type { Books, LedgerLine } from './state';
import { timeMs } from './ops/context';

interface Sorted {
  lines: LedgerLine[];
  ms: Float64Array;
}

interface Index {
  length: number;
  version: number;
  byDate?: Sorted;
  byChange?: Sorted;
}

const indexes = new WeakMap<Books, Index>();
const versions = new WeakMap<Books, number>();

export function ledgerEdited(books: Books): void {
  versions.set(books, (versions.get(books) ?? 0) + 1);
}

/** The response order (§5 gives none; [INFERRED] entry date, voucher, line). */
export function byEntry(a: LedgerLine, b: LedgerLine): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.transactionNo - b.transactionNo || a.sequenceNo - b.sequenceNo;
}

/** Lines whose entry date (`'date'`) or change time (`'changed'`) is within [startMs, endMs], by that time, then in entry order. */
export function linesBetween(books: Books, by: 'date' | 'changed', startMs: number, endMs: number): LedgerLine[] {
  const version = versions.get(books) ?? 0;
  let index = indexes.get(books);
  if (!index || index.length !== books.ledger.length || index.version !== version) {
    indexes.set(books, (index = { length: books.ledger.length, version }));
  }
  const sorted = by === 'date'
    ? (index.byDate ??= sort(books.ledger, (l) => timeMs(l.date)!))
    : (index.byChange ??= sort(books.ledger, (l) => timeMs(l.changedAt)!));
  return sorted.lines.slice(lowerBound(sorted.ms, startMs), lowerBound(sorted.ms, endMs, true));
}

function sort(ledger: LedgerLine[], key: (l: LedgerLine) => number): Sorted {
  const keyed = ledger.map((line) => ({ line, ms: key(line) }));
  keyed.sort((a, b) => a.ms - b.ms || byEntry(a.line, b.line));
  return { lines: keyed.map((k) => k.line), ms: Float64Array.from(keyed, (k) => k.ms) };
}

/** First index whose key is ≥ ms (or > ms with `after`). */
function lowerBound(keys: Float64Array, ms: number, after = false): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < ms || (after && keys[mid] === ms)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
