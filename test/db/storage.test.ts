import { eq } from 'drizzle-orm';
import { ROUTES, createCrossReferenceRepo, createExportLogRepo, createMappingRepo, createSessionStore, createSyncCursorRepo, createTenantRepo } from '../../db/repos';
import { externalSessions } from '../../db/schema';
import { aSecretBox, useTestDatabase } from './testDatabase';

const test_ = useTestDatabase();

describe('sessions', () => {
  test('a session stored by one worker is found by another, sealed at rest', async () => {
    const secrets = aSecretBox();
    await createSessionStore(test_.db, secrets, 'acme-as').set('24so:api@acme.no', 'ASP.NET_SessionId=abc123');
    expect(await createSessionStore(test_.db, secrets, 'acme-as').get('24so:api@acme.no')).toBe('ASP.NET_SessionId=abc123');
    expect(await createSessionStore(test_.db, secrets, 'beta-oy').get('24so:api@acme.no')).toBeUndefined();

    const [raw] = await test_.db.select().from(externalSessions).where(eq(externalSessions.tenantId, 'acme-as'));
    expect(raw!.sessionEncrypted).not.toContain('abc123');
  });

  test('replacing and deleting a session', async () => {
    const store = createSessionStore(test_.db, aSecretBox(), 'acme-as');
    await store.set('k', 'one');
    await store.set('k', 'two');
    expect(await store.get('k')).toBe('two');
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
  });

  test('a session sealed under a previous key is forgotten, so the connector logs in again', async () => {
    await createSessionStore(test_.db, aSecretBox(1), 'acme-as').set('k', 'old');
    expect(await createSessionStore(test_.db, aSecretBox(2), 'acme-as').get('k')).toBeUndefined();
    expect(await test_.db.select().from(externalSessions)).toEqual([]);
  });
});

describe('mappings and sync cursors', () => {
  test('a mapping is set, replaced, listed per kind and removed, per route', async () => {
    await createTenantRepo(test_.db).add({ id: 'acme-as', name: 'Acme AS' });
    const repo = createMappingRepo(test_.db);
    const telaris = ROUTES.telarisTo24so;
    const duell = { source: 'duell', target: '24sevenoffice' } as const;
    await repo.set('acme-as', telaris, 'account', '3010', '3001');
    await repo.set('acme-as', telaris, 'account', '3010', '3000');
    await repo.set('acme-as', telaris, 'vat-code', '25', '3');
    await repo.set('acme-as', duell, 'account', '3010', '3020');
    expect(await repo.get('acme-as', telaris, 'account', '3010')).toBe('3000');
    expect(await repo.get('acme-as', duell, 'account', '3010')).toBe('3020');
    expect(await repo.get('acme-as', telaris, 'account', '9999')).toBeUndefined();
    expect(await repo.list('acme-as', telaris, 'account')).toEqual([{ kind: 'account', sourceKey: '3010', targetKey: '3000' }]);
    expect(await repo.list('acme-as', telaris)).toHaveLength(2);
    await repo.remove('acme-as', telaris, 'account', '3010');
    expect(await repo.list('acme-as', telaris, 'account')).toEqual([]);
    expect(await repo.list('acme-as', duell, 'account')).toHaveLength(1);
  });

  test('cross-references are found both ways, apart from mappings, and a target id belongs to one source id', async () => {
    const xrefs = createCrossReferenceRepo(test_.db);
    const route = ROUTES.telarisTo24so;
    await xrefs.link('acme-as', route, 'customer', '10001', '501');
    await xrefs.link('acme-as', route, 'customer', '10002', '502');
    expect(await xrefs.targetOf('acme-as', route, 'customer', '10001')).toBe('501');
    expect(await xrefs.sourceOf('acme-as', route, 'customer', '502')).toBe('10002');
    expect(await createMappingRepo(test_.db).list('acme-as', route)).toEqual([]);
    // Company 501 merged into the customer 10003 in the source: the newest link wins, the old one is gone.
    await xrefs.link('acme-as', route, 'customer', '10003', '501', 'operator');
    expect(await xrefs.targetOf('acme-as', route, 'customer', '10001')).toBeUndefined();
    expect(await xrefs.list('acme-as', route, 'customer', ['10003'])).toEqual([{ sourceId: '10003', targetId: '501', origin: 'operator' }]);
    expect(await xrefs.targetOf('acme-as', { source: 'duell', target: '24sevenoffice' }, 'customer', '10003')).toBeUndefined();
  });

  test('a sync cursor is remembered per tenant, system and stream', async () => {
    const cursors = createSyncCursorRepo(test_.db);
    expect(await cursors.get('acme-as', 'rackbeat', 'products')).toBeUndefined();
    await cursors.set('acme-as', 'rackbeat', 'products', '2026-11-01T10:00:00Z');
    await cursors.set('acme-as', 'rackbeat', 'products', '2026-11-01T10:10:00Z');
    await cursors.set('acme-as', 'rackbeat', 'customers', 'c-1');
    expect(await cursors.get('acme-as', 'rackbeat', 'products')).toBe('2026-11-01T10:10:00Z');
    expect(await cursors.get('beta-oy', 'rackbeat', 'products')).toBeUndefined();
  });
});

describe('export log', () => {
  test('lists a tenant\'s attempts newest first, by flow and outcome, within the limit', async () => {
    const log = createExportLogRepo(test_.db);
    await log.record({ tenant: 'acme-as', flow: 'batch', entityType: 'voucher', sourceId: '1041', targetId: 'TX-1', outcome: 'ok', workflowId: 'acme-as/batch/2026-11' });
    await log.recordAll([
      { tenant: 'acme-as', flow: 'batch', entityType: 'voucher', sourceId: '1042', outcome: 'failed', message: 'account 3010 does not exist in 24SevenOffice', attempt: 2 },
      { tenant: 'acme-as', flow: 'settlement', entityType: 'z-report', sourceId: 'Z-7', outcome: 'ok' },
      { tenant: 'beta-oy', flow: 'batch', entityType: 'voucher', sourceId: '1', outcome: 'ok' },
    ]);

    const batch = await log.list({ tenant: 'acme-as', flow: 'batch' });
    expect(batch.map((e) => e.sourceId)).toEqual(['1042', '1041']);
    expect(batch[0]).toMatchObject({ outcome: 'failed', attempt: 2, targetId: null, message: 'account 3010 does not exist in 24SevenOffice' });
    expect(batch[1]).toMatchObject({ targetId: 'TX-1', attempt: 1, message: '', workflowId: 'acme-as/batch/2026-11' });
    expect(batch[1]!.at).toBeInstanceOf(Date);

    expect((await log.list({ tenant: 'acme-as' })).map((e) => e.sourceId)).toEqual(['Z-7', '1042', '1041']);
    expect((await log.list({ tenant: 'acme-as', limit: 1 })).map((e) => e.sourceId)).toEqual(['Z-7']);
    expect((await log.list({ tenant: 'acme-as', outcome: 'failed' })).map((e) => e.sourceId)).toEqual(['1042']);
  });
});
