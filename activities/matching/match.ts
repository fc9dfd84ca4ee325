/**
 * The cascade over staged data, in one activity: the transactions that need deciding (new, unmatched, ambiguous,
 * changed since their decision, refused by CostTracker) against the staged POs, a person's decisions CostTracker
 * does not hold yet taken as given (`fixed`), and the results written in bulk.
 *
 * Open amounts, so nothing is counted twice. CostTracker's `invoiced` counts every match record it holds, ours
 * included. fetchOrders therefore stages each PO's invoiced LESS what our pushed records make of it (the part that
 * comes from elsewhere: post mode, matches made in CostTracker). Here every decision that stands (automatic ones
 * not decided again, manual ones already in CostTracker) is added back at its current amount, and the decisions
 * being made again start from nothing: a changed line that was on PO A is taken off A before the cascade may put it
 * on A or B at its new amount, and a manual match not yet pushed consumes its PO as `fixed`, once. After the push,
 * CostTracker's invoiced equals elsewhere + our decisions again, which the next run's fetchOrders subtracts anew.
 */
import { heartbeat } from '@temporalio/activity';
import { createMatchingOrderRepo, createMatchingResultRepo, type AutoDecision, type PendingTransaction } from '../../db/repos';
import { runCascade } from '../../domain/matching/cascade';
import { parseRules } from '../../domain/matching/rules';
import type { FixedMatch, MatchOrder, MatchOutcome } from '../../domain/matching/types';
import type { Minor } from '../../domain/money';
import type { ActivityDeps } from '../deps';
import { requestHash } from '../exactlyOnce';
import { withFailures } from '../failures';
import { openMatchingSystems, type MatchingRef } from './context';

export interface MatchCounts extends Record<MatchOutcome, number> {
  decided: number;
  written: number;
  /** Manual decisions taken as given. */
  fixed: number;
  /** Problems of the PO set itself (a number held twice), the first few. */
  orderWarnings: string[];
}

export async function matchStaged(deps: ActivityDeps, ref: MatchingRef): Promise<MatchCounts> {
  return withFailures(async () => {
    const { ct, costTracker } = await openMatchingSystems(deps, ref.tenant);
    const prefix = (await ct.organisation()).poPrefix;
    const results = createMatchingResultRepo(deps.db);
    const [pending, staged, committed] = await Promise.all([
      results.pending(ref.tenant), createMatchingOrderRepo(deps.db).all(ref.tenant), results.committedByOrder(ref.tenant),
    ]);
    heartbeat({ pending: pending.length, orders: staged.length });
    const orders = withStandingDecisions(staged, committed, pending);
    const fixed: FixedMatch[] = pending.filter((p) => p.manual).map((p) => ({ transaction: p.transaction.id, ...(p.manual!.po && { po: p.manual!.po }) }));
    const out = runCascade({ transactions: pending.map((p) => p.transaction), orders, rules: parseRules(costTracker.criteria), fixed, prefix });
    heartbeat({ decided: out.results.length });

    const byId = new Map(pending.map((p) => [p.transaction.id, p]));
    const decisions: AutoDecision[] = out.results.map((r) => {
      const p = byId.get(r.transaction)!;
      return {
        transaction: r.transaction, outcome: r.outcome, po: r.po, rule: r.rule, candidates: r.candidates, warnings: r.warnings, verdicts: r.verdicts,
        decidedHash: p.hash, recordHash: autoRecordHash(r.outcome, r.po, r.rule, p),
      };
    });
    const written = await results.saveAuto(ref.tenant, decisions);
    return { ...out.counts, decided: out.results.length, written, fixed: fixed.length, orderWarnings: out.orderWarnings.slice(0, 10) };
  });
}

/** The staged POs with every standing decision of ours counted in their invoiced, and the ones decided again not. */
export function withStandingDecisions(staged: readonly MatchOrder[], committed: ReadonlyMap<string, number>, pending: readonly PendingTransaction[]): MatchOrder[] {
  const standing = new Map(committed);
  for (const p of pending) {
    if (p.decidedPo !== undefined) standing.set(p.decidedPo, (standing.get(p.decidedPo) ?? 0) - p.transaction.amount);
  }
  const seen = new Set<string>();
  return staged.map((o) => {
    // A number held twice: our decisions are counted on the first (the cascade keeps both out of the PO-number rules).
    const ours = seen.has(o.number) ? 0 : standing.get(o.number) ?? 0;
    seen.add(o.number);
    if (ours === 0) return o;
    const invoiced = (o.invoiced + ours) as Minor;
    const status = o.status === 'closed' ? o.status : invoiced === 0 ? 'open' : 'partly-invoiced';
    return { ...o, invoiced, status };
  });
}

/**
 * The record CostTracker should hold after an automatic decision: the match with its rule and amount; for no match,
 * an `unmatched` record only when CostTracker holds a match of ours to take back (null: nothing to send).
 */
function autoRecordHash(outcome: MatchOutcome, po: string | undefined, rule: string | undefined, p: PendingTransaction): string | null {
  if (outcome === 'auto-matched') return requestHash({ kind: 'auto', po, rule, amount: p.transaction.amount });
  return p.pushedPo !== undefined ? requestHash({ kind: 'unmatched', amount: p.transaction.amount }) : null;
}

export function manualRecordHash(po: string | undefined, by: string, amount: number): string {
  return requestHash(po ? { kind: 'manual', po, by, amount } : { kind: 'unmatched', by, amount });
}
