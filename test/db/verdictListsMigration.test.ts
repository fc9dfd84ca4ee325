/**
 * Upgrading a database whose matching results hold their verdicts inline (migrations up to 0006): each list moves
 * to matching_verdict_lists once, and every result reads back the verdicts it had.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { createMatchingResultRepo, createMatchingTransactionRepo } from '../../db/repos';
import * as schema from '../../db/schema';
import type { Minor } from '../../domain/money';

const MIGRATIONS = path.resolve(__dirname, '../../db/migrations');

/** The migrations folder as it was before the verdict lists: the SQL files and the journal up to `last`. */
function migrationsUpTo(last: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-migrations-'));
  fs.mkdirSync(path.join(dir, 'meta'));
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as { entries: Array<{ idx: number; tag: string }> };
  journal.entries = journal.entries.filter((e) => e.idx <= last);
  fs.writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify(journal));
  for (const e of journal.entries) fs.copyFileSync(path.join(MIGRATIONS, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

test('inline verdict lists move to matching_verdict_lists once each and read back unchanged', async () => {
  const client = await PGlite.create('memory://');
  try {
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder: migrationsUpTo(6) });
    const verdicts = [{ rule: 'po-field', verdict: 'none', candidates: [], note: 'the PO field is empty' }];
    const matched = [{ rule: 'po-field', verdict: 'matched', candidates: ['2026-0042'], note: 'the PO field names PO 2026-0042' }];
    for (const [id, list, outcome, po] of [['a', verdicts, 'unmatched', null], ['b', verdicts, 'unmatched', null], ['c', matched, 'auto-matched', '2026-0042']] as const) {
      await db.execute(sql`insert into matching_transactions (tenant_id, id, voucher_no, date, account, amount_minor, currency, content_hash)
        values ('acme', ${id}, 1, '2026-11-02', 4000, 100, 'NOK', 'h')`);
      await db.execute(sql`insert into matching_results (tenant_id, transaction_id, outcome, po, rule, source, verdicts)
        values ('acme', ${id}, ${outcome}, ${po}, ${po ? 'po-field' : null}, 'auto', ${JSON.stringify(list)}::jsonb)`);
    }
    await migrate(db, { migrationsFolder: MIGRATIONS });

    const results = createMatchingResultRepo(db);
    expect((await results.get('acme', 'a'))?.result.verdicts).toEqual(verdicts);
    expect((await results.get('acme', 'b'))?.result.verdicts).toEqual(verdicts);
    expect((await results.get('acme', 'c'))?.result.verdicts).toEqual(matched);
    const [lists] = (await db.execute(sql`select count(*)::int as n from matching_verdict_lists`)).rows as Array<{ n: number }>;
    expect(lists!.n).toBe(2);
    // The upgraded database goes on working: a line staged now is staged as it would be on a fresh one.
    expect(await createMatchingTransactionRepo(db).stage('acme', [{ id: 'd', voucherNo: 2, date: '2026-11-03', account: 4000, amount: 5 as Minor, currency: 'NOK' }]))
      .toEqual({ added: 1, changed: 0, delivered: 0 });
  } finally {
    await client.close();
  }
});
