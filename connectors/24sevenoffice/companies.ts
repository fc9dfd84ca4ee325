/**
 * Customers and suppliers: CompanyService (API doc §7). Errors are per item in APIException, not faults.
 * saveCompanies is an upsert: a company without id is first looked up by ExternalId, then by organisation
 * number, so a repeated transfer updates the existing company instead of creating a second one.
 */
import { ConnectorError } from '../errors';
import type { Session } from './session';
import { apiError, type ItemResult } from './items';
import { compact, items, readInstant, readNumber, readString, wireInstant } from './wire';

export type CompanyType = 'None' | 'Consumer' | 'Business' | 'Supplier';

export interface Address {
  street?: string;
  postalCode?: string;
  city?: string;
  country?: string;
}

export interface Company {
  id?: number;
  /** Our key for the company in the source system. */
  externalId?: string;
  organizationNumber?: string;
  name: string;
  /** Consumers only. */
  firstName?: string;
  type?: CompanyType;
  email?: string;
  invoiceEmail?: string;
  phone?: string;
  postAddress?: Address;
  /** Two letters. */
  country?: string;
  /** ISO 4217, or LOCAL for the company currency. */
  currency?: string;
  /** Days (≥ 1); see API doc §7 for the negative end-of-month codes. */
  paymentTime?: number;
  vatNumber?: string;
  note?: string;
  changedAt?: string;
}

export type CompanyQuery = { externalId: string } | { organizationNumber: string } | { ids: number[] } | { changedAfter: Date | string };

/** "Forgotten returnProperties → empty objects" (§11): always ask for what we map. */
const RETURN_PROPERTIES = ['Id', 'ExternalId', 'OrganizationNumber', 'Name', 'FirstName', 'Type', 'EmailAddresses', 'PhoneNumbers',
  'Addresses', 'Country', 'CurrencyId', 'PaymentTime', 'VatNumber', 'Note', 'DateChanged'];

export async function companies(session: Session, q: CompanyQuery): Promise<Company[]> {
  const res = await session.call('company', 'GetCompanies', { searchParams: search(q), returnProperties: { string: RETURN_PROPERTIES } });
  return items<Record<string, any>>(res.GetCompaniesResult, 'Company').map(fromWire);
}

/**
 * `lookUp: false` when the caller has already matched the list against the companies in 24SevenOffice (e.g.
 * from one full listing): companies without an id are then created without two look-ups each.
 */
export async function saveCompanies(session: Session, list: Company[], options: { lookUp?: boolean } = {}): Promise<ItemResult<Company>[]> {
  if (list.length === 0) return [];
  for (const c of list) if (!c.name?.trim()) throw new ConnectorError('ValidationFailed', `saveCompanies: company ${c.externalId ?? ''} has no name; nothing was sent`);
  const resolved: Company[] = [];
  for (const c of list) resolved.push(c.id || options.lookUp === false ? c : { ...c, id: await existingId(session, c) });
  const res = await session.call('company', 'SaveCompanies', { companies: { Company: resolved.map(toWire) } });
  const saved = items<Record<string, any>>(res.SaveCompaniesResult, 'Company');
  return resolved.map((c, i) => {
    const back = saved[i];
    const error = apiError(back);
    if (error || !back) return { ok: false, item: c, error: error ?? 'SaveCompanies returned no item for this company' };
    const id = readNumber(back.Id) ?? c.id;
    return { ok: true, item: { ...c, id }, created: !c.id };
  });
}

async function existingId(session: Session, c: Company): Promise<number | undefined> {
  if (c.externalId) {
    const found = await companies(session, { externalId: c.externalId });
    if (found[0]?.id) return found[0].id;
  }
  if (c.organizationNumber) {
    const found = await companies(session, { organizationNumber: c.organizationNumber });
    if (found[0]?.id) return found[0].id;
  }
  return undefined;
}

function search(q: CompanyQuery): Record<string, unknown> {
  if ('externalId' in q) return { ExternalId: q.externalId };
  if ('organizationNumber' in q) return { OrganizationNumber: q.organizationNumber };
  if ('ids' in q) return { CompanyIds: { int: q.ids } };
  return { ChangedAfter: wireInstant(q.changedAfter, 'companies changedAfter') };
}

/** Fields in WSDL sequence order. */
function toWire(c: Company): Record<string, unknown> {
  const address = c.postAddress && compact({ Street: c.postAddress.street, PostalCode: c.postAddress.postalCode, City: c.postAddress.city, Country: c.postAddress.country });
  return compact({
    Id: c.id,
    ExternalId: c.externalId,
    OrganizationNumber: c.organizationNumber,
    Name: c.name,
    FirstName: c.firstName,
    Addresses: address ? { Post: address, Invoice: address } : undefined,
    PhoneNumbers: c.phone ? { Primary: { Value: c.phone } } : undefined,
    EmailAddresses: c.email || c.invoiceEmail ? compact({
      Invoice: c.invoiceEmail ?? c.email ? { Value: c.invoiceEmail ?? c.email } : undefined,
      Primary: c.email ? { Value: c.email } : undefined,
    }) : undefined,
    Country: c.country,
    Note: c.note,
    Type: c.type,
    CurrencyId: c.currency,
    PaymentTime: c.paymentTime,
    VatNumber: c.vatNumber,
  });
}

function fromWire(c: Record<string, any>): Company {
  const post = c.Addresses?.Post;
  return compact({
    id: readNumber(c.Id),
    externalId: readString(c.ExternalId),
    organizationNumber: readString(c.OrganizationNumber),
    name: readString(c.Name) ?? '',
    firstName: readString(c.FirstName),
    type: readString(c.Type) as CompanyType | undefined,
    email: readString(c.EmailAddresses?.Primary?.Value),
    invoiceEmail: readString(c.EmailAddresses?.Invoice?.Value),
    phone: readString(c.PhoneNumbers?.Primary?.Value) ?? readString(c.PhoneNumbers?.Mobile?.Value),
    postAddress: post ? compact({ street: readString(post.Street), postalCode: readString(post.PostalCode), city: readString(post.City), country: readString(post.Country) }) : undefined,
    country: readString(c.Country),
    currency: readString(c.CurrencyId),
    paymentTime: readNumber(c.PaymentTime),
    vatNumber: readString(c.VatNumber),
    note: readString(c.Note),
    changedAt: readInstant(c.DateChanged),
  });
}
