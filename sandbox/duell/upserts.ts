/**
 * What DUELL accepts when the accounting system is master of customers and products (connectors/duell/README.md,
 * "Writes"): an upsert by number, refused as `400 validation_failed` naming the field. Saving the same content
 * again leaves `changedAt` as it was, so a repeated write is no change a changed-since read would see.
 */
import { z } from 'zod';
import type { Customer } from '../../domain/settlement/customer';
import type { Product } from '../../domain/settlement/product';
import { moneyNumber as kr } from '../../connectors/shared/moneyText';
import { optionalField as opt } from '../../connectors/shared/wireFields';
import { issuePath } from '../../connectors/shared/zodIssue';
import type { AccountRecord } from './model';
import { ApiError, type Store } from './store';
import { OUTPUT_VAT_RATES } from '../../domain/settlement/vatRates';


export const customerInput = z.object({
  number: z.string().regex(/^[A-Za-z0-9-]{1,20}$/, 'letters, digits and dashes, at most 20'),
  name: z.string().min(1).max(100),
  orgNo: opt(z.string().regex(/^\d{9}$/, 'a Norwegian organisation number of 9 digits')),
  address: opt(z.object({ street: opt(z.string()), postalCode: opt(z.string()), city: opt(z.string()), country: opt(z.string().regex(/^[A-Z]{2}$/)) })),
  email: opt(z.email()),
});

export const productInput = z.object({
  number: z.string().regex(/^[A-Za-z0-9-]{1,20}$/, 'letters, digits and dashes, at most 20'),
  name: z.string().min(1).max(100),
  groupId: z.string().min(1),
  price: kr,
  costPrice: kr,
  vatCode: z.string().refine((c) => c in OUTPUT_VAT_RATES, `an output VAT code (${Object.keys(OUTPUT_VAT_RATES).join(', ')})`),
});

/** `schema`: what is accepted; Backoffice (the admin) keeps customers imported without a name, which the API refuses. */
export function upsertCustomer(store: Store, account: AccountRecord, body: unknown, schema: typeof customerInput = customerInput): Customer {
  const input = valid(schema, body);
  return upsert(store, account.customers, input.number, input);
}

/**
 * `stock`: the stock DUELL keeps, which an upsert from the accounting system leaves as it was. `service`: DUELL keeps
 * goods and services in separate tables, so a service may carry the number of a product (Backoffice only).
 */
export function upsertProduct(store: Store, account: AccountRecord, body: unknown, stock?: number, service = false): Product {
  const input = valid(productInput, body);
  const group = account.groups.get(input.groupId);
  if (!group) throw new ApiError(400, 'validation_failed', `product group ${input.groupId} does not exist; create it in DUELL Backoffice first`, 'groupId');
  const key = service ? `service:${input.number}` : input.number;
  const stockQuantity = service ? undefined : stock ?? account.products.get(key)?.stockQuantity;
  return upsert(store, account.products, key, { ...input, groupName: group.name, stockQuantity });
}

function upsert<T extends { changedAt: string }>(store: Store, into: Map<string, T>, key: string, content: Omit<T, 'changedAt'>): T {
  const before = into.get(key);
  if (before && sameContent(before, content)) return before;
  const saved = { ...content, changedAt: store.stamp() } as T;
  into.set(key, saved);
  return saved;
}

function sameContent(before: { changedAt: string }, content: object): boolean {
  const { changedAt: _, ...rest } = before;
  return JSON.stringify(canonical(rest)) === JSON.stringify(canonical(content));
}

/** Keys sorted at every level; undefined fields drop out in JSON as if absent. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  return value;
}

export function valid<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issuePath(issue.path);
  // The field travels in its own member of the error body; the message is the sentence about it.
  throw new ApiError(400, 'validation_failed', field ? issue.message : `the body: ${issue.message}`, field || undefined);
}
