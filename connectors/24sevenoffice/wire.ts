/**
 * Values on the 24SevenOffice wire and back (API doc §2, §11):
 * - money goes out as "1250.50" (never exponent notation) and comes back into integer minor units;
 * - dates: calendar dates as `YYYY-MM-DDT00:00:00`, instants in UTC with `Z` ("The API returns UTC DateTimes");
 * - one-element results arrive as an object, not an array; .NET "not set" sentinels mean absent.
 * Our WSDL clients keep decimal, dateTime and long as text (see soap-client.ts) so nothing passes through a float.
 */
import { ConnectorError } from '../errors';
import { formatMinor, type Minor } from '../../domain/money';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SENTINELS = new Set(['-2147483648', '-32768', '-9223372036854775808', '-79228162514264337593543950335', '-1.7976931348623157E+308']);

/** Minor units → "1250.50". A fraction of a minor unit means the amount had more than two decimals. */
export function amountText(minor: number, what: string): string {
  if (!Number.isSafeInteger(minor)) {
    throw new ConnectorError('ValidationFailed', `${what}: ${minor} minor units is not a whole number of øre/cents ` +
      '(the amount has more than two decimals); round it in the source document, nothing was sent');
  }
  return formatMinor(minor);
}

/** Quantities, rates, percentages: plain decimal text with at most `decimals` places, never "1e-7". */
export function decimalText(value: number, what: string, decimals = 4): string {
  if (!Number.isFinite(value)) throw new ConnectorError('ValidationFailed', `${what}: ${value} is not a number; nothing was sent`);
  const fixed = value.toFixed(decimals);
  if (Number(fixed) !== value && Math.abs(Number(fixed) - value) > 1e-9) {
    throw new ConnectorError('ValidationFailed', `${what}: ${value} has more than ${decimals} decimals; nothing was sent`);
  }
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') || '0' : fixed;
}

/** Decimal text from the API → minor units. Ledger amounts may carry 4 decimals (API doc §4); we round half away from zero. */
export function readMinor(value: unknown): Minor | undefined {
  const text = scalar(value);
  if (text === undefined) return undefined;
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new ConnectorError('MalformedResponse', `"${text}" is not a decimal amount`);
  const fraction = (m[3] ?? '').padEnd(3, '0');
  let minor = Number(m[2]) * 100 + Number(fraction.slice(0, 2));
  if (Number(fraction[2]) >= 5) minor += 1;
  if (!Number.isSafeInteger(minor)) throw new ConnectorError('MalformedResponse', `"${text}" is too large for an amount`);
  return (m[1] === '-' && minor !== 0 ? -minor : minor) as Minor;
}

export function readNumber(value: unknown): number | undefined {
  const text = scalar(value);
  if (text === undefined) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

export function readString(value: unknown): string | undefined {
  const text = scalar(value);
  return text === undefined || text === '' ? undefined : text;
}

export function readBool(value: unknown): boolean | undefined {
  const text = scalar(value);
  return text === undefined ? undefined : text === 'true' || text === '1';
}

/** "2026-03-01T00:00:00" → "2026-03-01" (calendar date, no time-zone shift). */
export function readDate(value: unknown): string | undefined {
  const text = scalar(value);
  if (text === undefined || text.startsWith('0001-01-01')) return undefined;
  return text.slice(0, 10);
}

/** An instant the API reports in UTC, with or without a zone suffix → ISO string in UTC. */
export function readInstant(value: unknown): string | undefined {
  const text = scalar(value);
  if (text === undefined || text.startsWith('0001-01-01')) return undefined;
  const zoned = /([zZ]|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text}Z`;
  const d = new Date(zoned);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** "2026-03-01" → "2026-03-01T00:00:00"; `endOfDay` gives 23:59:59, which the API needs to include the end date (§5). */
export function wireDate(date: string, what: string, endOfDay = false): string {
  if (!DATE.test(date) || Number.isNaN(Date.parse(date))) {
    throw new ConnectorError('ValidationFailed', `${what}: "${date}" is not a date like 2026-03-01; nothing was sent`);
  }
  return `${date}T${endOfDay ? '23:59:59' : '00:00:00'}`;
}

/** An instant (Date or ISO string) in UTC, to the second: "2026-03-01T12:00:00Z". */
export function wireInstant(value: Date | string, what: string): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) throw new ConnectorError('ValidationFailed', `${what}: "${String(value)}" is not a time; nothing was sent`);
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** One element arrives as an object, none as nothing (§2): always an array. */
export function list<T>(value: T | T[] | null | undefined): T[] {
  if (value === undefined || value === null || (value as unknown) === '') return [];
  return Array.isArray(value) ? value : [value];
}

/** `{ Wrapper: { Item: x | x[] } }` → x[]. */
export function items<T = Record<string, unknown>>(wrapper: unknown, item: string): T[] {
  if (!wrapper || typeof wrapper !== 'object') return [];
  return list((wrapper as Record<string, T | T[]>)[item]);
}

/** Drops undefined members so soap does not emit empty elements (unset = absent, §2). Keeps key order. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}

function scalar(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object') {
    const inner = (value as { $value?: unknown }).$value;
    return inner === undefined ? undefined : scalar(inner);
  }
  const text = String(value);
  return SENTINELS.has(text) ? undefined : text;
}
