/**
 * The wire shapes of Talenom's Sales API as ./README.md models them, as zod schemas: what the connector accepts
 * from Talenom, and the error bodies it turns into ConnectorErrors.
 */
import { z } from 'zod';
import { isoDay as day } from '../shared/wireFields';

export const tokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i, 'expected a Bearer token'),
  expires_in: z.coerce.number().int().positive(),
});

/** Azure AD / OAuth 2 error answer of the token endpoint (RFC 6749 §5.2). */
export const tokenErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

/** Azure APIM's own refusals (subscription key, token), before the request reaches Talenom's service. */
export const apimErrorSchema = z.object({ statusCode: z.number(), message: z.string() });

/** Talenom's service errors: every reason with the field it concerns. */
export const serviceErrorSchema = z.object({
  errors: z.array(z.object({ field: z.string().optional(), message: z.string() })).min(1),
});
export type ServiceError = z.output<typeof serviceErrorSchema>['errors'][number];

const cents = z.number().int();

export const contactSchema = z.object({
  contactId: z.string().min(1),
  organizationNumber: z.string(),
  type: z.enum(['Company', 'Consumer']),
  number: z.string().min(1),
  name: z.string(),
  businessId: z.string().nullish(),
  vatNumber: z.string().nullish(),
  currency: z.string(),
  InvoiceLanguage: z.string(),
  invoicingAddress: z.object({ address1: z.string(), country: z.string(), postalCode: z.string(), postOffice: z.string() }),
  eInvoiceAddress: z.string().nullable(),
  eInvoiceOperator: z.string().nullable(),
  email: z.string().nullish(),
});

export const contactIdSchema = z.object({ contactId: z.string().min(1) });

export const receivedInvoiceSchema = z.object({
  id: z.string().min(1),
  documentId: z.string().min(1),
  number: z.string(),
  contactNumber: z.string(),
  status: z.enum(['Received', 'Approved', 'Sent']),
  documentHash: z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha-256 in hex'),
  receivedAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 instant'),
});

export const salesAccountSchema = z.object({ number: z.string().min(1), name: z.string(), vatPercent: z.number().min(0).max(100) });

export const productSchema = z.object({
  code: z.string().min(1),
  name: z.string(),
  unit: z.string().optional(),
  unitPrice: z.number().optional(),
  vatPercent: z.number().optional(),
  salesAccountNumber: z.string().optional(),
  isActive: z.boolean(),
});

export const salesLedgerItemSchema = z.object({
  invoiceNumber: z.string().min(1),
  contactNumber: z.string(),
  referenceNumber: z.string(),
  date: day,
  dueDate: day,
  currency: z.string(),
  amount: cents,
  openAmount: cents,
  payments: z.array(z.object({ date: day, amount: cents })),
});

export const upsertCountSchema = z.object({ created: z.number().int().nonnegative(), updated: z.number().int().nonnegative() });

/** Every list answer: `{ results: [...] }`. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ results: z.array(item) });

export { describeIssue } from '../shared/zodIssue';
