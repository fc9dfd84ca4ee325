/**
 * Finnish business ids (Y-tunnus, Patentti- ja rekisterihallitus / Verohallinto): seven digits, a dash and a
 * check digit, "1234567-8". The check digit is modulus 11 over the seven digits with weights 7 9 10 5 8 4 2:
 * remainder 0 → 0, remainder 1 → no valid id starts with those digits, else 11 − remainder. Older ids have six
 * digits and are written with a leading zero. The VAT number (ALV-numero) is "FI" and the eight digits without
 * the dash: 1234567-8 → FI12345678.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2] as const;

/** The check digit for seven leading digits, or undefined when no valid id starts with them (remainder 1). */
export function yTunnusCheckDigit(first7: string): number | undefined {
  if (!/^\d{7}$/.test(first7)) return undefined;
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(first7[i]) * WEIGHTS[i]!;
  const remainder = sum % 11;
  if (remainder === 1) return undefined;
  return remainder === 0 ? 0 : 11 - remainder;
}

/** " 123456-7 " → "0123456-7": trimmed, with the leading zero of a six-digit id; anything else unchanged. */
export function normalizeYTunnus(value: string): string {
  const trimmed = value.trim();
  return /^\d{6}-\d$/.test(trimmed) ? `0${trimmed}` : trimmed;
}

export function isValidYTunnus(value: string | undefined | null): boolean {
  if (!value) return false;
  const m = /^(\d{7})-(\d)$/.exec(normalizeYTunnus(value));
  return !!m && yTunnusCheckDigit(m[1]!) === Number(m[2]);
}

/** Why a business id cannot be used, or undefined when it can. */
export function yTunnusProblem(value: string | undefined | null): string | undefined {
  if (!value || !value.trim()) return 'has no business id (Y-tunnus)';
  const id = normalizeYTunnus(value);
  if (!/^\d{7}-\d$/.test(id)) return `has business id "${value}", which is not of the form 1234567-8`;
  if (!isValidYTunnus(id)) return `has business id ${id}, whose check digit is wrong (modulus 11, weights 7 9 10 5 8 4 2)`;
  return undefined;
}

/** The VAT number of a valid business id: "1234567-8" → "FI12345678"; undefined for an invalid id. */
export function vatNumberOf(yTunnus: string): string | undefined {
  return isValidYTunnus(yTunnus) ? `FI${normalizeYTunnus(yTunnus).replace('-', '')}` : undefined;
}

/** "FI12345678" (spaces allowed, case-insensitive FI) whose digits form a valid business id. */
export function isValidFinnishVatNumber(value: string | undefined | null): boolean {
  const m = value ? /^FI(\d{7})(\d)$/i.exec(value.replace(/\s+/g, '')) : null;
  return !!m && yTunnusCheckDigit(m[1]!) === Number(m[2]);
}

/** The business id behind a Finnish VAT number: "FI12345678" → "1234567-8"; undefined when it is not one. */
export function yTunnusOfVatNumber(value: string): string | undefined {
  if (!isValidFinnishVatNumber(value)) return undefined;
  const digits = value.replace(/\s+/g, '').slice(2);
  return `${digits.slice(0, 7)}-${digits[7]}`;
}
