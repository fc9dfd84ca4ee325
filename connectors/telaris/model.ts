/**
 * What the Telaris connector hands to the rest of ledgerbridge: documents, batches and customers in domain
 * terms, money in integer øre (debit positive, credit negative). The wire shapes are in ./wire.ts.
 */
import type { Minor } from '../../domain/money';
import type { StagedVoucher, VoucherLine } from '../../domain/batch/voucher';

/** A closed batch: "2026-11-3" is batch #3 of November 2026. */
export type TelarisBatchId = string & { readonly __telarisBatch: unique symbol };

const BATCH_ID = /^(\d{4}-(?:0[1-9]|1[0-2]))-([1-9]\d{0,5})$/;

export function telarisBatchId(value: string): TelarisBatchId {
  if (!BATCH_ID.test(value)) {
    throw new Error(`"${value}" is not a Telaris batch id: use period and number, e.g. 2026-11-3 for batch 2026-11 #3`);
  }
  return value as TelarisBatchId;
}

export function isTelarisBatchId(value: string): value is TelarisBatchId {
  return BATCH_ID.test(value);
}

/** How Telaris' screen and our messages name a batch: "2026-11 #3". */
export { batchLabel } from '../../domain/batch/flow';

export const DOCUMENT_TYPES = ['salesInvoice', 'payment', 'cost', 'cashSettlement'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export interface BatchTotals {
  /** Sum of debit lines, ≥ 0. */
  debit: Minor;
  /** Sum of credit lines, ≤ 0; debit + credit = 0 when every document balances. */
  credit: Minor;
}

export interface OpenBatch {
  status: 'open';
  openedAt: string;
  documentCount: number;
  totals: BatchTotals;
}

export interface Batch {
  id: TelarisBatchId;
  /** "2026-11 #3" */
  label: string;
  /** YYYY-MM */
  period: string;
  sequence: number;
  status: 'closed' | 'exported';
  openedAt: string;
  closedAt: string;
  exportedAt?: string;
  exportReference?: string;
  documentCount: number;
  totals: BatchTotals;
}

/** A line as Telaris writes it: the domain's voucher line (SAF-T VAT code, project and department codes as Telaris has them). */
export type DocumentLine = VoucherLine;

/** A document as Telaris lists it: the domain's voucher under Telaris' own names for the id and the kind. */
export type TelarisDocument = Omit<StagedVoucher, 'sourceId' | 'kind'> & {
  /** Stable and unique within the company: the voucher's business identity. */
  id: string;
  type: DocumentType;
  currency: string;
};

export interface Page<T> {
  page: number;
  pageSize: number;
  totalItems: number;
  totalPages: number;
  items: T[];
}

export interface DocumentPage extends Page<TelarisDocument> {
  batchId: TelarisBatchId;
}

export interface Customer {
  customerNo: string;
  name: string;
  /** As Telaris has it: may be missing or invalid in bad data (check with domain/orgNumber.ts). */
  organizationNumber?: string;
  email?: string;
  address?: { street: string; postalCode: string; city: string; country: string };
}

export interface TelarisCompany {
  companyNo: string;
  name: string;
  organizationNumber: string;
  currency: string;
}

/** "Run export" answered: either we marked the batch, or it had been marked before (by us or someone else). */
export type ExportConfirmation =
  | { outcome: 'confirmed'; batch: Batch }
  | {
      outcome: 'alreadyExported';
      batchId: TelarisBatchId;
      exportedAt: string;
      exportReference: string;
      /** The earlier confirmation carried our reference: a retry after a lost response, not a second export. */
      ours: boolean;
      /** e.g. "batch 2026-11 #3 was exported at 2026-11-30T14:05:00.000Z (reference acme/batch/2026-11-3)" */
      message: string;
    };
