/**
 * The wire shapes of ./README.md as zod schemas that yield ./model.ts: money strings become integer minor units,
 * absent optional fields (left out or null) become undefined. Unknown fields are ignored, so CostTracker may add
 * fields without breaking us; a field we rely on that is missing or of another type fails the answer.
 */
import { z } from 'zod';
import { isoDay as day, isoInstant as instant, optionalField as opt } from '../shared/wireFields';
import { formatMinor } from '../../domain/money';
import { moneyText as money } from '../shared/moneyText';
import type {
  AccountingTransaction, Department, MatchRecord, Organisation, Project, PurchaseOrder, ReceivedInvoice, Supplier,
} from './model';

const id = z.string().min(1);
const currency = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code');

export const organisationSchema: z.ZodType<Organisation, any> = z.object({
  id, name: z.string(), poPrefix: z.string(), currency,
});

export const supplierSchema: z.ZodType<Supplier, any> = z.object({ id, name: z.string(), organisationNumber: opt(z.string()) });
export const projectSchema: z.ZodType<Project, any> = z.object({ id, name: z.string(), active: z.boolean() });
export const departmentSchema: z.ZodType<Department, any> = z.object({ id, name: z.string(), active: z.boolean() });

export const purchaseOrderSchema: z.ZodType<PurchaseOrder, any> = z.object({
  number: z.string().min(1),
  supplier: id,
  project: opt(id),
  department: opt(id),
  amount: money,
  invoiced: money,
  currency,
  status: z.enum(['open', 'partly-invoiced', 'closed']),
  updatedAt: instant,
  lines: z.array(z.object({ description: z.string(), account: opt(z.number().int().positive()), amount: money })),
});

export const matchRecordSchema: z.ZodType<MatchRecord, any> = z.object({
  transaction: id,
  kind: z.enum(['auto', 'manual', 'unmatched']),
  po: opt(z.string().min(1)),
  rule: opt(z.string().min(1)),
  by: opt(z.string().min(1)),
  at: instant,
});

export const receivedInvoiceSchema: z.ZodType<ReceivedInvoice, any> = z.object({
  id,
  invoiceNumber: z.string().min(1),
  supplier: id,
  date: day,
  dueDate: day,
  currency,
  total: money,
  paymentReference: opt(z.string()),
  poNumber: opt(z.string()),
  status: z.enum(['received', 'approved', 'posted', 'rejected']),
  lines: z.array(z.object({
    account: z.number().int().positive(),
    amount: money,
    vatCode: opt(z.string()),
    vatAmount: money,
    project: opt(id),
    department: opt(id),
    description: opt(z.string()),
  })),
  postedVoucher: opt(z.number().int().positive()),
  updatedAt: instant,
});

/** `{ items, page, pageSize, totalItems }`; the items are checked one by one (./pages.ts). */
export const pageSchema = z.object({
  items: z.array(z.unknown()),
  page: z.number().int().positive(),
  pageSize: z.number().int().positive(),
  totalItems: z.number().int().nonnegative(),
});

export const transactionsAnswerSchema = z.object({
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
});

export const matchesAnswerSchema = z.object({
  applied: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  refused: z.array(z.object({ transaction: id, code: z.string(), message: z.string() })),
});

/** CostTracker's error body: `{ error: { code, message, details?: [{ field?, message }] } }`. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: opt(z.array(z.object({ field: opt(z.string()), message: z.string() }))),
  }),
});
export type CostTrackerErrorBody = z.output<typeof errorBodySchema>['error'];

/** A transaction as we send it: amounts as decimal strings, absent fields left out. */
export function transactionToWire(t: AccountingTransaction): Record<string, unknown> {
  return {
    id: t.id, date: t.date, supplier: t.supplier, project: t.project, department: t.department, account: t.account,
    amount: formatMinor(t.amount), currency: t.currency, poField: t.poField, description: t.description, documentUrl: t.documentUrl,
  };
}
