/** Finvoice 3.0, the Finnish e-invoice: the writer of a SalesInvoice, and the payment references it carries. */
export { finvoiceDocument, vatSpecification } from './document';
export type { FinvoiceMessage, VatLine } from './document';
export { FinvoiceError } from './format';
export { LIMITS, MAX_INVOICE_FREE_TEXTS, MAX_ROW_FREE_TEXTS } from './limits';
export { finnishCheckDigit, finnishReference, isFinnishReference, isRfReference, paymentReference, ReferenceError, rfReference } from './reference';
export type { PaymentReference } from './reference';
