/**
 * A closed batch's documents, page by page (what the staging activity calls, one page per step) or as one
 * stream. A document listed twice comes through twice: see ./README.md, "A document listed twice".
 */
import { ConnectorError } from '../errors';
import type { TelarisClient } from './client';
import { batchLabel, type DocumentPage, type TelarisBatchId, type TelarisDocument } from './model';
import { readPage } from './pages';
import { documentSchema } from './wire';

export async function documentsPage(client: TelarisClient, batchId: TelarisBatchId, page: number, pageSize: number): Promise<DocumentPage> {
  const label = batchLabel(batchId);
  const read = await readPage(client, {
    operation: 'documents', path: `/batches/${encodeURIComponent(batchId)}/documents`, page, pageSize,
    what: `batch ${label}`, itemName: 'document',
  }, documentSchema, { accept: [404, 409] });
  if (read.status === 404) {
    throw new ConnectorError('Rejected', `Telaris has no batch ${label} (${client.where}); see the month's batches with ledgerbridge batch list`);
  }
  if (read.error || !read.page) {
    throw new ConnectorError('Rejected', `Telaris will not list the documents of batch ${label} (${client.where}): ${read.error?.message ?? 'refused'}`);
  }
  return { batchId, ...read.page };
}

/** Every document of the batch in Telaris' order; one request per page. */
export async function* documents(client: TelarisClient, batchId: TelarisBatchId, pageSize: number): AsyncGenerator<TelarisDocument> {
  for (let page = 1, last = 1; page <= last; page++) {
    const current = await documentsPage(client, batchId, page, pageSize);
    last = current.totalPages;
    yield* current.items;
  }
}
