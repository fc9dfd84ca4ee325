/**
 * Everything activities and the CLI read or write, built from one database and one SecretBox. The request
 * budget and the session store belong to one tenant, so they are made per tenant where a connector is built.
 */
import type { Db } from '../index';
import type { SecretBox } from '../secrets';
import { createBatchRepo } from './batches';
import { createConnectionRepo } from './connections';
import { createCrossReferenceRepo } from './crossReferences';
import { createExportLogRepo } from './exportLog';
import { createIdempotencyRepo } from './idempotency';
import { createInvoiceTransferRepo } from './invoiceTransfers';
import { createMappingRepo } from './mappings';
import { createSupplierInvoicePostingRepo } from './supplierInvoicePostings';
import { createMatchingOrderRepo } from './matchingOrders';
import { createMatchingResultRepo } from './matchingResults';
import { createMatchingTransactionRepo } from './matchingTransactions';
import { createSyncCursorRepo } from './syncCursors';
import { createTenantRepo } from './tenants';
import { createVoucherNumberRepo } from './voucherNumbers';

export * from './batches';
export * from './connections';
export * from './crossReferences';
export * from './exportLog';
export * from './idempotency';
export * from './invoiceTransfers';
export * from './mappings';
export * from './matchingOrders';
export * from './matchingResults';
export * from './matchingTransactions';
export * from './requestBudget';
export * from './settlements';
export * from './sessions';
export * from './supplierInvoicePostings';
export * from './syncCursors';
export * from './tenants';
export * from './voucherNumbers';

export function createRepositories(db: Db, secrets: SecretBox) {
  return {
    tenants: createTenantRepo(db),
    batches: createBatchRepo(db),
    connections: createConnectionRepo(db, secrets),
    mappings: createMappingRepo(db),
    crossReferences: createCrossReferenceRepo(db),
    voucherNumbers: createVoucherNumberRepo(db),
    exportLog: createExportLogRepo(db),
    idempotency: createIdempotencyRepo(db),
    invoiceTransfers: createInvoiceTransferRepo(db),
    supplierInvoicePostings: createSupplierInvoicePostingRepo(db),
    syncCursors: createSyncCursorRepo(db),
    matchingTransactions: createMatchingTransactionRepo(db),
    matchingOrders: createMatchingOrderRepo(db),
    matchingResults: createMatchingResultRepo(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
