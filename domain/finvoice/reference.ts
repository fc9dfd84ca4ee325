/**
 * Payment references of a Finnish invoice: the national reference number (viitenumero, Finance Finland's
 * "Viitenumero ja tilisiirto" rules) and the international RF creditor reference (ISO 11649). Finvoice carries
 * the first with IdentificationSchemeName="SPY", the second with "ISO" (EpiRemittanceInfoIdentifier).
 */

export class ReferenceError extends Error {
  override readonly name = 'ReferenceError';
}

/** Weights 7, 3, 1, 7, 3, 1… applied from the rightmost digit of the base. */
const WEIGHTS = [7, 3, 1];

/** The check digit of a Finnish reference base (3–19 digits). */
export function finnishCheckDigit(base: string): string {
  if (!/^\d{3,19}$/.test(base)) throw new ReferenceError(`"${base}" is not a reference base: 3–19 digits (the check digit makes 4–20)`);
  let sum = 0;
  for (let i = 0; i < base.length; i++) sum += Number(base[base.length - 1 - i]) * WEIGHTS[i % 3]!;
  return String((10 - (sum % 10)) % 10);
}

/** "123456" → "1234561". */
export function finnishReference(base: string): string {
  return base + finnishCheckDigit(base);
}

/** 4–20 digits whose last digit is the check digit of the rest; spaces (as printed, "12345 6") are ignored. */
export function isFinnishReference(reference: string): boolean {
  const digits = reference.replace(/\s+/g, '');
  return /^\d{4,20}$/.test(digits) && finnishCheckDigit(digits.slice(0, -1)) === digits.slice(-1);
}

/** ISO 11649: "RF" + two check digits + 1–21 letters or digits, mod 97 of the rearranged number is 1. */
export function isRfReference(reference: string): boolean {
  const text = reference.replace(/\s+/g, '').toUpperCase();
  if (!/^RF\d{2}[0-9A-Z]{1,21}$/.test(text)) return false;
  return mod97(text.slice(4) + text.slice(0, 4)) === 1;
}

/** The RF creditor reference of a creditor reference: "539007547034" → "RF18539007547034". */
export function rfReference(reference: string): string {
  const body = reference.replace(/\s+/g, '').toUpperCase();
  if (!/^[0-9A-Z]{1,21}$/.test(body)) throw new ReferenceError(`"${reference}" cannot become an RF reference: 1–21 letters or digits`);
  const check = 98 - mod97(`${body}RF00`);
  return `RF${String(check).padStart(2, '0')}${body}`;
}

/** A reference as Finvoice carries it: the compact text and its scheme. */
export interface PaymentReference {
  reference: string;
  scheme: 'SPY' | 'ISO';
}

/**
 * The invoice's reference, checked; when it has none, a Finnish one from the digits of the invoice number
 * (the common practice of Finnish invoicing programs: base = invoice number). The standard wants a base of at
 * least 3 digits, so numbers below 100 get 1000 added ("7" → base 1007); longer than 19 digits keeps the last 19.
 */
export function paymentReference(invoiceNumber: string, given?: string): PaymentReference {
  if (given !== undefined && given.trim() !== '') {
    const compact = given.replace(/\s+/g, '').toUpperCase();
    if (compact.startsWith('RF')) {
      if (!isRfReference(compact)) throw new ReferenceError(`reference ${given} of invoice ${invoiceNumber} is not a valid RF creditor reference (ISO 11649 check digits); correct it at the source`);
      return { reference: compact, scheme: 'ISO' };
    }
    if (!isFinnishReference(compact)) throw new ReferenceError(`reference ${given} of invoice ${invoiceNumber} is not a valid Finnish reference number (4–20 digits, check digit 7-3-1); correct it at the source`);
    return { reference: compact, scheme: 'SPY' };
  }
  const digits = invoiceNumber.replace(/\D/g, '').replace(/^0+/, '');
  if (digits === '') throw new ReferenceError(`invoice number ${invoiceNumber} has no digits to derive a reference number from; give the invoice a reference number at the source`);
  const base = digits.length < 3 ? String(1000 + Number(digits)) : digits.slice(-19);
  return { reference: finnishReference(base), scheme: 'SPY' };
}

/** Letters count as 10–35 (A–Z); computed piecewise, since the number has up to 50 digits. */
function mod97(text: string): number {
  let rest = 0;
  for (const ch of text) {
    const value = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of value) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest;
}
