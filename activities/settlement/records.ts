/**
 * DUELL's customers and products as 24SevenOffice companies and products, and back: what the settlement writes on
 * the side that is not master, and what it compares to tell an edit there from its own earlier write.
 */
import type { Company, Product as TsoProduct, TwentyFourSevenOffice } from '../../connectors/24sevenoffice';
import type { CustomerUpsert, ProductUpsert } from '../../connectors/duell';
import type { Minor } from '../../domain/money';
import type { Customer } from '../../domain/settlement/customer';
import type { Product } from '../../domain/settlement/product';
import { OUTPUT_VAT_RATES, outputVatCode } from '../../domain/settlement/vatRates';

/** The company 24SevenOffice keeps for a DUELL customer: ExternalId is DUELL's number, so a lost link is found again. */
export function companyOf(c: Customer, id?: number): Company {
  return {
    id,
    externalId: c.number,
    name: c.name,
    organizationNumber: c.orgNo,
    type: c.orgNo ? 'Business' : 'Consumer',
    email: c.email,
    postAddress: c.address,
  };
}

export function customerOf(c: Company, number: string): CustomerUpsert {
  const orgNo = c.organizationNumber?.replace(/\s/g, '');
  return { number, name: c.name, orgNo: orgNo && /^\d{9}$/.test(orgNo) ? orgNo : undefined, address: c.postAddress, email: c.email };
}

/** DUELL's prices include VAT, 24SevenOffice's do not; `categoryId` is the product group's category (a mapping, or the group id as it is). */
export function tsoProductOf(p: Product, categoryId: number | undefined, id?: number): TsoProduct {
  const rate = OUTPUT_VAT_RATES[p.vatCode] ?? 0;
  return { id, no: p.number, name: p.name, categoryId, price: Math.round((p.price * 100) / (100 + rate)), inPrice: p.costPrice, taxRate: rate };
}

/** `groupId`: the category's product group in DUELL; undefined when the product's VAT rate has no output VAT code. */
export function duellProductOf(p: TsoProduct, number: string, groupId: string): ProductUpsert | undefined {
  const rate = p.taxRate ?? 0;
  const vatCode = outputVatCode(rate);
  if (vatCode === undefined) return undefined;
  return { number, name: p.name, groupId, price: Math.round(((p.price ?? 0) * (100 + rate)) / 100) as Minor, costPrice: (p.inPrice ?? 0) as Minor, vatCode };
}

/** Whether `wanted` (what would be written) holds anything `existing` does not: only the fields written are compared. */
export function differs(wanted: object, existing: object): boolean {
  const have = existing as Record<string, unknown>;
  return Object.entries(wanted).some(([k, v]) => v !== undefined && k !== 'id' && JSON.stringify(canonical(v)) !== JSON.stringify(canonical(have[k])));
}

function canonical(value: unknown): unknown {
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)));
  return value;
}

/** 24SevenOffice's product ids by number, one look-up per number (GetProducts by No). */
export async function productIdsByNumber(tso: TwentyFourSevenOffice, numbers: Iterable<string>): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const no of new Set(numbers)) {
    const id = (await tso.products({ no }))[0]?.id;
    if (id !== undefined) found.set(no, id);
  }
  return found;
}
