/**
 * The wire shapes of ./README.md as zod schemas that also convert: money strings become integer øre
 * (domain/money.ts: a third decimal is an error, never a rounding), batch ids become branded ids.
 */
import { z } from 'zod';
import { isoDay as day, isoInstant as instant } from '../shared/wireFields';
import { moneyText as money } from '../shared/moneyText';
import { batchLabel, DOCUMENT_TYPES, isTelarisBatchId, type TelarisBatchId } from './model';

const code = z.string().min(1);
const count = z.number().int().nonnegative();

const batchId = z.string().refine(isTelarisBatchId, 'expected a batch id like 2026-11-3')
  .transform((s) => s as TelarisBatchId);

const totals = z.object({ debit: money, credit: money });

export const openBatchSchema = z.object({
  status: z.literal('open'),
  openedAt: instant,
  documentCount: count,
  totals,
});

export const batchSchema = z.object({
  id: batchId,
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a period YYYY-MM'),
  sequence: z.number().int().positive(),
  status: z.enum(['closed', 'exported']),
  openedAt: instant,
  closedAt: instant,
  exportedAt: instant.optional(),
  exportReference: z.string().optional(),
  documentCount: count,
  totals,
}).transform((b) => ({ ...b, label: batchLabel(b.id) }));

export const batchListSchema = z.object({ items: z.array(z.unknown()) });

export const lineSchema = z.object({
  lineNo: z.number().int().positive(),
  account: z.number().int().positive(),
  amount: money,
  vatCode: code.optional(),
  project: code.optional(),
  department: code.optional(),
  description: z.string().optional(),
});

export const documentSchema = z.object({
  id: code,
  type: z.enum(DOCUMENT_TYPES),
  number: code,
  date: day,
  dueDate: day.optional(),
  customerNo: code.optional(),
  supplierNo: code.optional(),
  invoiceNo: code.optional(),
  kid: code.optional(),
  description: z.string(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code'),
  lines: z.array(lineSchema).min(1, 'a document has at least one line'),
});

export const customerSchema = z.object({
  customerNo: code,
  name: z.string().min(1),
  organizationNumber: z.string().optional(),
  email: z.string().optional(),
  address: z.object({ street: z.string(), postalCode: z.string(), city: z.string(), country: z.string() }).optional(),
});

export const companySchema = z.object({
  companyNo: code,
  name: z.string(),
  organizationNumber: z.string(),
  currency: z.string(),
});

/** Items stay unknown here: each is validated on its own, so a bad one is named, not the whole page. */
export const pageSchema = z.object({
  items: z.array(z.unknown()),
  page: z.number().int().positive(),
  pageSize: z.number().int().positive(),
  totalItems: count,
  totalPages: count,
});

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});
export type ErrorBody = z.output<typeof errorBodySchema>['error'];
