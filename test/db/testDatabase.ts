/**
 * The database a test file runs on: PGlite in memory by default; with DATABASE_URL, a fresh PostgreSQL
 * database created for this file and dropped after it, so parallel files (and a PGlite run next to a
 * PostgreSQL run) never see each other's rows. Tables are emptied before each test.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, type Database, type Db } from '../../db';
import { createSecretBox, type SecretBox } from '../../db/secrets';

/** A test's database; `url` is where another process reaches it on PostgreSQL (PGlite in memory has none). */
export type TestDatabase = Database & { url?: string };

export async function openTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) return openDatabase({ url: '', dataDir: 'memory://' });
  const scratch = await createScratchDatabase(url);
  const database = await openDatabase({ url: scratch.url });
  return {
    ...database,
    url: scratch.url,
    async close() {
      await database.close();
      await scratch.drop();
    },
  };
}

/** An empty PostgreSQL database next to the one `url` names (which needs CREATEDB), with no migrations applied. */
export async function createScratchDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `lb_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await administer(url, `create database "${name}"`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return { url: scratch.toString(), drop: () => administer(url, `drop database if exists "${name}" with (force)`) };
}

async function administer(url: string, statement: string): Promise<void> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(statement);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** Every table of the schema, emptied; identities restart so ids are predictable within a test. */
export async function emptyTables(db: Db): Promise<void> {
  await db.execute(sql`truncate table tenants, connections, mappings, export_log, idempotency, sync_cursors,
    request_budget, external_sessions, batches, batch_vouchers, batch_parties, cross_references, number_series, voucher_numbers,
    matching_transactions, matching_orders, matching_results
    restart identity cascade`);
}

/** Registers the hooks of a database-backed test file; read `.db` inside tests. */
export function useTestDatabase(): { readonly db: Db; readonly database: TestDatabase } {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await emptyTables(current().db);
  });
  const current = () => {
    if (!database) throw new Error('the test database is not open yet: read it inside a test or hook');
    return database;
  };
  return {
    get db() {
      return current().db;
    },
    get database() {
      return current();
    },
  };
}

/** A SecretBox with a fixed key, so tests never touch ./.data/secret.key. */
export function aSecretBox(fill = 7): SecretBox {
  return createSecretBox(Buffer.alloc(32, fill));
}
