/**
 * What CostTracker accepts in a request besides the bulk bodies (./bulkBodies.ts): paging parameters, filters, a
 * voucher number. A refusal is `400 validation_failed` naming each wrong field; nothing of the request is applied.
 */
import { z } from 'zod';
import { issuePath } from '../../connectors/shared/zodIssue';
import { MAX_ITEMS } from './bulkBodies';
import { ApiError } from './store';

export const MAX_PAGE_SIZE = MAX_ITEMS;
export const DEFAULT_PAGE_SIZE = 100;
const NAMED_FIELDS = 20;

const optional = <S extends z.ZodType>(s: S) => s.nullish().transform((v) => v ?? undefined);
const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 instant');

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
