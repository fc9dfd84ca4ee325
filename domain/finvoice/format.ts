/**
 * Finvoice's number and date forms: a comma before the decimals ("900,00"), never exponent notation, dates
 * as CCYYMMDD. The patterns are the XSD's (monetaryAmount, epiMonetaryAmount, unitAmountType, percentage).
 */
import { formatMinor } from '../money';

export class FinvoiceError extends Error {
  override readonly name = 'FinvoiceError';
}

/** Cents → "1250,50" / "-124,00" (monetaryAmount and epiMonetaryAmount: exactly two decimals). */
export function amount(minor: number): string {
  return formatMinor(minor).replace('.', ',');
}

/**
 * A decimal with at most `maxDecimals`, trailing zeros dropped down to `minDecimals`: unit prices keep 2–5
 * (unitAmountType `(,[0-9]{2,5})?`), quantities 0–4, VAT rates 0–3 (percentage `(,[0-9]{1,3})?`).
 */
export function decimal(value: number, maxDecimals: number, minDecimals = 0): string {
  if (!Number.isFinite(value)) throw new FinvoiceError(`${value} is not a number`);
  const [whole, decimals = ''] = Math.abs(value).toFixed(maxDecimals).split('.');
  let kept = decimals.replace(/0+$/, '');
  if (kept.length < minDecimals) kept = kept.padEnd(minDecimals, '0');
  const sign = value < 0 && /[1-9]/.test(whole! + kept) ? '-' : '';
  return `${sign}${whole}${kept ? `,${kept}` : ''}`;
}

/** 25.5 → "25,5", 0 → "0" (percentage: `[1-9]?[0-9]{1,2}(,[0-9]{1,3})?`). */
export function percent(rate: number): string {
  if (!(rate >= 0 && rate < 1000)) throw new FinvoiceError(`VAT rate ${rate} % is not a percentage Finvoice can carry (0–999,999)`);
  return decimal(rate, 3);
}

/** "2026-11-30" → "20261130". */
export function ccyymmdd(isoDate: string, what: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new FinvoiceError(`${what} "${isoDate}" is not a date YYYY-MM-DD`);
  return `${m[1]}${m[2]}${m[3]}`;
}
