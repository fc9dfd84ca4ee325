/**
 * The what-if simulator's files: transactions.csv and orders.csv, as a customer exports them from last month's
 * data. RFC 4180 (quoted cells, "" for a quote, line breaks inside quotes, CRLF or LF), UTF-8 with or without a
 * BOM, a header row naming the columns (any order, extra columns ignored). Empty cells mean "none". Every error
 * names the file, the line and the column, and says what is expected.
 */
import { toMinor, type Minor } from '../money';
import type { MatchOrder, MatchTransaction, PurchaseOrderStatus } from './types';

export const TRANSACTION_COLUMNS = ['id', 'date', 'supplier', 'project', 'department', 'account', 'amount', 'currency', 'po_field', 'description'] as const;
export const ORDER_COLUMNS = ['number', 'supplier', 'project', 'department', 'amount', 'invoiced', 'currency', 'status'] as const;

/** A month of a large customer is far below these; beyond them the file is not what the simulator is for. */
export const CSV_LIMITS = { bytes: 200 * 2 ** 20, rows: 1_000_000 } as const;

export class CsvError extends Error {
  override readonly name = 'CsvError';
}

const STATUSES: readonly PurchaseOrderStatus[] = ['open', 'partly-invoiced', 'closed'];

export function parseTransactionsCsv(text: string, file = 'transactions.csv'): MatchTransaction[] {
  const seen = new Map<string, number>();
  return rowsOf(text, file, TRANSACTION_COLUMNS).map((row) => {
    const id = row.required('id');
    const first = seen.get(id);
    if (first !== undefined) throw row.error('id', `transaction id "${id}" is already on line ${first}; each transaction once`);
    seen.set(id, row.line);
    return {
      id, date: row.date('date'), supplier: row.optional('supplier'), project: row.optional('project'), department: row.optional('department'),
      account: row.account('account'), amount: row.amount('amount'), currency: row.currency('currency'), poField: row.optional('po_field'),
      description: row.optional('description'),
    };
  });
}

export function parseOrdersCsv(text: string, file = 'orders.csv'): MatchOrder[] {
  return rowsOf(text, file, ORDER_COLUMNS).map((row) => {
    const status = row.required('status');
    if (!STATUSES.includes(status as PurchaseOrderStatus)) throw row.error('status', `"${status}" is not a status; use one of ${STATUSES.join(', ')}`);
    return {
      number: row.required('number'), supplier: row.required('supplier'), project: row.optional('project'), department: row.optional('department'),
      amount: row.amount('amount'), invoiced: row.optional('invoiced') === undefined ? (0 as Minor) : row.amount('invoiced'),
      currency: row.currency('currency'), status: status as PurchaseOrderStatus,
    };
  });
}

interface Row {
  line: number;
  required(column: string): string;
  optional(column: string): string | undefined;
  date(column: string): string;
  account(column: string): number;
  amount(column: string): Minor;
  currency(column: string): string;
  error(column: string, problem: string): CsvError;
}

function rowsOf(text: string, file: string, columns: readonly string[]): Row[] {
  const records = readCsv(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file);
  if (records.length === 0) throw new CsvError(`${file} is empty; the first line names the columns: ${columns.join(',')}`);
  const header = records[0]!.cells.map((c) => c.trim().toLowerCase());
  const at = new Map<string, number>();
  header.forEach((name, i) => {
    if (at.has(name) && name !== '') throw new CsvError(`${file} line 1: column "${name}" is named twice`);
    at.set(name, i);
  });
  const missing = columns.filter((c) => !at.has(c));
  if (missing.length > 0) {
    throw new CsvError(`${file} line 1: column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} missing; the header must name ${columns.join(',')}`);
  }
  if (records.length - 1 > CSV_LIMITS.rows) throw new CsvError(`${file} has ${records.length - 1} rows; the simulator takes at most ${CSV_LIMITS.rows}`);
  return records.slice(1).map(({ line, cells }) => {
    if (cells.length !== header.length) throw new CsvError(`${file} line ${line}: ${cells.length} cells, the header has ${header.length}`);
    const error = (column: string, problem: string) => new CsvError(`${file} line ${line}, column ${column}: ${problem}`);
    const optional = (column: string) => {
      const value = cells[at.get(column)!]!.trim();
      return value === '' ? undefined : value;
    };
    const required = (column: string) => {
      const value = optional(column);
      if (value === undefined) throw error(column, 'empty, and a value is required');
      return value;
    };
    return {
      line, error, optional, required,
      date(column) {
        const value = required(column);
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
        const valid = m && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
        if (!valid) throw error(column, `"${value}" is not a date; write YYYY-MM-DD, e.g. 2026-03-31`);
        return value;
      },
      account(column) {
        const value = required(column);
        if (!/^\d{1,9}$/.test(value)) throw error(column, `"${value}" is not a G/L account number, e.g. 4000`);
        return Number(value);
      },
      amount(column) {
        const value = required(column);
        if (!/^-?\d{1,13}\.\d{2}$/.test(value)) throw error(column, `"${value}" is not an amount; write digits, a dot and two decimals, e.g. 1250.50 or -99.00`);
        return toMinor(value);
      },
      currency(column) {
        const value = required(column);
        if (!/^[A-Z]{3}$/.test(value)) throw error(column, `"${value}" is not an ISO currency code; write three capitals, e.g. NOK`);
        return value;
      },
    } satisfies Row;
  });
}

/** RFC 4180 records with the line each starts on; blank lines are skipped. */
export function readCsv(text: string, file: string): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let line = 1;
  let at = 0;
  while (at < text.length) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let cell = '';
      if (text[at] === '"') {
        at++;
        for (;;) {
          if (at >= text.length) throw new CsvError(`${file} line ${start}: a quoted cell is not closed`);
          const quote = text.indexOf('"', at);
          if (quote < 0) throw new CsvError(`${file} line ${start}: a quoted cell is not closed`);
          const part = text.slice(at, quote);
          line += countLines(part);
          cell += part;
          at = quote + 1;
          if (text[at] === '"') {
            cell += '"';
            at++;
            continue;
          }
          break;
        }
        if (at < text.length && text[at] !== ',' && text[at] !== '\n' && text[at] !== '\r') {
          throw new CsvError(`${file} line ${line}: text after a closing quote; a quote inside a quoted cell is written ""`);
        }
      } else {
        let end = at;
        while (end < text.length && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') end++;
        cell = text.slice(at, end);
        if (cell.includes('"')) throw new CsvError(`${file} line ${line}: a quote inside an unquoted cell; quote the whole cell and write the quote as ""`);
        at = end;
      }
      cells.push(cell);
      if (text[at] === ',') {
        at++;
        continue;
      }
      break;
    }
    if (text[at] === '\r') at++;
    if (text[at] === '\n') at++;
    line++;
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: start, cells });
  }
  return records;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
