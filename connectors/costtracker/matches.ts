/**
 * Match records: upserted by transaction in pages; CostTracker recomputes each touched PO's invoiced amount and
 * status from the records (./README.md, "Match records"), and refuses single records with a reason.
 */
import type { CostTrackerClient } from './client';
import type { MatchRecord } from './model';
import { matchesAnswerSchema, matchRecordSchema } from './wire';

/** Transactions named in one list query: keeps the URL far below what proxies accept. */
const TRANSACTIONS_PER_QUERY = 100;

export async function putMatches(client: CostTrackerClient, records: readonly MatchRecord[]): Promise<Array<{ transaction: string; reason: string }>> {
  const refused: Array<{ transaction: string; reason: string }> = [];
  const pageSize = client.settings.pageSize;
  for (let start = 0; start < records.length; start += pageSize) {
    const items = records.slice(start, start + pageSize).map(({ transaction, kind, po, rule, by, at }) => ({ transaction, kind, po, rule, by, at }));
    const res = await client.call('putMatches', 'POST', '/match-records/bulk', { body: { items } });
    const answer = client.parse(matchesAnswerSchema, res.body, 'putMatches answer');
    for (const r of answer.refused) refused.push({ transaction: r.transaction, reason: r.message });
  }
  return refused;
}

export async function* matches(client: CostTrackerClient, query: { transactions?: string[] } = {}): AsyncGenerator<MatchRecord[]> {
  if (!query.transactions) {
    yield* client.pages('matches', '/match-records', matchRecordSchema, 'match record');
    return;
  }
  for (let start = 0; start < query.transactions.length; start += TRANSACTIONS_PER_QUERY) {
    const transaction = query.transactions.slice(start, start + TRANSACTIONS_PER_QUERY);
    yield* client.pages('matches', '/match-records', matchRecordSchema, 'match record', { transaction });
  }
}
