/** The "Purchase-order matching" section of bench/results.md, and the check that makes a wrong result fail the run. */
import type { MatchingBenchResult } from './cascade';
import { MATCHING_GOALS } from './cascade';

const n = (x: number) => x.toLocaleString('en-US').replace(/,/g, ' ');

export function matchingCheck(m: MatchingBenchResult): { name: string; ok: boolean; detail: string } {
  return {
    name: 'matching: indexed = naive',
    ok: m.naive.equal,
    detail: `the indexed and the naive cascade ${m.naive.equal ? 'give the same results' : 'DIFFER'} on the first ${m.naive.sample} transactions against all ${n(m.sizes.orders)} POs`,
  };
}

export function matchingMarkdown(m: MatchingBenchResult): string[] {
  const met = (ok: boolean) => (!m.goals.full ? '(goals are for the full sizes)' : ok ? 'met' : '**not met**');
  return [
    '## Purchase-order matching',
    '',
    `The cascade (\`domain/matching/cascade.ts\`) on generated data (\`bench/matching/generate.ts\`, deterministic): ${n(m.sizes.transactions)} transactions ` +
      `against ${n(m.sizes.orders)} POs, criteria \`${m.rules}\`. Matching time only (generation not counted), best of three; the doubled run has twice both.`,
    '',
    '| | figure | goal | |',
    '|---|---:|---:|---|',
    `| matching ${n(m.sizes.transactions)} × ${n(m.sizes.orders)} | **${n(m.matchingMs)} ms** (runs ${m.runsMs.map(n).join(', ')}; CPU ${m.runsCpuMs.map(n).join(', ')}) | < ${n(MATCHING_GOALS.matchingMs)} ms | ${met(m.goals.matching)} |`,
    `| doubled ${n(m.doubled.transactions)} × ${n(m.doubled.orders)} | ${n(m.doubled.matchingMs)} ms: **${m.doubled.ratio}×** | ≤ ${MATCHING_GOALS.doublingRatio}× | ${met(m.goals.doubling)} |`,
    `| naive nested loops, first ${m.naive.sample} transactions | ${m.naive.naiveMsPerTransaction} ms per transaction vs ${m.naive.indexedMsPerTransaction} ms: **${n(m.naive.ratio)}×** | ≥ ${MATCHING_GOALS.naiveRatio}× | ${met(m.goals.naive)} |`,
    '',
    `Outcomes: ${n(m.counts['auto-matched'])} auto-matched, ${n(m.counts.ambiguous)} ambiguous, ${n(m.counts.unmatched)} unmatched; ` +
      `by criterion: ${Object.entries(m.byRule).map(([rule, count]) => `${rule} ${n(count)}`).join(', ')}.`,
    '',
  ];
}
