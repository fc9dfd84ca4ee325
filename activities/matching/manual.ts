/**
 * A person's match or unmatch (the matching desk), validated against the staged transaction and POs, applied as a
 * manual result (which no automatic run replaces) and pushed to CostTracker at once. The open amount left on a PO
 * is its amount less what comes from elsewhere (matching_orders.invoiced_minor) less every decision of ours on it
 * but this transaction's own.
 */
import { createMatchingOrderRepo, createMatchingResultRepo, createMatchingTransactionRepo } from '../../db/repos';
import { displayMinor } from '../../domain/money';
import type { ActivityDeps } from '../deps';
import { attention, withFailures } from '../failures';
import type { MatchingRef } from './context';
import { manualRecordHash } from './match';
import { pushMatches } from './push';

export interface ManualMatchRequest {
  transaction: string;
  /** None: unmatch (the transaction has no PO). */
  po?: string;
  by: string;
}

export interface ManualMatchOutcome {
  transaction: string;
  po?: string;
  by: string;
  at: string;
  /** CostTracker's reason, when it refused the record (kept as a warning on the result). */
  refused?: string;
}

export async function applyManualMatch(deps: ActivityDeps, input: MatchingRef & ManualMatchRequest & { at: string }): Promise<ManualMatchOutcome> {
  return withFailures(async () => {
    const { tenant, transaction: id, po, by } = input;
    const refuse = (why: string, fix: string) => attention('ValidationFailed', `tenant ${tenant}: transaction ${id}${po ? ` cannot be matched to PO ${po}` : ' cannot be unmatched'}: ${why}. ${fix}`);
    const transaction = await createMatchingTransactionRepo(deps.db).get(tenant, id);
    if (!transaction) throw refuse('no such transaction among those read from 24SevenOffice', `See ledgerbridge matching list ${tenant}, or read the ledger again: ledgerbridge matching refresh ${tenant} --transactions`);
    const results = createMatchingResultRepo(deps.db);
    if (po !== undefined) {
      const orders = await createMatchingOrderRepo(deps.db).byNumber(tenant, po);
      const other = `Choose another PO (ledgerbridge matching show ${tenant} ${id} lists the candidates) or unmatch it: ledgerbridge matching unmatch ${tenant} ${id}`;
      if (orders.length === 0) throw refuse('CostTracker has no such PO (as of the last run)', `Check the number, or read CostTracker again: ledgerbridge matching refresh ${tenant}`);
      if (orders.length > 1) throw refuse(`CostTracker holds ${orders.length} POs numbered ${po}`, 'Renumber the duplicate in CostTracker, then match again');
      const order = orders[0]!;
      if (order.status === 'closed') throw refuse('the PO is closed', other);
      if (transaction.supplier !== order.supplier) throw refuse(`the PO is for supplier ${order.supplier}, the transaction's supplier is ${transaction.supplier ?? 'missing'}`, other);
      if (transaction.currency !== order.currency) throw refuse(`the PO is in ${order.currency}, the transaction in ${transaction.currency}`, other);
      const committed = (await results.committedByOrder(tenant)).get(po) ?? 0;
      const current = await results.get(tenant, id);
      const own = current && current.result.po === po && (current.result.outcome === 'auto-matched' || current.result.outcome === 'matched') ? transaction.amount : 0;
      const invoiced = order.invoiced + committed - own;
      const left = order.amount - invoiced;
      if (transaction.amount > left) {
        throw refuse(`its amount ${displayMinor(transaction.amount, transaction.currency)} is more than the ${displayMinor(left, order.currency)} left on the PO (amount ${displayMinor(order.amount, order.currency)}, invoiced ${displayMinor(invoiced, order.currency)})`, other);
      }
      if (transaction.amount < 0 && -transaction.amount > invoiced) {
        throw refuse(`the credit note of ${displayMinor(-transaction.amount, transaction.currency)} is more than the ${displayMinor(invoiced, order.currency)} invoiced on the PO`, other);
      }
    }
    const at = new Date(input.at);
    const current = await results.get(tenant, id);
    await results.saveManual(tenant, {
      transaction: id, po, by, at, decidedHash: current?.result.decidedHash ?? '', recordHash: manualRecordHash(po, by, transaction.amount),
    });
    await pushMatches(deps, { tenant, workflowId: input.workflowId, only: id });
    const refused = (await results.get(tenant, id))?.result.refused ?? undefined;
    return { transaction: id, ...(po && { po }), by, at: input.at, ...(refused && { refused }) };
  });
}
