/**
 * How fast the matching cascade is (issue 8, item 10): 200 000 transactions against 50 000 open POs through all
 * five criteria (goal < 1 s of matching, generation not counted), the same with twice the data (goal ≤ 2.2× the
 * time), and the naive nested-loop cascade on a sample of the same data in the same process (goal ≥ 100× slower
 * per transaction). The sample's results must equal the indexed cascade's on the same input: a difference is a
 * wrong result, the only thing that fails the run.
 */
import { inMatchingOrder, runCascade } from '../../domain/matching/cascade';
import { runNaiveCascade } from '../../domain/matching/naiveCascade';
import { parseRules } from '../../domain/matching/rules';
import type { CascadeOutput, MatchOutcome } from '../../domain/matching/types';
import { generateMatchingData, type MatchingData } from './generate';

export const MATCHING_RULES = 'po-field,po-description,supplier-project,amount-percent:5,amount-absolute:500';
export const MATCHING_GOALS = { matchingMs: 1000, doublingRatio: 2.2, naiveRatio: 100 } as const;

export interface MatchingSizes { transactions: number; orders: number; naiveSample: number }

export const MATCHING_SIZES: Record<'full' | 'quick', MatchingSizes> = {
  full: { transactions: 200_000, orders: 50_000, naiveSample: 200 },
  quick: { transactions: 20_000, orders: 5_000, naiveSample: 100 },
};

export interface MatchingBenchResult {
  sizes: MatchingSizes;
  rules: string;
  /** Best of three runs of runCascade, generation excluded. */
  matchingMs: number;
  runsMs: number[];
  counts: Record<MatchOutcome, number>;
  /** Results by winning rule: each criterion must fire. */
  byRule: Record<string, number>;
  doubled: { transactions: number; orders: number; matchingMs: number; ratio: number };
  naive: { sample: number; naiveMs: number; indexedMsPerTransaction: number; naiveMsPerTransaction: number; ratio: number; equal: boolean };
  goals: { matching: boolean; doubling: boolean; naive: boolean };
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const RULES = parseRules(MATCHING_RULES);

function timeCascade(data: MatchingData): { ms: number; out: CascadeOutput } {
  gc();
  const started = performance.now();
  const out = runCascade({ transactions: data.transactions, orders: data.orders, rules: RULES });
  return { ms: performance.now() - started, out };
}

function bestOfThree(data: MatchingData): { runsMs: number[]; out: CascadeOutput } {
  const runs = [timeCascade(data), timeCascade(data), timeCascade(data)];
  return { runsMs: runs.map((r) => round(r.ms)), out: runs[0]!.out };
}

export function benchMatching(sizes: MatchingSizes, say: (line: string) => void = () => {}): MatchingBenchResult {
  say(`matching: generating ${sizes.transactions} transactions and ${sizes.orders} POs…`);
  const data = generateMatchingData(sizes.transactions, sizes.orders);
  const { runsMs, out } = bestOfThree(data);
  const matchingMs = Math.min(...runsMs);
  const byRule: Record<string, number> = {};
  for (const r of out.results) if (r.rule) byRule[r.rule] = (byRule[r.rule] ?? 0) + 1;
  say(`matching: ${matchingMs} ms (runs ${runsMs.join(', ')} ms)`);

  const doubledData = generateMatchingData(sizes.transactions * 2, sizes.orders * 2);
  const doubledMs = Math.min(...bestOfThree(doubledData).runsMs);
  say(`matching: doubled (${sizes.transactions * 2} × ${sizes.orders * 2}) ${doubledMs} ms`);

  // The naive cascade on the first transactions (in matching order) against every PO; the indexed one on the same input.
  const sample = { transactions: inMatchingOrder(data.transactions).slice(0, sizes.naiveSample), orders: data.orders };
  gc();
  const naiveStarted = performance.now();
  const naiveOut = runNaiveCascade({ ...sample, rules: RULES });
  const naiveMs = performance.now() - naiveStarted;
  const equal = JSON.stringify(naiveOut) === JSON.stringify(runCascade({ ...sample, rules: RULES }));
  const indexedPer = matchingMs / sizes.transactions;
  const naivePer = naiveMs / sizes.naiveSample;
  const ratio = round(naivePer / indexedPer);
  say(`matching: naive ${round(naivePer, 3)} ms per transaction, indexed ${round(indexedPer, 5)} ms: ${ratio}×; results ${equal ? 'equal' : 'DIFFER'}`);

  const doublingRatio = round(doubledMs / matchingMs, 2);
  return {
    sizes, rules: MATCHING_RULES, matchingMs, runsMs, counts: out.counts, byRule,
    doubled: { transactions: sizes.transactions * 2, orders: sizes.orders * 2, matchingMs: doubledMs, ratio: doublingRatio },
    naive: { sample: sizes.naiveSample, naiveMs: round(naiveMs), indexedMsPerTransaction: round(indexedPer, 5), naiveMsPerTransaction: round(naivePer, 3), ratio, equal },
    goals: { matching: matchingMs < MATCHING_GOALS.matchingMs, doubling: doublingRatio <= MATCHING_GOALS.doublingRatio, naive: ratio >= MATCHING_GOALS.naiveRatio },
  };
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
