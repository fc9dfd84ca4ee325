/**
 * A department's Z numbers are one unbroken series (DUELL's NUMMERSERIE; the law resets no counter and skips no
 * number), so the settlements go into the books in number order and a hole in the series is a Z not read yet, or
 * lost. Given what was posted and what was read, this says which to post now, in order, and what is wrong.
 *
 * - A gap holds every report after it: posting 1044 before 1043 would put the days out of order in the journal, and
 *   a missing Z is found sooner when the department's transfer stops there. Reports before the gap go.
 * - The same number again with the same content is already posted: nothing to do. With other content it is a
 *   conflict: a posted voucher is never changed (a correction is a new voucher), so a person decides. The content
 *   is compared by a hash the caller computes (activities/exactlyOnce.ts `requestHash`, the same hash the posting
 *   keeps), since this module stays free of I/O and node APIs for workflow code.
 */
import type { SettlementProblem } from './problems';

export interface SeriesEntry {
  number: number;
  /** A hash of the report's content. */
  hash: string;
}

export interface SeriesCheck {
  /** New numbers to post now, in number order. */
  post: number[];
  /** New numbers after a gap: they wait for the missing ones. */
  held: number[];
  problems: SettlementProblem[];
}

export function checkSeries(where: { tenant: string; departmentId: string }, posted: readonly SeriesEntry[], read: readonly SeriesEntry[]): SeriesCheck {
  const scope = `tenant ${where.tenant}, department ${where.departmentId}`;
  const problems: SettlementProblem[] = [];
  const known = new Map(posted.map((p) => [p.number, p.hash]));
  const fresh = new Map<number, string>();
  for (const z of read) {
    const before = known.get(z.number) ?? fresh.get(z.number);
    if (before === undefined) fresh.set(z.number, z.hash);
    else if (before !== z.hash) {
      const what = known.has(z.number) ? 'was posted before and now reads differently' : 'was read twice with different content';
      problems.push({ code: 'SeriesConflict', effect: 'refuse', message: `${scope}: Z ${z.number} ${what}; a posted settlement is never changed: compare the report in DUELL's Backoffice with the voucher in 24SevenOffice and post any correction there by hand` });
    }
  }

  const numbers = [...new Set([...known.keys(), ...fresh.keys()])].sort((a, b) => a - b);
  const post: number[] = [];
  const held: number[] = [];
  let gapBefore: number | undefined;
  numbers.forEach((n, i) => {
    const previous = numbers[i - 1];
    if (previous !== undefined && n - previous > 1) {
      problems.push({ code: 'SeriesGap', effect: 'refuse', message: `${scope}: ${missing(previous, n)}; find it in DUELL's Backoffice (the department's Z-reports) and retry once it can be read` });
      gapBefore ??= n;
    }
    if (!fresh.has(n)) return;
    (gapBefore === undefined ? post : held).push(n);
  });
  return { post, held, problems };
}

/** "Z 1043 is missing between 1042 and 1044", "Z 1043–1045 are missing between 1042 and 1046". */
function missing(before: number, after: number): string {
  const one = after - before === 2;
  return `Z ${one ? before + 1 : `${before + 1}–${after - 1}`} ${one ? 'is' : 'are'} missing between ${before} and ${after}`;
}
