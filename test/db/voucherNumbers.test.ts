import { sql } from 'drizzle-orm';
import { createVoucherNumberRepo } from '../../db/repos';
import { useTestDatabase } from './testDatabase';

const test_ = useTestDatabase();
const series = { entrySeriesId: 1, year: 2026 };
const owners = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}/${i}`);

test('two flows drawing in one series at once never get the same number, and never below the target', async () => {
  const repo = createVoucherNumberRepo(test_.db);
  // A Telaris batch and a DUELL settlement in the same series (on PostgreSQL, two connections of the pool).
  const [a, b] = await Promise.all([
    repo.draw('acme-as', series, owners('telaris/document', 300), 1001),
    repo.draw('acme-as', series, owners('duell/z-report', 300), 1001),
  ]);
  const all = [...a.values(), ...b.values()];
  expect(new Set(all).size).toBe(600);
  expect(Math.min(...all)).toBe(1001);
  expect(Math.max(...all)).toBe(1600);
});

test('drawing again for the same documents returns their numbers; a higher floor moves the series up', async () => {
  const repo = createVoucherNumberRepo(test_.db);
  const first = await repo.draw('acme-as', series, ['doc/1', 'doc/2'], 100);
  expect([...first.values()]).toEqual([100, 101]);
  expect(await repo.draw('acme-as', series, ['doc/2', 'doc/1'], 100)).toEqual(new Map([['doc/2', 101], ['doc/1', 100]]));
  // 24SevenOffice's next number jumped (another writer posted 500 vouchers): never below it.
  expect([...(await repo.draw('acme-as', series, ['doc/3'], 600)).values()]).toEqual([600]);
  // Other tenants, series and years count on their own.
  expect([...(await repo.draw('beta-oy', series, ['doc/1'], 1)).values()]).toEqual([1]);
  expect([...(await repo.draw('acme-as', { entrySeriesId: 1, year: 2027 }, ['doc/1'], 1)).values()]).toEqual([1]);
});

test('a burnt number is never handed out again: the document draws a new one', async () => {
  const repo = createVoucherNumberRepo(test_.db);
  await repo.draw('acme-as', series, ['doc/1', 'doc/2'], 10);
  expect(await repo.burn('acme-as', ['doc/1'], 'taken in 24SevenOffice by another writer')).toBe(1);
  const again = await repo.draw('acme-as', series, ['doc/1', 'doc/2'], 10);
  expect(again.get('doc/2')).toBe(11);
  expect(again.get('doc/1')).toBe(12);
  expect(await repo.holder('acme-as', series, 10)).toEqual({ owner: 'doc/1', burnt: true });
});

test('the schema refuses a number drawn twice in a series and year', async () => {
  await createVoucherNumberRepo(test_.db).draw('acme-as', series, ['doc/1'], 5);
  await expect(test_.db.execute(sql`insert into voucher_numbers (tenant_id, entry_series_id, year, transaction_no, owner) values ('acme-as', 1, 2026, 5, 'doc/9')`)).rejects.toThrow();
});
