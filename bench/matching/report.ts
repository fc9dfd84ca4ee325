/** The "Purchase-order matching" section of bench/results.md, and the check that makes a wrong result fail the run. */
import type { MatchingBenchResult } from './cascade';
import { MATCHING_GOALS } from './cascade';
import { PIPELINE_GOAL_SECONDS, PIPELINE_HISTORY_BOUND, type PipelineResult } from './pipeline';

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

/** Every staged transaction decided exactly once, and a history of counts only. */
export function pipelineChecks(p: PipelineResult): Array<{ name: string; ok: boolean; detail: string }> {
  const m = p.counts.matched;
  const decided = m ? m['auto-matched'] + m.ambiguous + m.unmatched : 0;
  return [
    // The ledger also holds the batch part's vouchers (its cost lines are read too): at least the generated ones.
    { name: 'matching pipeline: every transaction decided', ok: decided === p.counts.transactions.added && decided >= p.transactions,
      detail: `${n(p.counts.transactions.added)} staged, ${n(decided)} decided, ${n(p.transactions)} generated (the rest are the batch part's cost lines)` },
    { name: 'matching pipeline: counts only in history', ok: p.historyEvents <= PIPELINE_HISTORY_BOUND,
      detail: `${p.historyEvents} history events, bound ${PIPELINE_HISTORY_BOUND}` },
  ];
}

export function pipelineMarkdown(p: PipelineResult, full: boolean): string[] {
  const m = p.counts.matched;
  return [
    '### The fetch-mode pipeline',
    '',
    `One \`matchingRun\` (scope transactions) on the bench stack: ${n(p.transactions)} supplier-invoice lines in the 24SevenOffice sandbox's ledger ` +
      `against ${n(p.orders)} POs in the CostTracker sandbox, read by entry-date windows → staged → sent to CostTracker → POs read → cascade → stored → match records sent. ` +
      `Seeding (${p.seedSeconds.toFixed(1)} s, through the sandboxes' admin APIs) is not counted.`,
    '',
    `**Whole run: ${p.runSeconds.toFixed(1)} s** (goal < ${PIPELINE_GOAL_SECONDS} s at 200 000 × 50 000: ${!full ? 'goal is for the full sizes' : p.runSeconds < PIPELINE_GOAL_SECONDS ? 'met' : '**not met**'}); ` +
      `history ${p.historyEvents} events; ${m ? `${n(m['auto-matched'])} auto-matched, ${n(m.ambiguous)} ambiguous, ${n(m.unmatched)} unmatched; ` : ''}` +
      `${n(p.counts.records?.pushed ?? 0)} match records sent, ${n(p.counts.records?.refused ?? 0)} refused.`,
    '',
    '| activity | seconds (scheduled → completed, summed) |',
    '|---|---:|',
    ...Object.entries(p.phases).sort(([, a], [, b]) => b - a).map(([type, seconds]) => `| ${type} | ${seconds.toFixed(1)} |`),
    '',
    `CPU during the run, per process: ${Object.entries(p.cpu.seconds).map(([name, s]) => `${name} ${s.toFixed(1)} s`).join(', ')}; ` +
      `${p.cpu.total.toFixed(1)} s in all, so on this machine's ${p.cpu.cores} cores no schedule of this work finishes in under **${p.cpu.floorSeconds.toFixed(1)} s**.`,
    '',
  ];
}
