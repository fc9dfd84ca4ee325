/**
 * What CostTracker accepts in a request (connectors/costtracker/README.md): bulk bodies of at most 1 000 items,
 * paging parameters, filters. A refusal is `400 validation_failed` naming each wrong field (`items[3].amount`),
 * the first 20 of them; nothing of the request is applied.
 */
import { z } from 'zod';
import { moneyText as money } from '../../connectors/shared/moneyText';
import { issuePath } from '../../connectors/shared/zodIssue';
import type { StoredMatch, TransactionRecord } from './model';
import { ApiError } from './store';

export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 100;
const NAMED_FIELDS = 20;

const text = (max: number) => z.string().min(1).max(max);
const optional = <S extends z.ZodType>(s: S) => s.nullish().transform((v) => v ?? undefined);
const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 instant');

const transaction = z.object({
  id: text(100),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD'),
  supplier: optional(text(50)),
  project: optional(text(50)),
  department: optional(text(50)),
  account: z.number().int().positive(),
  amount: money,
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code'),
  poField: optional(z.string().max(100)),
  description: optional(z.string().max(1000)),
  documentUrl: optional(z.string().max(2000)),
});

const matchRecord = z.object({
  transaction: text(100),
  kind: z.enum(['auto', 'manual', 'unmatched']),
  po: optional(text(50)),
  rule: optional(text(100)),
  by: optional(text(200)),
  at: instant,
}).superRefine((r, ctx) => {
  if (r.kind !== 'unmatched' && !r.po) ctx.addIssue({ code: 'custom', path: ['po'], message: `a ${r.kind} match names its PO` });
  if (r.kind === 'unmatched' && r.po) ctx.addIssue({ code: 'custom', path: ['po'], message: 'an unmatched record names no PO' });
  if (r.kind === 'auto' && !r.rule) ctx.addIssue({ code: 'custom', path: ['rule'], message: 'an auto match names the rule that matched' });
  if (r.kind === 'manual' && !r.by) ctx.addIssue({ code: 'custom', path: ['by'], message: 'a manual match names who matched' });
});

const bulk = <S extends z.ZodType>(item: S) => z.object({ items: z.array(item).max(MAX_PAGE_SIZE, `at most ${MAX_PAGE_SIZE} items per request`) });

export function transactionsBody(body: unknown): TransactionRecord[] {
  return valid(bulk(transaction), body).items as TransactionRecord[];
}

export function matchRecordsBody(body: unknown): StoredMatch[] {
  return valid(bulk(matchRecord), body).items as StoredMatch[];
}

export function voucherBody(body: unknown): number {
  return valid(z.object({ voucherNo: z.number().int().positive() }), body).voucherNo;
}

export function paging(query: URLSearchParams): { page: number; pageSize: number } {
  return valid(z.object({
    page: z.coerce.number().int().positive().default(1),
    pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  }), { page: query.get('page') ?? undefined, pageSize: query.get('pageSize') ?? undefined });
}

const STATUSES = ['open', 'partly-invoiced', 'closed'] as const;

export function orderFilter(query: URLSearchParams): { statuses: string[]; updatedSince?: number } {
  const parsed = valid(z.object({
    status: z.array(z.enum(STATUSES)),
    updatedSince: optional(instant),
  }), { status: query.getAll('status'), updatedSince: query.get('updatedSince') });
  return { statuses: parsed.status, updatedSince: parsed.updatedSince === undefined ? undefined : Date.parse(parsed.updatedSince) };
}

export function invoiceStatusFilter(query: URLSearchParams): string | undefined {
  return valid(optional(z.enum(['received', 'approved', 'posted', 'rejected'])), query.get('status'));
}

function valid<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.slice(0, NAMED_FIELDS).map((i) => ({ field: issuePath(i.path) || undefined, message: i.message }));
  const first = details[0]!;
  throw new ApiError(400, 'validation_failed', `${parsed.error.issues.length} field(s) are not valid, e.g. ${first.field ?? 'the body'}: ${first.message}`, details);
}
