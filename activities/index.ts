/** All activities, built from the injected dependencies. */
import type { ActivityDeps } from './deps';
import { activityLog } from './activityLog';
import { createConnectionActivities } from './connections';
import { createBatchActivities } from './batch';
import { createInvoiceActivities } from './invoices';
import { createSupplierPostingActivities } from './supplierPosting';
import { createMatchingActivities } from './matching';
import { createSettlementActivities } from './settlement';

export function createActivities(given: ActivityDeps) {
  const deps = { ...given, log: activityLog(given.log) };
  return {
    ...createConnectionActivities(deps),
    ...createBatchActivities(deps),
    ...createInvoiceActivities(deps),
    ...createSupplierPostingActivities(deps),
    ...createMatchingActivities(deps),
    ...createSettlementActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
export type { ActivityDeps };
