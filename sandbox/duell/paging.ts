/**
 * DUELL's list paging in our model (connectors/duell/README.md, "Paging"): `limit` (1–500, default 100) and an
 * opaque `cursor`; the answer is `{ items, nextCursor }`, `nextCursor` null on the last page. Items are in a stable
 * order by a key (changedAt then id, or the Z number), and the cursor is the last key given, so a change made
 * while a client pages moves the item behind the cursor, where the same read still finds it.
 */
import { z } from 'zod';
import { ApiError } from './store';

export const MAX_LIMIT = 500;
const DEFAULT_LIMIT = 100;

export type SortKey = [number, string];

const query = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
  cursor: z.string().optional(),
  changedSince: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 instant').optional(),
  fromNumber: z.coerce.number().int().positive().optional(),
});

export type ListQuery = z.output<typeof query>;

export function listQuery(params: URLSearchParams): ListQuery {
  const parsed = query.safeParse(Object.fromEntries(['limit', 'cursor', 'changedSince', 'fromNumber'].flatMap((k) => (params.has(k) ? [[k, params.get(k)]] : []))));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new ApiError(400, 'validation_failed', issue.message, issue.path.map(String).join('.'));
}

/** Items changed at or after `changedSince` (all without it), by changedAt then id. */
export function changedKey(changedAt: string, id: string): SortKey {
  return [Date.parse(changedAt), id];
}

export function page<T>(items: readonly T[], key: (item: T) => SortKey, q: ListQuery, render: (item: T) => unknown): { items: unknown[]; nextCursor: string | null } {
  const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
  const sorted = items.map((item) => ({ item, key: key(item) })).sort((a, b) => compare(a.key, b.key));
  const rest = after ? sorted.filter((s) => compare(s.key, after) > 0) : sorted;
  const taken = rest.slice(0, q.limit);
  const last = taken[taken.length - 1];
  return { items: taken.map((s) => render(s.item)), nextCursor: rest.length > q.limit && last ? encodeCursor(last.key) : null };
}

function compare(a: SortKey, b: SortKey): number {
  return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
}

function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string): SortKey {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && typeof key[0] === 'number' && typeof key[1] === 'string') return [key[0], key[1]];
  } catch { /* refused below */ }
  throw new ApiError(400, 'validation_failed', 'the cursor is not one this API gave out; start the read again without it', 'cursor');
}
