/**
 * Reading one page of a paged list (./README.md, "Pagination"): the envelope is checked as a whole, each item
 * on its own, so that every bad item of the page is named in one message instead of only the first.
 */
import { z } from 'zod';
import { ConnectorError } from '../errors';
import type { TelarisClient } from './client';
import type { Page } from './model';
import { describeIssue } from '../shared/zodIssue';
import { pageSchema } from './wire';

/** How many bad items one message names; the rest are counted. */
const NAMED_PROBLEMS = 10;

export async function readPage<S extends z.ZodType>(
  client: TelarisClient,
  request: { operation: string; path: string; page: number; pageSize: number; what: string; itemName: string },
  itemSchema: S,
  options: { accept?: number[] } = {},
): Promise<{ status: number; page?: Page<z.output<S>>; error?: { code: string; message: string } }> {
  const { page, pageSize } = request;
  if (!Number.isInteger(page) || page < 1) throw new ConnectorError('ValidationFailed', `page ${page} is not a page number: pages count from 1`);
  const sep = request.path.includes('?') ? '&' : '?';
  const res = await client.call(request.operation, 'GET', `${request.path}${sep}page=${page}&pageSize=${pageSize}`, { accept: options.accept });
  if (res.error) return { status: res.status, error: res.error };

  const where = `${request.what}, page ${page}`;
  const envelope = client.parse(pageSchema, res.body, where);
  if (envelope.page !== page || envelope.items.length > pageSize) {
    throw new ConnectorError('MalformedResponse', `Telaris ${where} (${client.where}) answered page ${envelope.page} with ` +
      `${envelope.items.length} items for page ${page} of size ${pageSize}; ask Telaris support, the paging may have changed`);
  }
  const items: z.output<S>[] = [];
  const problems: string[] = [];
  envelope.items.forEach((raw, i) => {
    const parsed = itemSchema.safeParse(raw);
    if (parsed.success) items.push(parsed.data);
    else problems.push(`${request.itemName} ${nameOf(raw, i)}: ${describeIssue(parsed.error)}`);
  });
  if (problems.length > 0) {
    const more = problems.length > NAMED_PROBLEMS ? `; and ${problems.length - NAMED_PROBLEMS} more` : '';
    throw new ConnectorError('MalformedResponse', `Telaris ${where} (${client.where}): ${problems.length} ${request.itemName}(s) ` +
      `break the model — ${problems.slice(0, NAMED_PROBLEMS).join('; ')}${more}. Correct them in Telaris, or ask Telaris support ` +
      'why the API sends them; nothing of this page was used');
  }
  return { status: res.status, page: { page: envelope.page, pageSize: envelope.pageSize, totalItems: envelope.totalItems, totalPages: envelope.totalPages, items } };
}

/** "d-2026-11-000042 (invoice 10042)" when the raw item tells its id, else its position on the page. */
function nameOf(raw: unknown, index: number): string {
  const r = (raw ?? {}) as Record<string, unknown>;
  const id = typeof r.id === 'string' ? r.id : typeof r.customerNo === 'string' ? r.customerNo : undefined;
  if (!id) return `#${index + 1} on the page (no id)`;
  return typeof r.number === 'string' ? `${id} (number ${r.number})` : id;
}
