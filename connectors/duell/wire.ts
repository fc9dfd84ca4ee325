/**
 * The wire shapes of ./README.md as zod schemas that yield the domain types (domain/settlement): amounts are JSON
 * numbers in kroner with at most two decimals and become øre, absent optional fields (left out or null) become
 * undefined. Unknown fields are ignored, so DUELL may add fields; a field we rely on that is missing or of
 * another type fails the item, named with its path (`payments[0].amount: expected a number`).
 */
import { z } from 'zod';
import type { Customer } from '../../domain/settlement/customer';
import type { InvoiceBasis } from '../../domain/settlement/invoiceBasis';
import type { Product } from '../../domain/settlement/product';
import { PAYMENT_TYPES, type ZReport } from '../../domain/settlement/zReport';
import { moneyNumber as amount } from '../shared/moneyText';
import { isoDay, isoInstant, optionalField as opt } from '../shared/wireFields';

const count = z.number({ error: 'expected a whole number' }).int('expected a whole number');
const text = z.string({ error: 'expected a string' });
const id = text.min(1, 'expected a non-empty string');
/** SAF-T standard VAT codes are digits: "3", "31". */
const vatCode = text.regex(/^\d{1,2}$/, 'expected a SAF-T standard VAT code, e.g. "3"');
const currency = text.regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code');
const counted = z.object({ count, amount });

export interface DuellDepartment {
  id: string;
  name: string;
  active: boolean;
}

export const departmentSchema: z.ZodType<DuellDepartment, any> = z.object({ id, name: text, active: z.boolean({ error: 'expected true or false' }) });

/** A Z-report with the instant DUELL stored it, the changed-since cursor (the domain's ZReport has no such field). */
export interface StoredZReport {
  report: ZReport;
  changedAt: string;
}

export const dailySettlementSchema: z.ZodType<StoredZReport, any> = z.object({
  number: count.positive('expected a positive Z number'),
  departmentId: id,
  date: isoDay,
  time: opt(text.regex(/^\d{2}:\d{2}:\d{2}$/, 'expected a time HH:MM:SS')),
  registerId: opt(text),
  signedBy: id,
  currency,
  sales: z.object({
    gross: amount,
    net: amount,
    vat: z.array(z.object({ code: vatCode, rate: z.number({ error: 'expected a number' }).min(0).max(100), base: amount, vat: amount })),
  }),
  byProductGroup: z.array(z.object({ groupId: id, name: opt(text), accountNo: opt(text), vatCode, count, amount })),
  payments: z.array(z.object({ type: z.enum(PAYMENT_TYPES, { error: `expected one of ${PAYMENT_TYPES.join(', ')}` }), count, amount, accountNo: opt(text) })),
  cash: z.object({ openingFloat: amount, expected: amount, counted: amount, bankWithdrawal: amount, difference: amount, note: opt(text) }),
  rounding: amount,
  tips: amount,
  returns: counted,
  discounts: counted,
  voids: counted,
  receipts: count.nonnegative(),
  pdfId: opt(id),
  changedAt: isoInstant,
}).transform(({ changedAt, byProductGroup, sales, ...rest }) => ({
  changedAt,
  report: {
    ...rest,
    // DUELL writes the rate as a number; the domain keeps SAF-T's text with two decimals.
    sales: { ...sales, vat: sales.vat.map((v) => ({ ...v, rate: v.rate.toFixed(2) })) },
    artGroups: byProductGroup,
  },
}));

export const invoiceBasisSchema: z.ZodType<InvoiceBasis, any> = z.object({
  id,
  number: count.positive(),
  departmentId: id,
  date: isoDay,
  customerNumber: id,
  reference: opt(text),
  currency,
  rows: z.array(z.object({
    productNumber: opt(id),
    description: text,
    quantity: z.number({ error: 'expected a number' }),
    unitPrice: amount,
    vatCode,
    discountPercent: z.number({ error: 'expected a number' }).min(0).max(100),
    giftCard: z.boolean({ error: 'expected true or false' }),
  })).min(1, 'expected at least one row'),
  changedAt: isoInstant,
});

const addressSchema = z.object({ street: opt(text), postalCode: opt(text), city: opt(text), country: opt(text.regex(/^[A-Z]{2}$/, 'expected an ISO country code, e.g. NO')) });

export const customerSchema: z.ZodType<Customer, any> = z.object({
  number: id,
  name: text,
  orgNo: opt(text.regex(/^\d{9}$/, 'expected a Norwegian organisation number of 9 digits')),
  address: opt(addressSchema),
  email: opt(text),
  changedAt: isoInstant,
});

export const productSchema: z.ZodType<Product, any> = z.object({
  number: id,
  name: text,
  groupId: id,
  groupName: opt(text),
  price: amount,
  costPrice: amount,
  vatCode,
  stockQuantity: opt(z.number({ error: 'expected a number' })),
  changedAt: isoInstant,
});

/** A list's envelope: `{ items, nextCursor }`; the items are checked one by one (./client.ts). */
export const listSchema = z.object({
  items: z.array(z.unknown(), { error: 'expected a list of items' }),
  nextCursor: z.string().nullish(),
});

/** DUELL's error body in our model: `{ error: { code, message, field? } }`. */
export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: opt(z.string()) }),
});
export type DuellErrorBody = z.output<typeof errorBodySchema>['error'];
