/** Purchase orders, page by page: by default the open and partly invoiced ones, optionally changed since an instant. */
import type { CostTrackerClient } from './client';
import type { PurchaseOrder } from './model';
import { purchaseOrderSchema } from './wire';

export const OPEN_STATUSES: ReadonlyArray<PurchaseOrder['status']> = ['open', 'partly-invoiced'];

export function purchaseOrders(
  client: CostTrackerClient,
  query: { statuses?: Array<PurchaseOrder['status']>; updatedSince?: string } = {},
): AsyncGenerator<PurchaseOrder[]> {
  return client.pages('purchaseOrders', '/purchase-orders', purchaseOrderSchema, 'purchase order', {
    status: query.statuses ?? OPEN_STATUSES, updatedSince: query.updatedSince,
  });
}
