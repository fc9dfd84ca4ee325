/**
 * The SessionStore of connectors/types.ts in the database: a login session (e.g. 24SevenOffice's
 * ASP.NET_SessionId) made by one worker is reused by the others instead of logging in again. A session id is
 * as good as a password while it lives, so it is sealed like credentials.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { SessionStore } from '../../connectors/types';
import type { Db } from '../index';
import { externalSessions } from '../schema';
import { SecretUnreadableError, type SecretBox } from '../secrets';

export function createSessionStore(db: Db, secrets: SecretBox, tenant: string): SessionStore {
  const t = externalSessions;
  const one = (key: string) => and(eq(t.tenantId, tenant), eq(t.key, key));
  const context = (key: string) => `session:${tenant}:${key}`;

  const store: SessionStore = {
    async get(key) {
      const [row] = await db.select({ sealed: t.sessionEncrypted }).from(t).where(one(key));
      if (!row) return undefined;
      try {
        return secrets.decrypt(row.sealed, context(key)) as string;
      } catch (err) {
        if (!(err instanceof SecretUnreadableError)) throw err;
        // Sealed under a previous secret key: a session is only a cache, so forget it and let the connector log in.
        await store.delete(key);
        return undefined;
      }
    },

    async set(key, sessionId) {
      const sealed = secrets.encrypt(sessionId, context(key));
      await db
        .insert(t)
        .values({ tenantId: tenant, key, sessionEncrypted: sealed })
        .onConflictDoUpdate({ target: [t.tenantId, t.key], set: { sessionEncrypted: sealed, updatedAt: sql`now()` } });
    },

    async delete(key) {
      await db.delete(t).where(one(key));
    },
  };
  return store;
}
