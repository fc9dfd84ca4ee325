/**
 * The one way to open the database: PostgreSQL when a URL is given (DATABASE_URL), else PGlite, an embedded
 * PostgreSQL, in ./.data/pglite (design principle 8). Migrations from db/migrations/ are applied on open, so a
 * fresh directory or database is ready for use.
 *
 * PGlite's data dir belongs to ONE process (see dataDirLock.ts): a second opener gets a clear error. When a
 * worker and a CLI must share the data, run PostgreSQL and set DATABASE_URL for both.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { dataDir } from '../platform/paths';
import { lockDataDir } from './dataDirLock';
import { PgliteGate } from './pgliteGate';
import * as schema from './schema';

export { schema };

/** The drizzle database both drivers share: repositories take this and never know which engine runs below. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Embedded PGlite only: what db/socket.ts serves to other processes. */
  pglite?: PgliteGate;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; default DATABASE_URL. When absent, PGlite is used. */
  url?: string;
  /**
   * PGlite's own directory (not the platform's data dir that holds it); default <dataDir()>/pglite, i.e.
   * ./.data/pglite. 'memory://' keeps everything in memory (tests).
   */
  dataDir?: string;
  /**
   * The URL is the PGlite socket of a running `npm start`: that process owns the database and migrated it. One
   * connection only, because the socket runs every client on PGlite's single session (see db/socket.ts).
   */
  shared?: boolean;
}

/** Next to this file, whether it runs from source (tsx, jest) or from a build that copies db/migrations. */
const MIGRATIONS = { migrationsFolder: path.join(__dirname, 'migrations') };

/** Any fixed number: every ledgerbridge process that migrates a PostgreSQL database takes this advisory lock. */
const MIGRATION_LOCK = 7_245_011;

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const url = options.url ?? process.env.DATABASE_URL;
  if (url && options.shared) return openShared(url);
  return url ? openPostgres(url) : openPglite(options.dataDir ?? path.join(dataDir(), 'pglite'));
}

async function openPostgres(url: string): Promise<Database> {
  // onnotice: the migrator's "schema already exists, skipping" notices are not news for an operator.
  const client = postgres(url, { onnotice: () => {} });
  try {
    const db = drizzlePostgres(client, { schema });
    // Workers starting together must not run the same migration twice: one migrates, the others wait and
    // then find nothing left to do. The lock lives on one reserved connection; the migrator uses the pool.
    const lockHolder = await client.reserve();
    try {
      await lockHolder`select pg_advisory_lock(${MIGRATION_LOCK})`;
      await migratePostgres(db, MIGRATIONS);
    } finally {
      await lockHolder`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => undefined);
      lockHolder.release();
    }
    return { db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
  } catch (err) {
    await client.end({ timeout: 1 }).catch(() => undefined);
    throw new Error(`cannot open the PostgreSQL database at ${redactUrl(url)}: ${describe(err)}`, { cause: err });
  }
}

async function openShared(url: string): Promise<Database> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select 1`;
  } catch (err) {
    await client.end({ timeout: 1 }).catch(() => undefined);
    throw new Error(`cannot reach the database of the running ledgerbridge (${redactUrl(url)}): ${describe(err)}; is \`npm start\` still running?`, { cause: err });
  }
  return { db: drizzlePostgres(client, { schema }), kind: 'postgres', close: () => client.end({ timeout: 5 }) };
}

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  const where = inMemory ? dataDir : path.resolve(dataDir);
  if (!inMemory) fs.mkdirSync(where, { recursive: true });
  const lock = inMemory ? undefined : lockDataDir(where);
  let client: PGlite | undefined;
  try {
    client = await PGlite.create(where);
    const db = drizzlePglite(client, { schema });
    const gate = new PgliteGate(client);
    const transaction = db.transaction.bind(db);
    db.transaction = (body, config) => gate.transaction(() => transaction(body, config));
    await migratePglite(db, MIGRATIONS);
    const opened = client;
    return {
      db,
      kind: 'pglite',
      pglite: gate,
      async close() {
        try {
          await opened.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (err) {
    await client?.close().catch(() => undefined);
    lock?.release();
    throw new Error(`cannot open the PGlite database in ${where}: ${describe(err)}`, { cause: err });
  }
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // drizzle wraps driver errors as "Failed query: …"; the driver's own message is the useful part.
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return err.message + cause;
}

/** Never print a password from DATABASE_URL. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable DATABASE_URL)';
  }
}
