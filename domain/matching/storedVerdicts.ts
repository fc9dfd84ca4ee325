/**
 * How a result's verdicts are kept: the winner of an automatic match (one verdict per PO, so no two lists alike)
 * is stored as null and rebuilt from the result's rule and PO, which leaves the lists of a run's results a few
 * hundred distinct ones, stored once each however many results share them.
 */
import { matchedNote } from './messages';
import { parseRule } from './rules';
import type { MatchResult, RuleVerdict } from './types';

export type StoredVerdicts = Array<RuleVerdict | null>;

export function storedVerdicts(result: Pick<MatchResult, 'outcome' | 'verdicts'>): StoredVerdicts {
  if (result.outcome !== 'auto-matched') return result.verdicts;
  return result.verdicts.map((v) => (v.verdict === 'matched' ? null : v));
}

export function restoredVerdicts(stored: StoredVerdicts, result: { rule: string | null; po: string | null }): RuleVerdict[] {
  return stored.map((v) => {
    if (v) return v;
    if (!result.rule || !result.po) throw new Error(`a stored verdict list names an automatic match, but the result has no ${result.rule ? 'PO' : 'rule'}`);
    return { rule: result.rule, verdict: 'matched', candidates: [result.po], note: matchedNote(parseRule(result.rule))(result.po) };
  });
}
