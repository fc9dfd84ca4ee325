/**
 * Bulk writes of many rows: one JSON parameter per chunk, unpacked by `jsonb_to_recordset` in the statement, so a
 * chunk of thousands of rows is one round trip with one bind (PGlite and PostgreSQL alike; a VALUES list of bound
 * parameters stops at 65 535 of them and parses far slower). 200 000 staged transactions are a few dozen statements.
 */
import { sql, type SQL } from 'drizzle-orm';

export const BULK_CHUNK = 5000;

export async function eachChunk<T>(items: readonly T[], body: (chunk: readonly T[]) => Promise<void>, size = BULK_CHUNK): Promise<void> {
  for (let i = 0; i < items.length; i += size) await body(items.slice(i, i + size));
}

/** `jsonb_to_recordset(<the rows as one parameter>) as x(<columns>)`. */
export function recordset(rows: readonly unknown[], columns: string): SQL {
  return sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(${sql.raw(columns)})`;
}

/** The rows of `db.execute()`: postgres-js answers with an array, PGlite with `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

/** A json/jsonb value of a row: PGlite and postgres-js parse it, a driver without the type parser answers text. */
export function jsonValue<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
