/**
 * Accounting transactions delivered to CostTracker: upserted by id in pages of the connection's page size (at
 * most 1 000, the API's bound), so a page sent twice (a retry after a lost answer) changes nothing.
 */
import { ConnectorError } from '../errors';
import type { CostTrackerClient } from './client';
import type { AccountingTransaction } from './model';
import { transactionsAnswerSchema, transactionToWire } from './wire';

export async function putTransactions(client: CostTrackerClient, transactions: readonly AccountingTransaction[]): Promise<void> {
  const pageSize = client.settings.pageSize;
  for (let start = 0; start < transactions.length; start += pageSize) {
    const page = transactions.slice(start, start + pageSize);
    const res = await client.call('putTransactions', 'POST', '/accounting-transactions/bulk', { body: { items: page.map(transactionToWire) } });
    const answer = client.parse(transactionsAnswerSchema, res.body, 'putTransactions answer');
    const counted = answer.created + answer.updated + answer.unchanged;
    if (counted !== page.length) {
      throw new ConnectorError('MalformedResponse', `CostTracker putTransactions (${client.where}) accounted for ${counted} of the ` +
        `${page.length} transactions sent; ask CostTracker support (model: connectors/costtracker/README.md)`);
    }
  }
}
