import { and, eq, sql } from 'drizzle-orm';
import { isConnectorError, type ConnectorError } from '../../connectors/errors';
import { createRequestBudget } from '../../db/repos';
import { requestBudget } from '../../db/schema';
import { useTestDatabase } from './testDatabase';

const test_ = useTestDatabase();

async function refusal(take: Promise<unknown>): Promise<ConnectorError> {
  const err = await take.then(() => undefined, (e: unknown) => e);
  if (!isConnectorError(err, 'RateLimited')) throw new Error(`expected RateLimited, got ${String(err)}`);
  return err;
}

/** The window began `minutes` ago, as if the first request of the hour had been made then. */
async function windowStartedAgo(tenant: string, minutes: number) {
  await test_.db
    .update(requestBudget)
    .set({ windowStart: sql`now() - make_interval(mins => ${minutes})` })
    .where(and(eq(requestBudget.tenantId, tenant), eq(requestBudget.system, '24sevenoffice')));
}

test('requests are counted up to the hourly limit, then refused until the window renews', async () => {
  const budget = createRequestBudget(test_.db, 'acme-as', { hourlyLimits: { '24sevenoffice': 5 } });
  await budget.take('24sevenoffice', 3);
  await budget.take('24sevenoffice', 2);
  await windowStartedAgo('acme-as', 20);

  const err = await refusal(budget.take('24sevenoffice'));
  expect(err.retryable).toBe(true);
  expect(err.message).toMatch(/^tenant acme-as has used 5 of its 5 requests this hour to 24sevenoffice: .* renews at /);
  const [row] = await budget.usage();
  expect(err.retryAfter!.getTime()).toBe(row!.windowStart.getTime() + 3_600_000);
  expect(row!.used).toBe(5); // a refusal costs nothing
});

test('a window older than an hour starts over', async () => {
  const budget = createRequestBudget(test_.db, 'acme-as', { hourlyLimits: { '24sevenoffice': 5 } });
  await budget.take('24sevenoffice', 5);
  await windowStartedAgo('acme-as', 61);
  await budget.take('24sevenoffice', 2);
  const [row] = await budget.usage();
  expect(row).toMatchObject({ used: 2, hourlyLimit: 5 });
  expect(Date.now() - row!.windowStart.getTime()).toBeLessThan(60_000);
});

test('concurrent workers never take more than the limit together', async () => {
  const budget = createRequestBudget(test_.db, 'acme-as', { hourlyLimits: { '24sevenoffice': 10 } });
  const results = await Promise.allSettled(Array.from({ length: 16 }, () => budget.take('24sevenoffice')));
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
  expect((await budget.usage())[0]!.used).toBe(10);
});

test('a quarantine stops every worker of the tenant until it ends, and names the reason', async () => {
  const until = new Date(Date.now() + 15 * 60_000);
  await createRequestBudget(test_.db, 'acme-as').quarantine('24sevenoffice', until, 'Too many requests, blocked until 13:15');

  const otherWorker = createRequestBudget(test_.db, 'acme-as');
  const err = await refusal(otherWorker.take('24sevenoffice'));
  expect(err.retryAfter).toEqual(until);
  expect(err.message).toBe(
    `24sevenoffice has quarantined tenant acme-as until ${until.toISOString()} (Too many requests, blocked until 13:15): ` +
      'every worker of the tenant waits until then',
  );
  await expect(createRequestBudget(test_.db, 'beta-oy').take('24sevenoffice')).resolves.toBeUndefined();
  await expect(otherWorker.take('rackbeat')).resolves.toBeUndefined();
});

test('a quarantine is never shortened, and once over, requests flow again', async () => {
  const budget = createRequestBudget(test_.db, 'acme-as');
  const later = new Date(Date.now() + 30 * 60_000);
  await budget.quarantine('24sevenoffice', later, 'first');
  await budget.quarantine('24sevenoffice', new Date(Date.now() + 60_000), 'second');
  expect((await refusal(budget.take('24sevenoffice'))).retryAfter).toEqual(later);

  await budget.quarantine('rackbeat', new Date(Date.now() - 1000), 'over');
  await expect(budget.take('rackbeat')).resolves.toBeUndefined();
});

test('24SevenOffice gets its documented 7 200 requests an hour by default', async () => {
  const budget = createRequestBudget(test_.db, 'acme-as');
  await budget.take('24sevenoffice', 7200);
  await refusal(budget.take('24sevenoffice'));
});
