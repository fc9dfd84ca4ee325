import { createIdempotencyRepo } from '../../db/repos';
import { useTestDatabase } from './testDatabase';

const test_ = useTestDatabase();
const documentKey = 'telaris/document/INV-1042';

test('of many concurrent reservations of one key, exactly one acquires it', async () => {
  const repo = createIdempotencyRepo(test_.db);
  const attempts = await Promise.all(
    Array.from({ length: 8 }, () => repo.reserve('acme-as', '24sevenoffice', documentKey, 'hash-1')),
  );
  expect(attempts.filter((a) => a.acquired)).toHaveLength(1);
  for (const attempt of attempts) expect(attempt.record).toMatchObject({ key: documentKey, state: 'reserved', requestHash: 'hash-1' });
});

test('a retry after sending finds the earlier attempt, with its hash, instead of taking the key', async () => {
  const repo = createIdempotencyRepo(test_.db);
  expect((await repo.reserve('acme-as', '24sevenoffice', documentKey, 'hash-1')).acquired).toBe(true);
  await repo.markSent('acme-as', '24sevenoffice', [{ key: documentKey, requestHash: 'hash-1' }]);

  const retry = await repo.reserve('acme-as', '24sevenoffice', documentKey, 'hash-2');
  expect(retry).toMatchObject({ acquired: false, record: { state: 'sent', requestHash: 'hash-1', sends: 1, externalId: null } });

  await repo.confirm('acme-as', '24sevenoffice', [{ key: documentKey, externalId: '1042' }], 'sent and confirmed');
  expect(await repo.reserve('acme-as', '24sevenoffice', documentKey, 'hash-1')).toMatchObject({
    acquired: false,
    record: { state: 'confirmed', externalId: '1042', requestHash: 'hash-1' },
  });
});

test('a refused key is taken again by one caller only, and a refusal never overwrites a confirmation', async () => {
  const repo = createIdempotencyRepo(test_.db);
  await repo.reserve('acme-as', '24sevenoffice', documentKey, 'hash-1');
  await repo.refuse('acme-as', '24sevenoffice', [documentKey], 'the period is closed');
  expect(await repo.get('acme-as', '24sevenoffice', documentKey)).toMatchObject({ state: 'refused', detail: 'the period is closed' });

  const attempts = await Promise.all([1, 2, 3].map(() => repo.reserve('acme-as', '24sevenoffice', documentKey, 'hash-2')));
  expect(attempts.filter((a) => a.acquired)).toHaveLength(1);
  expect(await repo.get('acme-as', '24sevenoffice', documentKey)).toMatchObject({ state: 'reserved', requestHash: 'hash-2', detail: null });

  await repo.markSent('acme-as', '24sevenoffice', [{ key: documentKey, requestHash: 'hash-2' }]);
  await repo.confirm('acme-as', '24sevenoffice', [{ key: documentKey, externalId: '7' }], 'sent');
  await repo.refuse('acme-as', '24sevenoffice', [documentKey], 'a late refusal');
  expect(await repo.get('acme-as', '24sevenoffice', documentKey)).toMatchObject({ state: 'confirmed' });
});

test('keys are per tenant and system; many are reserved in one call', async () => {
  const repo = createIdempotencyRepo(test_.db);
  await repo.reserve('acme-as', '24sevenoffice', 'invoice-1', 'h');
  expect((await repo.reserve('beta-oy', '24sevenoffice', 'invoice-1', 'h')).acquired).toBe(true);
  expect((await repo.reserve('acme-as', 'talenom', 'invoice-1', 'h')).acquired).toBe(true);
  const many = await repo.reserveAll('acme-as', '24sevenoffice', Array.from({ length: 2500 }, (_, i) => ({ key: `doc-${i}`, requestHash: 'h' })).concat({ key: 'invoice-1', requestHash: 'h' }));
  expect([...many.values()].filter((r) => r.acquired)).toHaveLength(2500);
  expect(many.get('invoice-1')?.acquired).toBe(false);
});

test('marking a key sent that was never reserved is a programming error that says so', async () => {
  await expect(createIdempotencyRepo(test_.db).markSent('acme-as', '24sevenoffice', [{ key: 'nope', requestHash: 'h' }])).rejects.toThrow(
    'tenant acme-as, 24sevenoffice: 1 of 1 idempotency keys were not reserved (or were confirmed meanwhile): reserve them before sending',
  );
});

test('an operator\'s reconfirmation moves a confirmed key to the corrected content, and touches nothing unconfirmed', async () => {
  const repo = createIdempotencyRepo(test_.db);
  const key = 'severa/invoice/0ccc2d9c';
  await repo.reserve('acme-oy', 'talenom', key, 'hash-1');
  await repo.reconfirm('acme-oy', 'talenom', key, 'hash-2', 'corrected by hand');
  expect(await repo.get('acme-oy', 'talenom', key)).toMatchObject({ state: 'reserved', requestHash: 'hash-1' });

  await repo.markSent('acme-oy', 'talenom', [{ key, requestHash: 'hash-1' }]);
  await repo.confirm('acme-oy', 'talenom', [{ key, externalId: 't-1' }], 'sent and confirmed');
  await repo.reconfirm('acme-oy', 'talenom', key, 'hash-2', 'corrected by hand');
  expect(await repo.get('acme-oy', 'talenom', key)).toMatchObject({ state: 'confirmed', requestHash: 'hash-2', externalId: 't-1', detail: 'corrected by hand' });
});
