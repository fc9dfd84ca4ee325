import { eq } from 'drizzle-orm';
import type { CheckReport } from '../../connectors/types';
import { isStoreError } from '../../db/errors';
import { createConnectionRepo, createTenantRepo } from '../../db/repos';
import { connections } from '../../db/schema';
import { aSecretBox, useTestDatabase } from './testDatabase';

const test_ = useTestDatabase();
const secrets = aSecretBox();
const acmeCredentials = { username: 'api@acme.no', password: 'S3cret-pass!' };

async function anAcmeTenantWith24so() {
  await createTenantRepo(test_.db).add({ id: 'acme-as', name: 'Acme AS', settings: { batch: { postingMode: 'journal' } } });
  return createConnectionRepo(test_.db, secrets).add('acme-as', '24sevenoffice', '24so', { identityId: 'abc' }, acmeCredentials);
}

describe('tenants', () => {
  test('a tenant round-trips with its settings', async () => {
    const tenants = createTenantRepo(test_.db);
    await tenants.add({ id: 'acme-as', name: 'Acme AS', settings: { batch: { postingMode: 'journal' } } });
    await tenants.add({ id: 'beta-oy', name: 'Beta Oy' });
    expect(await tenants.get('acme-as')).toMatchObject({ id: 'acme-as', name: 'Acme AS', settings: { batch: { postingMode: 'journal' } } });
    expect((await tenants.list()).map((t) => t.id)).toEqual(['acme-as', 'beta-oy']);
    expect((await tenants.get('beta-oy')).createdAt).toBeInstanceOf(Date);
  });

  test('a second tenant with the same id is refused by name', async () => {
    const tenants = createTenantRepo(test_.db);
    await tenants.add({ id: 'acme-as', name: 'Acme AS' });
    await expect(tenants.add({ id: 'acme-as', name: 'Acme again' })).rejects.toThrow('tenant acme-as already exists');
  });

  test('an invalid tenant id is refused with an example of a good one', async () => {
    await expect(createTenantRepo(test_.db).add({ id: 'Acme AS', name: 'Acme' })).rejects.toThrow(/e\.g\. acme-as/);
  });

  test('an unknown tenant is NotFound, naming it and the command that lists tenants', async () => {
    const err = await createTenantRepo(test_.db).get('nobody').catch((e: unknown) => e);
    expect(isStoreError(err, 'NotFound')).toBe(true);
    expect((err as Error).message).toBe('tenant nobody does not exist: see the tenants with: ledgerbridge tenants list');
  });

  test('settings updates merge, and null removes a key', async () => {
    const tenants = createTenantRepo(test_.db);
    await tenants.add({ id: 'acme-as', name: 'Acme AS', settings: { batch: { postingMode: 'journal' }, timezone: 'Europe/Oslo' } });
    const updated = await tenants.updateSettings('acme-as', { batch: { postingMode: 'ledger' }, timezone: null });
    expect(updated.settings).toEqual({ batch: { postingMode: 'ledger' } });
    await expect(tenants.updateSettings('nobody', {})).rejects.toThrow('tenant nobody does not exist');
  });
});

describe('connections', () => {
  test('a connection round-trips, and lists and gets never carry credentials', async () => {
    const added = await anAcmeTenantWith24so();
    expect(added).toMatchObject({ id: 'acme-as:24so', tenantId: 'acme-as', system: '24sevenoffice', name: '24so', settings: { identityId: 'abc' }, lastCheck: null });
    const repo = createConnectionRepo(test_.db, secrets);
    const listed = await repo.list('acme-as');
    expect(listed).toEqual([added]);
    expect(await repo.get('acme-as:24so')).toEqual(added);
    expect(JSON.stringify([listed, added])).not.toMatch(/S3cret|credentials/);
    expect(await repo.list('beta-oy')).toEqual([]);
  });

  test('credentials are stored encrypted and come back only through loadWithCredentials', async () => {
    await anAcmeTenantWith24so();
    const [raw] = await test_.db.select().from(connections).where(eq(connections.id, 'acme-as:24so'));
    expect(raw!.credentialsEncrypted).toMatch(new RegExp(`^${secrets.keyId}:`));
    expect(raw!.credentialsEncrypted).not.toContain('S3cret-pass!');
    expect(raw!.credentialsEncrypted).not.toContain('api@acme.no');

    const loaded = await createConnectionRepo(test_.db, secrets).loadWithCredentials('acme-as:24so');
    expect(loaded.credentials).toEqual(acmeCredentials);
  });

  test('credentials saved under another key say which key is needed and what to do', async () => {
    await anAcmeTenantWith24so();
    const otherKey = aSecretBox(9);
    const err = await createConnectionRepo(test_.db, otherKey).loadWithCredentials('acme-as:24so').catch((e: unknown) => e);
    expect(isStoreError(err, 'SecretUnreadable')).toBe(true);
    expect((err as Error).message).toBe(
      `credentials of connection acme-as:24so cannot be decrypted with this LEDGERBRIDGE_SECRET_KEY ` +
        `(it was saved with key id ${secrets.keyId}, this key has id ${otherKey.keyId}): ` +
        'start ledgerbridge with the key they were saved with, or enter them again: ledgerbridge connections update acme-as 24so --credentials-stdin',
    );

    await createConnectionRepo(test_.db, otherKey).update('acme-as:24so', { credentials: { username: 'u', password: 'new' } });
    expect((await createConnectionRepo(test_.db, otherKey).loadWithCredentials('acme-as:24so')).credentials).toEqual({ username: 'u', password: 'new' });
  });

  test('sealed credentials moved onto another connection do not open there', async () => {
    await anAcmeTenantWith24so();
    const repo = createConnectionRepo(test_.db, secrets);
    await repo.add('acme-as', 'telaris', 'telaris', {}, { token: 't' });
    const [sealed] = await test_.db.select().from(connections).where(eq(connections.id, 'acme-as:24so'));
    await test_.db.update(connections).set({ credentialsEncrypted: sealed!.credentialsEncrypted }).where(eq(connections.id, 'acme-as:telaris'));
    await expect(repo.loadWithCredentials('acme-as:telaris')).rejects.toThrow(/cannot be decrypted/);
  });

  test('a second connection with the same name in a tenant is refused; another tenant may use the name', async () => {
    await anAcmeTenantWith24so();
    const repo = createConnectionRepo(test_.db, secrets);
    await expect(repo.add('acme-as', '24sevenoffice', '24so', {}, {})).rejects.toThrow(
      'tenant acme-as already has a connection named 24so: choose another name, or see: ledgerbridge connections list acme-as',
    );
    await createTenantRepo(test_.db).add({ id: 'beta-oy', name: 'Beta Oy' });
    await expect(repo.add('beta-oy', '24sevenoffice', '24so', {}, {})).resolves.toMatchObject({ id: 'beta-oy:24so' });
  });

  test('a connection of an unknown tenant, system or bad name is refused before anything is stored', async () => {
    const repo = createConnectionRepo(test_.db, secrets);
    await expect(repo.add('nobody', 'duell', 'duell', {}, {})).rejects.toThrow('tenant nobody does not exist');
    await createTenantRepo(test_.db).add({ id: 'acme-as', name: 'Acme AS' });
    await expect(repo.add('acme-as', 'sap' as never, 'sap', {}, {})).rejects.toThrow(/"sap" is not a system .*24sevenoffice, telaris/);
    await expect(repo.add('acme-as', 'duell', 'My POS', {}, {})).rejects.toThrow(/"My POS" is not a connection name/);
    expect(await repo.list('acme-as')).toEqual([]);
  });

  test('an unknown connection is NotFound, naming the command that lists the tenant\'s connections', async () => {
    await expect(createConnectionRepo(test_.db, secrets).get('acme-as:nope')).rejects.toThrow(
      'connection acme-as:nope does not exist: see the connections with: ledgerbridge connections list acme-as',
    );
  });

  test('the last check report is kept with its time, and settings edits are not confused with it', async () => {
    const added = await anAcmeTenantWith24so();
    const report: CheckReport = { system: '24sevenoffice', ok: false, items: [{ name: 'login', ok: false, detail: 'LoginResult was empty: check the password' }] };
    const repo = createConnectionRepo(test_.db, secrets);
    await repo.recordCheck('acme-as:24so', report);
    const checked = await repo.get('acme-as:24so');
    expect(checked.lastCheck).toMatchObject(report);
    expect(Date.parse(checked.lastCheck!.at)).not.toBeNaN();
    expect(checked.updatedAt).toEqual(added.updatedAt);
    await expect(repo.recordCheck('acme-as:nope', report)).rejects.toThrow('connection acme-as:nope does not exist');
  });
});
