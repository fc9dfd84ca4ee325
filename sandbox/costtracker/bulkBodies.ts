/**
 * The two bulk bodies (`{ items: [...] }` of at most 1 000 transactions or match records), checked by hand: they
 * are the sandbox's hot path (200 000 items in a benchmark run), where a schema library's per-item cost shows.
 * Every wrong field is named (`items[3].amount`), the first 20 of them; nothing of the request is applied.
 */
import { AmountError, toMinor, type Minor } from '../../domain/money';
import type { NamedRecord, StoredMatch, SupplierRecord, TransactionRecord } from './model';
import { ApiError } from './store';

export const MAX_ITEMS = 1000;
const NAMED_FIELDS = 20;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CURRENCY = /^[A-Z]{3}$/;
const KINDS = new Set(['auto', 'manual', 'unmatched']);

type Raw = Record<string, unknown>;

class Fields {
  readonly problems: Array<{ field: string; message: string }> = [];
  at = '';

  problem(key: string, message: string): undefined {
    this.problems.push({ field: `${this.at}.${key}`, message });
    return undefined;
  }

  text(raw: Raw, key: string, max: number, required: boolean): string | undefined {
    const v = raw[key];
    if (v === undefined || v === null) return required ? this.problem(key, 'required') : undefined;
    if (typeof v !== 'string') return this.problem(key, `expected text, not ${typeof v}`);
    if (required && v.length === 0) return this.problem(key, 'must not be empty');
    if (v.length > max) return this.problem(key, `at most ${max} characters`);
    return v;
  }

  matching(raw: Raw, key: string, pattern: RegExp, expected: string): string | undefined {
    const v = raw[key];
    return typeof v === 'string' && pattern.test(v) ? v : this.problem(key, `expected ${expected}`);
  }
}

export function transactionsBody(body: unknown): TransactionRecord[] {
  return items(body, (raw, f) => {
    const amount = raw.amount;
    let minor: Minor | undefined;
    if (typeof amount !== 'string') f.problem('amount', 'expected a decimal string, e.g. "1250.00"');
    else {
      try {
        minor = toMinor(amount);
      } catch (err) {
        f.problem('amount', err instanceof AmountError ? err.message : String(err));
      }
    }
    const account = raw.account;
    if (typeof account !== 'number' || !Number.isInteger(account) || account <= 0) f.problem('account', 'expected a positive whole number');
    return {
      id: f.text(raw, 'id', 100, true)!,
      date: f.matching(raw, 'date', DATE, 'a date YYYY-MM-DD')!,
      supplier: f.text(raw, 'supplier', 50, false),
      project: f.text(raw, 'project', 50, false),
      department: f.text(raw, 'department', 50, false),
      account: account as number,
      amount: minor!,
      currency: f.matching(raw, 'currency', CURRENCY, 'an ISO 4217 currency code')!,
      poField: f.text(raw, 'poField', 100, false),
      description: f.text(raw, 'description', 1000, false),
      documentUrl: f.text(raw, 'documentUrl', 2000, false),
    };
  });
}

export function matchRecordsBody(body: unknown): StoredMatch[] {
  return items(body, (raw, f) => {
    const kind = raw.kind;
    if (typeof kind !== 'string' || !KINDS.has(kind)) f.problem('kind', 'expected one of "auto", "manual", "unmatched"');
    const record: StoredMatch = {
      transaction: f.text(raw, 'transaction', 100, true)!,
      kind: kind as StoredMatch['kind'],
      po: f.text(raw, 'po', 50, false),
      rule: f.text(raw, 'rule', 100, false),
      by: f.text(raw, 'by', 200, false),
      at: typeof raw.at === 'string' && !Number.isNaN(Date.parse(raw.at)) ? raw.at : f.problem('at', 'expected an ISO 8601 instant')!,
    };
    if (kind !== 'unmatched' && !record.po) f.problem('po', `a ${String(kind)} match names its PO`);
    if (kind === 'unmatched' && record.po) f.problem('po', 'an unmatched record names no PO');
    if (kind === 'auto' && !record.rule) f.problem('rule', 'an auto match names the rule that matched');
    if (kind === 'manual' && !record.by) f.problem('by', 'a manual match names who matched');
    return record;
  });
}

/** Master data mirrored from the accounting system: suppliers, projects and departments, upserted by id. */
export function suppliersBody(body: unknown): SupplierRecord[] {
  return items(body, (raw, f) => {
    const organisationNumber = f.text(raw, 'organisationNumber', 50, false);
    return { id: f.text(raw, 'id', 50, true)!, name: f.text(raw, 'name', 200, true)!, ...(organisationNumber !== undefined && { organisationNumber }) };
  });
}

export function namedBody(body: unknown): NamedRecord[] {
  return items(body, (raw, f) => ({
    id: f.text(raw, 'id', 50, true)!, name: f.text(raw, 'name', 200, true)!,
    active: typeof raw.active === 'boolean' ? raw.active : f.problem('active', 'expected true or false')!,
  }));
}

function items<T>(body: unknown, check: (raw: Raw, fields: Fields) => T): T[] {
  const list = body && typeof body === 'object' ? (body as Raw).items : undefined;
  if (!Array.isArray(list)) throw refused([{ field: 'items', message: 'expected { "items": [ … ] }' }]);
  if (list.length > MAX_ITEMS) throw refused([{ field: 'items', message: `at most ${MAX_ITEMS} items per request, not ${list.length}` }]);
  const fields = new Fields();
  const out = list.map((raw, i) => {
    fields.at = `items[${i}]`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      fields.problems.push({ field: fields.at, message: 'expected an object' });
      return undefined as T;
    }
    return check(raw as Raw, fields);
  });
  if (fields.problems.length > 0) throw refused(fields.problems);
  return out;
}

function refused(problems: Array<{ field: string; message: string }>): ApiError {
  const first = problems[0]!;
  return new ApiError(400, 'validation_failed', `${problems.length} field(s) are not valid, e.g. ${first.field}: ${first.message}`, problems.slice(0, NAMED_FIELDS));
}
