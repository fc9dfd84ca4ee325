/**
 * CostTracker's purchase orders, read whole each run (open, partly invoiced and closed: a PO number of a closed PO
 * in a transaction is a warning, not silence) and staged for the cascade and the matching desk.
 */
import { heartbeat } from '@temporalio/activity';
import { createMatchingOrderRepo, createMatchingResultRepo } from '../../db/repos';
import type { MatchOrder } from '../../domain/matching/types';
import type { Minor } from '../../domain/money';
import type { ActivityDeps } from '../deps';
import { withFailures } from '../failures';
import { openMatchingSystems, type MatchingRef } from './context';

export async function fetchOrders(deps: ActivityDeps, ref: MatchingRef): Promise<{ open: number; closed: number }> {
  return withFailures(async () => {
    const { ct } = await openMatchingSystems(deps, ref.tenant);
    const orders: MatchOrder[] = [];
    for await (const page of ct.purchaseOrders({ statuses: ['open', 'partly-invoiced', 'closed'] })) {
      for (const po of page) {
        orders.push({
          number: po.number, supplier: po.supplier, amount: po.amount, invoiced: po.invoiced, currency: po.currency, status: po.status,
          ...(po.project !== undefined && { project: po.project }), ...(po.department !== undefined && { department: po.department }),
        });
      }
      heartbeat({ orders: orders.length });
    }
    // CostTracker's invoiced counts our own records too; what is staged is the rest (see matching_orders.invoiced_minor).
    const ours = await createMatchingResultRepo(deps.db).pushedByOrder(ref.tenant);
    const staged = orders.map((o) => ours.has(o.number) ? { ...o, invoiced: (o.invoiced - ours.get(o.number)!) as Minor } : o);
    await createMatchingOrderRepo(deps.db).replace(ref.tenant, staged);
    const closed = orders.filter((o) => o.status === 'closed').length;
    return { open: orders.length - closed, closed };
  });
}
