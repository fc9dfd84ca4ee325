/** Tenants: one customer company each, with the flow settings its workflows read (posting mode, schedules …). */
import { asc, eq } from 'drizzle-orm';
import { tenantId, type TenantId } from '../../domain/ids';
import { StoreError } from '../errors';
import type { Db } from '../index';
import { tenants, type TenantSettings } from '../schema';

export interface Tenant {
  id: TenantId;
  name: string;
  settings: TenantSettings;
  createdAt: Date;
}

export interface TenantRepo {
  /** Throws AlreadyExists when the id is taken, and a plain Error when the id is not a valid tenant id. */
  add(tenant: { id: string; name: string; settings?: TenantSettings }): Promise<Tenant>;
  list(): Promise<Tenant[]>;
  find(id: string): Promise<Tenant | undefined>;
  /** Throws NotFound naming the tenant and how to see the existing ones. */
  get(id: string): Promise<Tenant>;
  /** Shallow merge: keys in `patch` replace the stored ones, keys set to null are removed. */
  updateSettings(id: string, patch: TenantSettings): Promise<Tenant>;
}

export function tenantNotFound(id: string): StoreError {
  return new StoreError('NotFound', `tenant ${id} does not exist: see the tenants with: ledgerbridge tenants list`);
}

export function createTenantRepo(db: Db): TenantRepo {
  const find = async (id: string) => {
    const [row] = await db.select().from(tenants).where(eq(tenants.id, id));
    return row && toTenant(row);
  };
  const get = async (id: string) => {
    const tenant = await find(id);
    if (!tenant) throw tenantNotFound(id);
    return tenant;
  };

  return {
    async add({ id, name, settings = {} }) {
      const [row] = await db
        .insert(tenants)
        .values({ id: tenantId(id), name, settings })
        .onConflictDoNothing()
        .returning();
      if (!row) {
        throw new StoreError('AlreadyExists', `tenant ${id} already exists: choose another id, or see: ledgerbridge tenants list`);
      }
      return toTenant(row);
    },

    async list() {
      return (await db.select().from(tenants).orderBy(asc(tenants.id))).map(toTenant);
    },

    find,
    get,

    async updateSettings(id, patch) {
      // Read-modify-write under a row lock: two operators changing different keys must both win.
      return db.transaction(async (tx) => {
        const [current] = await tx.select().from(tenants).where(eq(tenants.id, id)).for('update');
        if (!current) throw tenantNotFound(id);
        const settings: TenantSettings = { ...current.settings };
        for (const [key, value] of Object.entries(patch)) {
          if (value === null) delete settings[key];
          else settings[key] = value;
        }
        const [row] = await tx.update(tenants).set({ settings }).where(eq(tenants.id, id)).returning();
        return toTenant(row!);
      });
    },
  };
}

function toTenant(row: typeof tenants.$inferSelect): Tenant {
  return { ...row, id: row.id as TenantId };
}
