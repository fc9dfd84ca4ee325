/**
 * Preflight problems as a person reads them: a missing mapping makes the same problem on every voucher of a
 * kind, and six lines saying "voucher type 99 does not exist" bury the one fix. Identical issues are shown
 * once, with how many vouchers (and lines) have them and the first few documents; a problem of one voucher
 * keeps its full message. The full list is stored as it is.
 */
import type { Problem } from './preflight';

/** Documents named per group: enough to find them, few enough to read. */
const NAMED_DOCUMENTS = 3;

interface Group {
  first: Problem;
  lines: number;
  vouchers: Set<string>;
}

export interface ProblemSummary {
  code: Problem['code'];
  vouchers: number;
  /** Occurrences: a voucher may have the problem on several lines. */
  lines: number;
  text: string;
}

export class ProblemGroups {
  private readonly groups = new Map<string, Group>();

  /** `scope` names tenant and batch in a grouped line, e.g. "tenant acme, batch 2026-11 #3". */
  constructor(private readonly scope: string) {}

  add(p: Problem): void {
    // Stored reports from before `issue` existed group by their whole message: nothing is merged wrongly.
    const key = `${p.code}\u0000${p.issue ?? p.message}`;
    const group = this.groups.get(key) ?? { first: p, lines: 0, vouchers: new Set<string>() };
    group.lines++;
    group.vouchers.add(p.sourceId ?? '');
    this.groups.set(key, group);
  }

  /** One line per distinct problem, in the order they were first found. */
  lines(limit = Infinity): string[] {
    return this.summaries(limit).map((s) => s.text);
  }

  summaries(limit = Infinity): ProblemSummary[] {
    return [...this.groups.values()].slice(0, limit).map((g) => ({ code: g.first.code, vouchers: g.vouchers.size, lines: g.lines, text: this.line(g) }));
  }

  get size(): number {
    return this.groups.size;
  }

  private line({ first, lines, vouchers }: Group): string {
    if (lines === 1 || first.issue === undefined) return first.message;
    if (vouchers.size === 1) return `${first.message} (and on ${lines - 1} more line(s) of that voucher)`;
    const ids = [...vouchers].filter(Boolean);
    const named = ids.slice(0, NAMED_DOCUMENTS).join(', ') + (ids.length > NAMED_DOCUMENTS ? ` and ${ids.length - NAMED_DOCUMENTS} more` : '');
    const count = lines > vouchers.size ? `${lines} lines in ${vouchers.size} vouchers` : `${vouchers.size} vouchers`;
    return `${this.scope}: ${count}${named ? ` (documents ${named})` : ''}: ${first.issue}`;
  }
}

export function groupProblems(scope: string, problems: readonly Problem[], limit?: number): string[] {
  const groups = new ProblemGroups(scope);
  for (const p of problems) groups.add(p);
  return groups.lines(limit);
}
