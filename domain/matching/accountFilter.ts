/**
 * Which G/L accounts' transactions CostTracker receives: intervals and single accounts, combined
 * (`["4000-4999", "6540", "7100-7199"]`). An empty list takes every account.
 */
export interface AccountRange {
  from: number;
  to: number;
}

export class AccountFilterError extends Error {
  override readonly name = 'AccountFilterError';
}

const RANGE = /^\s*(\d{1,6})\s*(?:-\s*(\d{1,6})\s*)?$/;

export function parseAccountRanges(texts: readonly string[]): AccountRange[] {
  return texts.map((text) => {
    const m = RANGE.exec(text);
    if (!m) throw new AccountFilterError(`G/L account filter "${text}" is neither an account (6540) nor an interval (4000-4999)`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (from > to) throw new AccountFilterError(`G/L account interval "${text}" is inverted: write the lower account first, "${to}-${from}"`);
    return { from, to };
  });
}

export function accountInRanges(account: number, ranges: readonly AccountRange[]): boolean {
  return ranges.length === 0 || ranges.some((r) => account >= r.from && account <= r.to);
}
