/** Every workflow the worker runs; the bundle's entry point. */
export { connectionCheck } from './connectionCheck';
export { batchExport } from './batchExport';
export { invoiceTransfer } from './invoiceTransfer';
export { invoiceTransferRun } from './invoiceTransferRun';
export { productRegisterTransfer, salesLedgerTransfer } from './invoiceRegisters';
export { supplierInvoicePosting } from './supplierInvoicePosting';
export { supplierInvoicePostingRun } from './supplierInvoicePostingRun';
export { matchingRun } from './matchingRun';
export { matchingDesk } from './matchingDesk';
export { settlement } from './settlement';
export { settlementRun } from './settlementRun';
