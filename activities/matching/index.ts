/** Purchase-order matching's activities (24SevenOffice ↔ CostTracker, fetch mode), bound to their dependencies. */
import type { ActivityDeps } from '../deps';
import { withFailures } from '../failures';
import { resolveMatching, type MatchingRef } from './context';
import { applyManualMatch, type ManualMatchRequest } from './manual';
import { syncMasterData } from './masterData';
import { matchStaged } from './match';
import { fetchOrders } from './orders';
import { pushMatches } from './push';
import { recordMatchingSummary, type MatchingSummary } from './summary';
import { commitTransactionCursor, fetchTransactionWindows, planTransactionWindows, pushTransactions, type LedgerWindow } from './transactions';

export type { MatchingRef } from './context';
export type { ManualMatchOutcome, ManualMatchRequest } from './manual';
export type { MasterDataCounts } from './masterData';
export type { MatchCounts } from './match';
export type { MatchingSummary } from './summary';
export type { LedgerWindow, TransactionPlan, WindowCounts } from './transactions';

export function createMatchingActivities(deps: ActivityDeps) {
  return {
    resolveMatching: (ref: MatchingRef) => withFailures(() => resolveMatching(deps, ref)),
    syncMasterData: (ref: MatchingRef) => syncMasterData(deps, ref),
    planTransactionWindows: (ref: MatchingRef) => planTransactionWindows(deps, ref),
    fetchTransactionWindows: (input: MatchingRef & { windows: LedgerWindow[] }) => fetchTransactionWindows(deps, input),
    commitTransactionCursor: (input: MatchingRef & { cursor: string }) => commitTransactionCursor(deps, input),
    pushTransactions: (ref: MatchingRef) => pushTransactions(deps, ref),
    fetchOrders: (ref: MatchingRef) => fetchOrders(deps, ref),
    matchStaged: (ref: MatchingRef) => matchStaged(deps, ref),
    pushMatches: (ref: MatchingRef) => pushMatches(deps, ref),
    applyManualMatch: (input: MatchingRef & ManualMatchRequest & { at: string }) => applyManualMatch(deps, input),
    recordMatchingSummary: (input: MatchingRef & { summary: MatchingSummary }) => recordMatchingSummary(deps, input),
  };
}

export type MatchingActivities = ReturnType<typeof createMatchingActivities>;
