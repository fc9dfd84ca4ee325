/**
 * Finance → Batches for export: the open batch, Close batch, the month's batches, and Run export (the export
 * confirmation). Rules: ./README.md, "Batches" and "Export confirmation".
 */
import { ConnectorError } from '../errors';
import type { TelarisClient } from './client';
import { batchLabel, type Batch, type ExportConfirmation, type OpenBatch, type TelarisBatchId } from './model';
import { batchListSchema, batchSchema, openBatchSchema } from './wire';

export async function openBatch(client: TelarisClient): Promise<OpenBatch> {
  const res = await client.call('openBatch', 'GET', '/batches/open');
  return client.parse(openBatchSchema, res.body, 'open batch');
}

/**
 * Closes the open batch into the next number of the month. With an idempotency key, repeating the call after a
 * lost answer returns the batch that key closed instead of closing another one.
 */
export async function closeBatch(client: TelarisClient, options: { idempotencyKey?: string } = {}): Promise<Batch> {
  const headers = options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : undefined;
  const res = await client.call('closeBatch', 'POST', '/batches/close', { headers });
  return client.parse(batchSchema, res.body, 'closed batch');
}

/** Closed and exported batches of one month (YYYY-MM; default Telaris' current month), by number. */
export async function batches(client: TelarisClient, q: { period?: string } = {}): Promise<Batch[]> {
  if (q.period !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(q.period)) {
    throw new ConnectorError('ValidationFailed', `"${q.period}" is not a period: use YYYY-MM, e.g. 2026-11`);
  }
  const query = q.period ? `?period=${q.period}` : '';
  const res = await client.call('batches', 'GET', `/batches${query}`);
  const list = client.parse(batchListSchema, res.body, 'batch list');
  return list.items.map((item, i) => client.parse(batchSchema, item, `batch list, item ${i}`));
}

/** One batch, or undefined when Telaris does not know it. */
export async function batch(client: TelarisClient, id: TelarisBatchId): Promise<Batch | undefined> {
  const res = await client.call('batch', 'GET', `/batches/${encodeURIComponent(id)}`, { accept: [404] });
  if (res.status === 404) return undefined;
  return client.parse(batchSchema, res.body, `batch ${batchLabel(id)}`);
}

/**
 * Run export: marks the batch exported with our reference. A batch runs once; a second confirmation is an
 * outcome, not a failure, and `ours` tells a retry after a lost answer from a real second export.
 */
export async function confirmExport(client: TelarisClient, id: TelarisBatchId, reference: string): Promise<ExportConfirmation> {
  if (!reference.trim()) throw new ConnectorError('ValidationFailed', 'an export confirmation needs a reference (e.g. the workflow id)');
  const res = await client.call('confirmExport', 'POST', `/batches/${encodeURIComponent(id)}/export-confirmation`, { body: { reference }, accept: [409] });
  if (res.status !== 409) return { outcome: 'confirmed', batch: client.parse(batchSchema, res.body, `exported batch ${batchLabel(id)}`) };
  if (res.error?.code !== 'already_exported') {
    throw new ConnectorError('Rejected', `Telaris refused to mark batch ${batchLabel(id)} exported (${client.where}): ${res.error?.message ?? 'conflict'}`);
  }
  const exportedAt = String(res.error.details?.exportedAt ?? '');
  const exportReference = String(res.error.details?.exportReference ?? '');
  return {
    outcome: 'alreadyExported',
    batchId: id,
    exportedAt,
    exportReference,
    ours: exportReference === reference,
    message: `batch ${batchLabel(id)} was exported at ${exportedAt || 'an unknown time'}${exportReference ? ` (reference ${exportReference})` : ''}`,
  };
}
