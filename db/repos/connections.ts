/**
 * Connections: a tenant's account in one external system. Settings are plain JSON; credentials are sealed by
 * the SecretBox and leave this file only through loadWithCredentials(), which activities call right before
 * they build a connector (design principle 5: never in workflow arguments, logs or CLI output).
 */
import { and, asc, eq, getTableColumns, like, sql } from 'drizzle-orm';
import type { CheckReport, SystemName } from '../../connectors/types';
import type { ConnectionId, TenantId } from '../../domain/ids';
import { StoreError } from '../errors';
import type { Db } from '../index';
import { connections, externalSessions, SYSTEMS, type ConnectionSettings } from '../schema';
import { SecretUnreadableError, type SecretBox } from '../secrets';
import { createTenantRepo } from './tenants';

/** Whatever the connector needs to log in (user, password, API token …); validated by the connector. */
export type Credentials = Record<string, unknown>;

export interface Connection {
  id: ConnectionId;
  tenantId: TenantId;
  system: SystemName;
  name: string;
  settings: ConnectionSettings;
  createdAt: Date;
  updatedAt: Date;
  lastCheck: (CheckReport & { at: string }) | null;
}

export interface ConnectionWithCredentials extends Connection {
  credentials: Credentials;
}

export interface ConnectionRepo {
  /** The id is `<tenant>:<name>`, e.g. `acme-as:24so`, readable in workflow arguments and the UI. */
  add(tenant: string, system: SystemName, name: string, settings: ConnectionSettings, credentials: Credentials): Promise<Connection>;
  list(tenant: string): Promise<Connection[]>;
  get(id: string): Promise<Connection>;
  /** For activities only: decrypts the credentials, or throws SecretUnreadable saying which key is missing. */
  loadWithCredentials(id: string): Promise<ConnectionWithCredentials>;
  recordCheck(id: string, report: CheckReport): Promise<void>;
  /**
   * New settings and/or credentials, each replacing the stored ones whole (the caller merges and validates): a
   * changed password, or credentials entered again after the secret key was replaced. New credentials forget the
   * tenant's cached sessions in that system: a session logged in as the old user must not outlive the change.
   */
  update(id: string, change: { settings?: ConnectionSettings; credentials?: Credentials }): Promise<Connection>;
  /** Deletes the connection and its sealed credentials; the tenant's cached sessions in that system go with it. */
  remove(id: string): Promise<Connection>;
}

const NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;
const { credentialsEncrypted: _sealed, ...publicColumns } = getTableColumns(connections);

export function connectionId(tenant: string, name: string): ConnectionId {
  return `${tenant}:${name}` as ConnectionId;
}

export function createConnectionRepo(db: Db, secrets: SecretBox): ConnectionRepo {
  const tenants = createTenantRepo(db);
  // The id is bound into the ciphertext: sealed credentials copied onto another connection do not open there.
  const context = (id: string) => `connection:${id}`;

  const get = async (id: string) => {
    const [row] = await db.select(publicColumns).from(connections).where(eq(connections.id, id));
    if (!row) throw connectionNotFound(id);
    return toConnection(row);
  };

  return {
    async add(tenant, system, name, settings, credentials) {
      if (!NAME.test(name)) {
        throw new Error(`"${name}" is not a connection name: use 1–40 lower-case letters, digits and dashes, e.g. 24so-main`);
      }
      if (!(SYSTEMS as readonly string[]).includes(system)) {
        throw new Error(`"${system}" is not a system ledgerbridge connects to: use one of ${SYSTEMS.join(', ')}`);
      }
      await tenants.get(tenant);
      const id = connectionId(tenant, name);
      const [row] = await db
        .insert(connections)
        .values({ id, tenantId: tenant, system, name, settings, credentialsEncrypted: secrets.encrypt(credentials, context(id)) })
        .onConflictDoNothing()
        .returning(publicColumns);
      if (!row) {
        throw new StoreError(
          'AlreadyExists',
          `tenant ${tenant} already has a connection named ${name}: choose another name, or see: ledgerbridge connections list ${tenant}`,
        );
      }
      return toConnection(row);
    },

    async list(tenant) {
      const rows = await db.select(publicColumns).from(connections).where(eq(connections.tenantId, tenant)).orderBy(asc(connections.name));
      return rows.map(toConnection);
    },

    get,

    async loadWithCredentials(id) {
      const [row] = await db.select().from(connections).where(eq(connections.id, id));
      if (!row) throw connectionNotFound(id);
      const { credentialsEncrypted, ...rest } = row;
      try {
        return { ...toConnection(rest), credentials: secrets.decrypt(credentialsEncrypted, context(id)) as Credentials };
      } catch (err) {
        if (!(err instanceof SecretUnreadableError)) throw err;
        throw new StoreError(
          'SecretUnreadable',
          `credentials of connection ${id} cannot be decrypted with this LEDGERBRIDGE_SECRET_KEY (${err.reason}): ` +
            `start ledgerbridge with the key they were saved with, or enter them again: ledgerbridge connections update ${rest.tenantId} ${rest.name} --credentials-stdin`,
          { cause: err },
        );
      }
    },

    async update(id, change) {
      const current = await get(id);
      const [row] = await db.transaction(async (tx) => {
        if (change.credentials) await forgetSessions(tx, current);
        return tx.update(connections).set({
          ...(change.settings && { settings: change.settings }),
          ...(change.credentials && { credentialsEncrypted: secrets.encrypt(change.credentials, context(id)) }),
          // A new check is due: the last one tested what was there before.
          lastCheck: null,
          updatedAt: sql`now()`,
        }).where(eq(connections.id, id)).returning(publicColumns);
      });
      if (!row) throw connectionNotFound(id);
      return toConnection(row);
    },

    async remove(id) {
      const current = await get(id);
      await db.transaction(async (tx) => {
        await forgetSessions(tx, current);
        await tx.delete(connections).where(eq(connections.id, id));
      });
      return current;
    },

    async recordCheck(id, report) {
      // Not an edit of the connection, so updated_at stays: it tells when settings or credentials last changed.
      const updated = await db
        .update(connections)
        .set({ lastCheck: { ...report, at: new Date().toISOString() } })
        .where(eq(connections.id, id))
        .returning({ id: connections.id });
      if (updated.length === 0) throw connectionNotFound(id);
    },
  };
}

/** Sessions are cached per tenant and system (`24sevenoffice:<tenant>:<identity>`), not per connection. */
async function forgetSessions(db: Db, connection: Connection): Promise<void> {
  await db.delete(externalSessions).where(and(eq(externalSessions.tenantId, connection.tenantId), like(externalSessions.key, `${connection.system}:%`)));
}

function connectionNotFound(id: string): StoreError {
  const tenant = id.includes(':') ? id.slice(0, id.indexOf(':')) : '<tenant>';
  return new StoreError('NotFound', `connection ${id} does not exist: see the connections with: ledgerbridge connections list ${tenant}`);
}

function toConnection(row: Omit<typeof connections.$inferSelect, 'credentialsEncrypted'>): Connection {
  return { ...row, id: row.id as ConnectionId, tenantId: row.tenantId as TenantId };
}

/**
 * The tenant's connection of a system for a flow: the one its settings name (`settingsKey`.source/target), or its
 * only one. Throws naming the tenant, the system and the fix.
 */
export async function connectionOf(repo: ConnectionRepo, tenant: string, system: SystemName, name: string | undefined, settingsKey: string): Promise<string> {
  const all = (await repo.list(tenant)).filter((c) => c.system === system);
  const chosen = name ? all.find((c) => c.name === name || c.id === name) : all.length === 1 ? all[0] : undefined;
  if (!chosen) {
    throw new StoreError('NotFound', name
      ? `tenant ${tenant} has no ${system} connection named ${name}: see ledgerbridge connections list ${tenant}`
      : `tenant ${tenant} has ${all.length} ${system} connections: ${all.length === 0 ? 'add one with' : `name one in the ${settingsKey} settings (source/target) or keep one:`} ledgerbridge connections add ${tenant} --system ${system} …`);
  }
  return chosen.id;
}
