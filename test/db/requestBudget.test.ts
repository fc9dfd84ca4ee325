import { ApplicationFailure } from '@temporalio/common';
import { and, eq, sql } from 'drizzle-orm';
import { asActivityFailure } from '../../activities/failures';
import { settingsSchema } from '../../connectors/24sevenoffice/config';
import { isConnectorError, type ConnectorError } from '../../connectors/errors';
import { openDatabase, type Db } from '../../db';
import { createRequestBudget } from '../../db/repos';
import { requestBudget } from '../../db/schema';
import { createScratchDatabase, useTestDatabase } from './testDatabase';

const test_ = useTestDatabase();

async function refusal(take: Promise<unknown>): Promise<ConnectorError> {
  const err = await take.then(() => undefined, (e: unknown) => e);
  if (!isConnectorError(err, 'RateLimited')) throw new Error(`expected RateLimited, got ${String(err)}`);
  return err;
}

const HOUR_MS = 3_600_000;
const nextUtcHour = () => new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS + HOUR_MS);
const nextUtcMidnight = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
};
/** Times from the database are turned into this process's clock: equal to the millisecond is not promised. */
const expectAbout = (actual: Date | undefined, expected: Date, withinMs = 2_000) =>
  expect(Math.abs(actual!.getTime() - expected.getTime())).toBeLessThan(withinMs);

/** As if the hour had turned since the tenant's last request: its count now belongs to the previous hour. */
async function anHourPasses(tenant: string, system: 'severa' | '24sevenoffice') {
  await test_.db
    .update(requestBudget)
    .set({ hourStart: sql`${requestBudget.hourStart} - interval '1 hour'` })
    .where(and(eq(requestBudget.tenantId, tenant), eq(requestBudget.system, system)));
}

/** Two workers' databases: on PostgreSQL two connection pools; PGlite has one session, which both then share. */
async function twoWorkerDatabases(): Promise<{ dbs: [Db, Db]; close(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { dbs: [test_.db, test_.db], close: async () => {} };
  const scratch = await createScratchDatabase(url);
  const a = await openDatabase({ url: scratch.url });
  const b = await openDatabase({ url: scratch.url });
  return {
    dbs: [a.db, b.db],
    async close() {
      await Promise.all([a.close(), b.close()]);
      await scratch.drop();
    },
  };
}

const unpaced = { perSecond: 1_000 };

test('callers over the per-second rate wait their turn: the calls are spread out, none refused', async () => {
  const workers = [1, 2].map(() => createRequestBudget(test_.db, 'acme-oy', { limits: { severa: { perSecond: 10 } } }));
  const start = Date.now();
  const doneAfter = await Promise.all(
    Array.from({ length: 8 }, (_, i) => workers[i % 2]!.take('severa').then(() => Date.now() - start)),
  );
  const sorted = [...doneAfter].sort((a, b) => a - b);
  // 10 a second: the i-th call cannot start before i × 100 ms (a little slack for timer granularity).
  sorted.forEach((ms, i) => expect(ms).toBeGreaterThanOrEqual(i * 100 - 20));
  expect(sorted[7]).toBeLessThan(700 + 3_000);
  expect((await workers[0]!.remaining('severa')).hour.used).toBe(8);
});

test('a caller whose turn is further away than the pacing bound is refused until its turn, and nothing is counted', async () => {
  const budget = createRequestBudget(test_.db, 'acme-oy', { limits: { severa: { perSecond: 1 } }, maxPacingWaitMs: 1_500 });
  await budget.take('severa', 3); // three requests at one a second: the queue reaches 3 s ahead

  const err = await refusal(budget.take('severa'));
  expectAbout(err.retryAfter, new Date(Date.now() + 3_000), 500);
  expect(err.message).toMatch(/^tenant acme-oy has requests to severa queued until .* \(1 a second\), more than 1.5 s ahead/);
  expect((await budget.remaining('severa')).hour.used).toBe(3);
});

test('requests are counted up to the hourly quota, then refused until the next clock hour, and retried no earlier', async () => {
  const budget = createRequestBudget(test_.db, 'acme-as', { limits: { '24sevenoffice': { ...unpaced, perHour: 5 } } });
  await budget.take('24sevenoffice', 3);
  await budget.take('24sevenoffice', 2);

  const err = await refusal(budget.take('24sevenoffice'));
  expect(err.retryable).toBe(true);
  expectAbout(err.retryAfter, nextUtcHour());
  expect(err.message).toBe(`tenant acme-as has used 5 of its 5 requests to 24sevenoffice this hour: the budget, shared by all ` +
    `workers, renews at ${err.retryAfter!.toISOString()}. If 24sevenoffice allows the tenant more, say so in the connection: ` +
    `ledgerbridge connections add acme-as --system 24sevenoffice … --setting budget='{"perHour":…}' (replaces it)`);
  const { hour, day } = await budget.remaining('24sevenoffice');
  expect(hour).toMatchObject({ used: 5, limit: 5, left: 0 }); // a refusal costs nothing
  expect(day).toMatchObject({ used: 5, limit: 24 * 7_200 });
  expectAbout(hour.resetsAt, nextUtcHour());

  const failure = asActivityFailure(err) as ApplicationFailure;
  expect(failure).toMatchObject({ type: 'RateLimited', nonRetryable: false });
  expect(failure.nextRetryDelay).toBeGreaterThanOrEqual(err.retryAfter!.getTime() - Date.now() - 50);
});

test('a new hour renews the hourly quota but not the daily one, which refuses until midnight UTC', async () => {
  const budget = createRequestBudget(test_.db, 'acme-oy', { limits: { severa: { ...unpaced, perHour: 5, perDay: 8 } } });
  await budget.take('severa', 5);
  await refusal(budget.take('severa'));
  await anHourPasses('acme-oy', 'severa');
  expect(await budget.remaining('severa')).toMatchObject({ hour: { used: 0, left: 5 }, day: { used: 5, left: 3 } });

  await budget.take('severa', 3);
  await anHourPasses('acme-oy', 'severa');
  const err = await refusal(budget.take('severa'));
  expectAbout(err.retryAfter, nextUtcMidnight());
  expect(err.message).toMatch(/^tenant acme-oy has used 8 of its 8 requests to severa today \(UTC\): .* renews at .*"perDay"/);
});

test('two workers on their own database connections never take more than the quota together', async () => {
  const { dbs, close } = await twoWorkerDatabases();
  try {
    const workers = dbs.map((db) => createRequestBudget(db, 'acme-as', { limits: { '24sevenoffice': { ...unpaced, perHour: 10 } } }));
    const results = await Promise.allSettled(Array.from({ length: 24 }, (_, i) => workers[i % 2]!.take('24sevenoffice')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ type: 'RateLimited' });
    expect((await workers[1]!.remaining('24sevenoffice')).hour.used).toBe(10);
  } finally {
    await close();
  }
});

test('a quarantine stops every worker of the tenant until it ends, and names the reason', async () => {
  const until = new Date(Date.now() + 15 * 60_000);
  await createRequestBudget(test_.db, 'acme-as').quarantine('24sevenoffice', until, 'Too many requests, blocked until 13:15');

  const otherWorker = createRequestBudget(test_.db, 'acme-as');
  const err = await refusal(otherWorker.take('24sevenoffice'));
  expectAbout(err.retryAfter, until, 500);
  expect(err.message).toBe(
    `24sevenoffice has quarantined tenant acme-as until ${err.retryAfter!.toISOString()} (Too many requests, blocked until 13:15): ` +
      'every worker of the tenant waits until then',
  );
  expect((await otherWorker.remaining('24sevenoffice')).quarantine).toMatchObject({ reason: 'Too many requests, blocked until 13:15' });
  await expect(createRequestBudget(test_.db, 'beta-oy').take('24sevenoffice')).resolves.toBeUndefined();
  await expect(otherWorker.take('rackbeat')).resolves.toBeUndefined();
});

test('a quarantine is never shortened, and once over, requests flow again', async () => {
  const budget = createRequestBudget(test_.db, 'acme-as');
  const later = new Date(Date.now() + 30 * 60_000);
  await budget.quarantine('24sevenoffice', later, 'first');
  await budget.quarantine('24sevenoffice', new Date(Date.now() + 60_000), 'second');
  expectAbout((await refusal(budget.take('24sevenoffice'))).retryAfter, later, 500);

  await budget.quarantine('rackbeat', new Date(Date.now() - 1000), 'over');
  await expect(budget.take('rackbeat')).resolves.toBeUndefined();
  expect((await budget.remaining('rackbeat')).quarantine).toBeNull();
});

test('each system has its documented limits by default; a connection\'s validated budget setting overrides them', async () => {
  const defaults = createRequestBudget(test_.db, 'acme-as');
  expect(await defaults.remaining('24sevenoffice')).toMatchObject({ perSecond: 25, hour: { used: 0, limit: 7_200 } });
  expect(await defaults.remaining('severa')).toMatchObject({ perSecond: 8, day: { limit: 100_000 } });

  const budget = settingsSchema.parse({ budget: { perHour: 3_600 } }).budget;
  const overridden = createRequestBudget(test_.db, 'acme-as', { limits: { '24sevenoffice': budget } });
  expect(await overridden.remaining('24sevenoffice')).toMatchObject({ perSecond: 25, hour: { limit: 3_600 } });

  for (const wrong of [{ perSecond: 0 }, { perHour: 1.5 }, { perHour: 10, perDay: 5 }, { perMinute: 60 }]) {
    expect(settingsSchema.safeParse({ budget: wrong }).success).toBe(false);
  }
});
