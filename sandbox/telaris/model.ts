/**
 * The sandbox's side of the wire model in connectors/telaris/README.md: exactly the JSON the API sends.
 * Money is a decimal string here on purpose — a bad document (three decimals) must be representable.
 */
import type { z } from 'zod';
import type { batchSchema, customerSchema, documentSchema, lineSchema, openBatchSchema } from '../../connectors/telaris/wire';
export { DOCUMENT_TYPES, type DocumentType } from '../../connectors/telaris/model';

/** One definition of the wire: what the connector's schemas accept is what the sandbox sends. */
export type WireLine = z.input<typeof lineSchema>;
export type WireDocument = z.input<typeof documentSchema>;
export type WireCustomer = z.input<typeof customerSchema>;

export type WireBatch = z.input<typeof batchSchema>;
export type WireOpenBatch = z.input<typeof openBatchSchema>;
export type WireTotals = WireBatch['totals'];

export interface WirePage<T> {
  items: T[];
  page: number;
  pageSize: number;
  totalItems: number;
  totalPages: number;
}
