/**
 * Norwegian organisation numbers (organisasjonsnummer, Brønnøysundregistrene): nine digits, the last a
 * modulus-11 check digit over the first eight with weights 3 2 7 6 5 4 3 2. A remainder that would need
 * check digit 10 is never issued, so such numbers are invalid.
 */
const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

/** The check digit for eight leading digits, or undefined when no valid number starts with them. */
export function orgNumberCheckDigit(first8: string): number | undefined {
  if (!/^\d{8}$/.test(first8)) return undefined;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(first8[i]) * WEIGHTS[i]!;
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? undefined : check;
}

/** "912 345 678" and "912345678" are the same number; spaces are how people write it. */
export function normalizeOrgNumber(value: string): string {
  return value.replace(/\s+/g, '');
}

export function isValidOrgNumber(value: string | undefined | null): boolean {
  if (!value) return false;
  const digits = normalizeOrgNumber(value);
  if (!/^\d{9}$/.test(digits)) return false;
  return orgNumberCheckDigit(digits.slice(0, 8)) === Number(digits[8]);
}

/** Why a customer's organisation number cannot be used, or undefined when it can. */
export function orgNumberProblem(value: string | undefined | null): string | undefined {
  if (!value || !value.trim()) return 'has no organisation number';
  const digits = normalizeOrgNumber(value);
  if (!/^\d{9}$/.test(digits)) return `has organisation number "${value}", which is not nine digits`;
  if (!isValidOrgNumber(digits)) return `has organisation number ${digits}, whose check digit is wrong (modulus 11)`;
  return undefined;
}
