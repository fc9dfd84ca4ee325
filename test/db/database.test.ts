import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../db';
import { createTenantRepo } from '../../db/repos';
import { createScratchDatabase, openTestDatabase } from './testDatabase';

const TABLES = ['batch_parties', 'batch_vouchers', 'batches', 'connections', 'cross_references', 'export_log', 'external_sessions', 'idempotency', 'invoice_transfers', 'mappings', 'matching_orders', 'matching_results', 'matching_transactions', 'matching_verdict_lists', 'number_series', 'request_budget', 'settlements', 'supplier_invoice_postings', 'sync_cursors', 'tenants', 'voucher_numbers'];

async function tableNames(db: Awaited<ReturnType<typeof openDatabase>>['db']): Promise<string[]> {
  const rows = await db
    .select({ name: sql<string>`table_name` })
    .from(sql`information_schema.tables`)
    .where(sql`table_schema = 'public'`)
    .orderBy(sql`table_name`);
  return rows.map((r) => r.name);
}

test('opening a fresh database applies the migrations', async () => {
  const database = await openTestDatabase();
  try {
    expect(database.kind).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
    expect(await tableNames(database.db)).toEqual(TABLES);
  } finally {
    await database.close();
  }
});

const onPostgres = process.env.DATABASE_URL ? test : test.skip;

onPostgres('workers opening a fresh PostgreSQL database together migrate it once', async () => {
  const scratch = await createScratchDatabase(process.env.DATABASE_URL!);
  try {
    const opened = await Promise.all([1, 2, 3].map(() => openDatabase({ url: scratch.url })));
    const [first] = opened;
    expect(await tableNames(first!.db)).toEqual(TABLES);
    const applied = await first!.db.select({ n: sql<number>`count(*)::int` }).from(sql`drizzle.__drizzle_migrations`);
    expect(applied[0]!.n).toBe(fs.readdirSync(path.join(__dirname, '../../db/migrations')).filter((f) => f.endsWith('.sql')).length);
    await Promise.all(opened.map((d) => d.close()));
  } finally {
    await scratch.drop();
  }
});

describe('PGlite on disk', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lb-pglite-')), 'pglite');
  });
  afterAll(() => fs.rmSync(path.dirname(dataDir), { recursive: true, force: true }));

  test('keeps its rows across a reopen, and migrating again is a no-op', async () => {
    const first = await openDatabase({ url: '', dataDir });
    await createTenantRepo(first.db).add({ id: 'acme-as', name: 'Acme AS' });
    await first.close();

    const second = await openDatabase({ url: '', dataDir });
    try {
      expect((await createTenantRepo(second.db).get('acme-as')).name).toBe('Acme AS');
    } finally {
      await second.close();
    }
  });

  test('refuses a second opener of the same data dir, naming the way out', async () => {
    const open = await openDatabase({ url: '', dataDir });
    try {
      await expect(openDatabase({ url: '', dataDir })).rejects.toThrow(/already open in this process/);
      // Another live process holding the lock: our parent is alive for as long as we run.
      fs.writeFileSync(`${dataDir}.lock`, `${process.ppid}\n`);
      await expect(openDatabase({ url: '', dataDir })).rejects.toThrow(
        new RegExp(`in use by process ${process.ppid}: PGlite can be opened by one process only.*DATABASE_URL`),
      );
    } finally {
      fs.writeFileSync(`${dataDir}.lock`, `${process.pid}\n`);
      await open.close();
    }
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  });

  test('takes over the lock of a process that died', async () => {
    fs.writeFileSync(`${dataDir}.lock`, '999999999\n');
    const database = await openDatabase({ url: '', dataDir });
    await database.close();
  });
});
