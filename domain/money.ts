/**
 * Money as integer minor units (øre, cents). Never binary floating point in arithmetic; never exponent
 * notation on the wire (24SevenOffice's xs:decimal rejects "1e-7").
 */
export type Minor = number & { readonly __minor: unique symbol };

const AMOUNT = /^([+-])?(\d{1,15})(?:\.(\d{1,}))?$/;

export class AmountError extends Error {
  override readonly name = 'AmountError';
}

/** "1250.5" → 125050. More than two decimals is an error, not a rounding: the source must say what it means. */
export function toMinor(amount: string | number): Minor {
  const text = typeof amount === 'number' ? numberText(amount) : amount.trim();
  const m = AMOUNT.exec(text);
  if (!m) throw new AmountError(`"${text}" is not an amount (expected digits with at most two decimals, e.g. 1250.50)`);
  const decimals = (m[3] ?? '').replace(/0+$/, '');
  if (decimals.length > 2) throw new AmountError(`${text} has more than two decimals; amounts are in whole øre/cents`);
  const minor = Number(m[2]) * 100 + Number(decimals.padEnd(2, '0'));
  if (!Number.isSafeInteger(minor)) throw new AmountError(`${text} is too large`);
  return (m[1] === '-' && minor !== 0 ? -minor : minor) as Minor;
}

/** 125050 → "1250.50", always two decimals, never exponent notation. */
export function formatMinor(minor: number): string {
  if (!Number.isSafeInteger(minor)) throw new AmountError(`${minor} is not a whole number of øre/cents`);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Display form for people: "NOK 2 345 678.00". */
export function displayMinor(minor: number, currency = 'NOK'): string {
  const [whole, cents] = formatMinor(minor).split('.');
  return `${currency} ${groupDigits(whole!)}.${cents}`;
}

/** Thousands grouped with a plain space, the Norwegian way and the same on every machine: 1204 → "1 204". */
export function groupDigits(whole: number | string): string {
  return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new AmountError(`${n} is not an amount`);
  // toString gives exponent notation below 1e-6 and above 1e21; toFixed(10) is exact enough to detect a third decimal.
  return n.toFixed(10);
}

export function sumMinor(values: Iterable<number>): Minor {
  let total = 0;
  for (const v of values) total += v;
  return total as Minor;
}
