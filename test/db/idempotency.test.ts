import { createIdempotencyRepo } from '../../db/repos';
import { useTestDatabase } from './testDatabase';

const test_ = useTestDatabase();
const voucherKey = 'acme-as/batch/2026-11#3/voucher-1042';

test('of many concurrent reservations of one key, exactly one acquires it', async () => {
  const repo = createIdempotencyRepo(test_.db);
  const attempts = await Promise.all(
    Array.from({ length: 8 }, () => repo.reserve('acme-as', '24sevenoffice', voucherKey, 'hash-1')),
  );
  expect(attempts.filter((a) => a.acquired)).toHaveLength(1);
  for (const attempt of attempts) expect(attempt.record).toMatchObject({ key: voucherKey, state: 'reserved', requestHash: 'hash-1' });
});

test('a retry after sending finds the earlier attempt instead of sending again', async () => {
  const repo = createIdempotencyRepo(test_.db);
  expect((await repo.reserve('acme-as', '24sevenoffice', voucherKey, 'hash-1')).acquired).toBe(true);
  await repo.markSent('acme-as', '24sevenoffice', voucherKey);

  const retry = await repo.reserve('acme-as', '24sevenoffice', voucherKey, 'hash-1');
  expect(retry).toMatchObject({ acquired: false, record: { state: 'sent', externalId: null } });

  await repo.confirm('acme-as', '24sevenoffice', voucherKey, 'TX-88');
  expect(await repo.reserve('acme-as', '24sevenoffice', voucherKey, 'hash-1')).toMatchObject({
    acquired: false,
    record: { state: 'confirmed', externalId: 'TX-88' },
  });
});

test('a key whose attempt certainly failed can be acquired again, by one caller', async () => {
  const repo = createIdempotencyRepo(test_.db);
  await repo.reserve('acme-as', '24sevenoffice', voucherKey, 'hash-1');
  await repo.fail('acme-as', '24sevenoffice', voucherKey);

  const attempts = await Promise.all([1, 2, 3].map(() => repo.reserve('acme-as', '24sevenoffice', voucherKey, 'hash-2')));
  expect(attempts.filter((a) => a.acquired)).toHaveLength(1);
  expect(await repo.get('acme-as', '24sevenoffice', voucherKey)).toMatchObject({ state: 'reserved', requestHash: 'hash-2' });
});

test('keys are per tenant and system', async () => {
  const repo = createIdempotencyRepo(test_.db);
  await repo.reserve('acme-as', '24sevenoffice', 'invoice-1');
  expect((await repo.reserve('beta-oy', '24sevenoffice', 'invoice-1')).acquired).toBe(true);
  expect((await repo.reserve('acme-as', 'talenom', 'invoice-1')).acquired).toBe(true);
});

test('moving a key that was never reserved is a programming error that says so', async () => {
  await expect(createIdempotencyRepo(test_.db).confirm('acme-as', '24sevenoffice', 'nope', 'X')).rejects.toThrow(
    'idempotency key nope of tenant acme-as for 24sevenoffice was never reserved: reserve() it before sending',
  );
});
