/**
 * Severa's JSON (other-systems.md §1, InvoiceOutputModel and friends) as zod schemas that yield ./model.ts. Severa
 * writes an absent value as null or leaves it out; both become undefined here. Unknown fields are ignored: the
 * API adds fields without a new version.
 */
import { z } from 'zod';
import { optionalField as opt } from '../shared/wireFields';
import type {
  Customer, CustomerAddress, Invoice, InvoiceRow, InvoiceStatus, Organization, Product, SalesAccount, SeveraAddress,
  TravelExpenseType, VatRate, WorkType,
} from './model';

const guid = z.string().min(1);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'expected a date YYYY-MM-DD').transform((s) => s.slice(0, 10));
const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date-time');
const money = z.object({ amount: z.number(), currencyCode: z.string().min(1) });
const numbered = z.object({ name: z.string(), number: z.union([z.string(), z.number()]).transform(String) });
const flag = opt(z.boolean()).transform((b) => b ?? false);

/** Severa's CountryModel `{ guid, name, englishName, code }`; a bare name is accepted too. */
const country = z.union([
  z.string().transform((name) => ({ name, code: undefined as string | undefined })),
  z.object({ name: z.string(), englishName: opt(z.string()), code: opt(z.string()) })
    .transform((c) => ({ name: c.englishName ?? c.name, code: c.code })),
]);

const addressFields = {
  addressline: opt(z.string()).transform((s) => s ?? ''),
  postalCode: opt(z.string()).transform((s) => s ?? ''),
  city: opt(z.string()).transform((s) => s ?? ''),
  state: opt(z.string()),
  country: opt(country),
};
const toAddress = (a: { addressline: string; postalCode: string; city: string; state?: string; country?: { name: string; code?: string } }): SeveraAddress => ({
  addressline: a.addressline, postalCode: a.postalCode, city: a.city, state: a.state, country: a.country?.name ?? '', countryCode: a.country?.code,
});
export const addressSchema = z.object(addressFields).transform(toAddress);

export const invoiceStatusSchema: z.ZodType<InvoiceStatus, any> = z.object({
  guid, name: z.string().min(1), isActive: flag, isDefault: flag, isReadOnly: flag, hasInvoiceNumber: flag, isSent: flag,
  isWaitingPayment: flag, isPaid: flag, isDefaultForCreditNote: flag, sortOrder: opt(z.number()).transform((n) => n ?? 0),
});

const customerRef = z.object({ guid, name: z.string(), number: opt(z.number()) });

export const invoiceSchema: z.ZodType<Invoice, any> = z.object({
  guid,
  number: opt(z.number().int()),
  referenceNumber: opt(z.string()),
  date: day,
  dueDate: day,
  paymentTerm: opt(z.number()),
  overdueInterest: opt(z.number()),
  status: z.object({ guid, name: z.string(), isPaid: flag, isSent: flag, isWaitingPayment: flag }),
  customer: customerRef,
  billingCustomer: opt(customerRef),
  currency: z.object({ code: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code') }),
  totalExcludingTax: money,
  totalIncludingTax: money,
  totalTax: money,
  receiverAddress: opt(addressSchema),
  orderNumber: opt(z.string()),
  ourReference: opt(z.string()),
  yourReference: opt(z.string()),
  notes: opt(z.string()),
  isCreditNote: flag,
  creditNoteInvoice: opt(z.object({ guid, number: opt(z.number().int()) })),
  lastUpdatedDateTime: instant,
  createdDateTime: instant,
});

export const invoiceRowSchema: z.ZodType<InvoiceRow, any> = z.object({
  guid,
  invoiceGuid: guid,
  rowType: z.enum(['FlatRate', 'Hours', 'ProjectFees', 'TravelExpenses']),
  description: opt(z.string()).transform((s) => s ?? ''),
  quantity: z.number(),
  measurementUnit: opt(z.string()).transform((s) => s ?? ''),
  unitPrice: money,
  vatRate: z.number().min(0).max(100),
  salesAccount: opt(numbered),
  sortOrder: opt(z.number()).transform((n) => n ?? 0),
});

/** What a row source names: a work type, a product or a travel-expense type. */
const sourceRef = z.object({ guid, name: z.string(), code: opt(z.string()) });
export const workHourSchema = z.object({ guid, workType: sourceRef });
export const projectFeeSchema = z.object({ guid, product: sourceRef });
export const projectTravelExpenseSchema = z.object({ guid, travelExpense: sourceRef });

export const customerSchema: z.ZodType<Customer, any> = z.object({
  guid,
  name: z.string().min(1),
  number: opt(z.number()),
  vatNumber: opt(z.string()),
  email: opt(z.string()),
  eInvoiceAddress: opt(z.string()),
  eInvoiceOperator: opt(z.string()),
  language: opt(z.object({ code: z.string() })),
  isActive: flag,
  lastUpdatedDateTime: instant,
});

export const customerAddressSchema: z.ZodType<CustomerAddress, any> = z.object({
  guid, ...addressFields, isBillingAddress: flag, isPostalAddress: flag, isVisitAddress: flag,
}).transform((a) => ({ guid: a.guid, ...toAddress(a), isBillingAddress: a.isBillingAddress, isPostalAddress: a.isPostalAddress, isVisitAddress: a.isVisitAddress }));

const code = opt(z.string());
export const productSchema: z.ZodType<Product, any> = z.object({
  guid, name: z.string(), code, isActive: flag, measurementUnit: opt(z.string()), unitPrice: opt(money), vatRate: opt(z.number()),
  salesAccount: opt(numbered), lastUpdatedDateTime: opt(instant),
});
export const workTypeSchema: z.ZodType<WorkType, any> = z.object({
  guid, name: z.string(), code, isActive: flag, salesAccount: opt(numbered), lastUpdatedDateTime: opt(instant),
});
export const travelExpenseTypeSchema: z.ZodType<TravelExpenseType, any> = z.object({
  guid, name: z.string(), code, isActive: flag, expenseClass: opt(z.string()), vatRate: opt(z.number()), salesAccount: opt(numbered),
  lastUpdatedDateTime: opt(instant),
});
export const salesAccountSchema: z.ZodType<SalesAccount, any> = z.object({
  guid, name: z.string(), number: z.union([z.string(), z.number()]).transform(String), isActive: flag,
});
export const vatRateSchema: z.ZodType<VatRate, any> = z.object({
  guid, percentage: z.number().min(0).max(100), code: opt(z.string()), isActive: flag, isDefault: flag,
});

/** INFERRED (README.md): the organisation as GET /v1/organization answers it in our model. */
export const organizationSchema: z.ZodType<Organization, any> = z.object({
  guid,
  name: z.string().min(1),
  businessId: z.string().min(1),
  vatNumber: z.string().min(1),
  address: addressSchema,
  bankAccounts: z.array(z.object({ iban: z.string().min(1), bic: z.string().min(1), isDefault: flag })),
  eInvoiceAddress: opt(z.string()),
  eInvoiceOperator: opt(z.string()),
});

/** Severa's ExceptionModel: `{ error: { httpStatusCode, type, details: [{ message, … }] } }`. */
export const errorBodySchema = z.object({
  error: z.object({
    httpStatusCode: opt(z.number()),
    type: z.string(),
    message: opt(z.string()),
    details: opt(z.array(z.object({ message: opt(z.string()) }).loose())),
  }),
});
export type SeveraErrorBody = z.output<typeof errorBodySchema>['error'];

/** The messages of an error body, joined: what an operator is shown. */
export function errorText(error: SeveraErrorBody): string {
  const messages = [error.message, ...(error.details ?? []).map((d) => d.message)].filter((m): m is string => !!m);
  return messages.length ? `${error.type}: ${messages.join('; ')}` : error.type;
}

/** POST /v1/token's answer (snake_case, unlike the rest of the API). */
export const tokenSchema = z.object({
  access_token: z.string().min(1),
  access_token_expires_in: z.number().positive(),
});
