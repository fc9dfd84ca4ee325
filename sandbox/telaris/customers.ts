/** Generated customers: Norwegian company names, valid organisation numbers (modulus 11), street addresses. */
import { orgNumberCheckDigit } from '../../domain/orgNumber';
import type { WireCustomer } from './model';
import { COMPANY_FORM, NAME_FIRST, NAME_SECOND, PLACES, STREETS } from './names';
import { rng, seedFor, type Rng } from './random';

/** A valid organisation number: 8 or 9 first (as Brønnøysund issues them), the check digit computed. */
export function orgNumber(r: Rng): string {
  for (;;) {
    const first8 = `${r.pick(['8', '9', '9'])}${String(r.int(0, 9_999_999)).padStart(7, '0')}`;
    const check = orgNumberCheckDigit(first8);
    if (check !== undefined) return `${first8}${check}`;
  }
}

export function generateCustomer(seed: number, index: number, customerNo: string): WireCustomer {
  const r = rng(seedFor(seed, index));
  const first = r.pick(NAME_FIRST);
  const second = r.pick(NAME_SECOND);
  const [postalCode, city] = r.pick(PLACES);
  const slug = `${first}${second}`.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/å/g, 'a').replace(/é/g, 'e');
  return {
    customerNo,
    name: `${first} ${second} ${r.pick(COMPANY_FORM)}`,
    organizationNumber: orgNumber(r),
    email: `faktura@${slug}.example`,
    address: { street: `${r.pick(STREETS)} ${r.int(1, 120)}`, postalCode, city, country: 'NO' },
  };
}

/** Customer numbers 10001, 10002, … as Norwegian ERPs commonly number them. */
export function generateCustomers(seed: number, count: number, firstNo = 10001): WireCustomer[] {
  return Array.from({ length: count }, (_, i) => generateCustomer(seed, i, String(firstNo + i)));
}
