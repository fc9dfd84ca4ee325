/**
 * The Telaris ERP connector: a typed client in domain terms over Telaris' REST API. The API model (paths,
 * shapes, status codes, paging, auth) is decided in ./README.md and mirrored by sandbox/telaris.
 */
import type { CheckReport, Connector, ConnectorContext } from '../types';
import * as batchCalls from './batches';
import { check } from './check';
import { TelarisClient } from './client';
import { credentialsSchema, settingsSchema, telarisConfig, type TelarisConfigInput } from './config';
import * as customerCalls from './customers';
import { documents, documentsPage } from './documents';
import type { Batch, Customer, DocumentPage, ExportConfirmation, OpenBatch, Page, TelarisBatchId, TelarisDocument } from './model';

export { batchLabel, DOCUMENT_TYPES, isTelarisBatchId, telarisBatchId } from './model';
export type { Batch, BatchTotals, Customer, DocumentLine, DocumentPage, DocumentType, ExportConfirmation, OpenBatch, Page, TelarisBatchId, TelarisCompany, TelarisDocument } from './model';
export { credentialsSchema, MAX_PAGE_SIZE, settingsSchema, telarisConfig } from './config';
export type { TelarisConfig, TelarisConfigInput, TelarisCredentials, TelarisSettings } from './config';

export interface Telaris extends Connector {
  /** The "test integration" button: token, company, batches readable. */
  check(): Promise<CheckReport>;

  /** The batch collecting documents now. */
  openBatch(): Promise<OpenBatch>;
  /**
   * Close batch: the open batch becomes the month's next number (2026-11 #1, #2, …), even when empty. Pass an
   * idempotency key (e.g. the workflow id) so a retry after a lost answer returns the same batch.
   */
  closeBatch(options?: { idempotencyKey?: string }): Promise<Batch>;
  /** Closed and exported batches of a month (YYYY-MM), default the current one. */
  batches(q?: { period?: string }): Promise<Batch[]>;
  batch(id: TelarisBatchId): Promise<Batch | undefined>;
  /** One page (from 1) of the settings' page size; money in øre. A bad document fails the page (MalformedResponse). */
  documentsPage(batchId: TelarisBatchId, page: number): Promise<DocumentPage>;
  /** Every document of the batch, page after page. */
  documents(batchId: TelarisBatchId): AsyncIterable<TelarisDocument>;

  customersPage(page: number): Promise<Page<Customer>>;
  customers(): AsyncIterable<Customer>;
  customer(customerNo: string): Promise<Customer | undefined>;

  /** Run export: marks the batch exported once; a second time answers { outcome: 'alreadyExported' }. */
  confirmExport(batchId: TelarisBatchId, reference: string): Promise<ExportConfirmation>;
}

export function createTelaris(config: TelarisConfigInput, ctx: ConnectorContext): Telaris {
  const parsed = telarisConfig.parse(config);
  const log = ctx.log.child({ system: 'telaris', tenant: ctx.tenant });
  const client = new TelarisClient(parsed, { ...ctx, log });
  const pageSize = parsed.settings.pageSize;
  return {
    check: () => check(client),
    openBatch: () => batchCalls.openBatch(client),
    closeBatch: (options) => batchCalls.closeBatch(client, options),
    batches: (q) => batchCalls.batches(client, q),
    batch: (id) => batchCalls.batch(client, id),
    documentsPage: (batchId, page) => documentsPage(client, batchId, page, pageSize),
    documents: (batchId) => documents(client, batchId, pageSize),
    customersPage: (page) => customerCalls.customersPage(client, page, pageSize),
    customers: () => customerCalls.customers(client, pageSize),
    customer: (no) => customerCalls.customer(client, no),
    confirmExport: (batchId, reference) => batchCalls.confirmExport(client, batchId, reference),
  };
}

/** What the platform registers: the system name, the split schemas (credentials are stored encrypted) and the factory. */
export const telaris = {
  system: 'telaris' as const,
  settingsSchema,
  credentialsSchema,
  create: createTelaris,
};
