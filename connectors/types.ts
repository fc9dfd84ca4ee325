/**
 * What every connector shares: the context it runs in (tenant, session cache, request budget, log) and the
 * report of its check(), the "test integration" button. Connectors import nothing else of ours but helpers in
 * connectors/shared.
 */
import type { ZodType } from 'zod';
import type { Logger } from '../platform/log';

export type SystemName = '24sevenoffice' | 'telaris' | 'duell' | 'severa' | 'talenom' | 'costtracker' | 'rackbeat';

export interface CheckItem {
  /** What was checked, e.g. "login", "identity", "account 3000". */
  name: string;
  ok: boolean;
  /** One sentence for an operator: what was found, and the fix when not ok. */
  detail: string;
}

export interface CheckReport {
  system: SystemName;
  ok: boolean;
  items: CheckItem[];
}

/** Remembers external sessions (e.g. 24SevenOffice's ASP.NET_SessionId) so workers reuse them instead of logging in again. */
export interface SessionStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, sessionId: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/**
 * A per-tenant request budget shared by all workers (db/repos/requestBudget.ts): take() before every request
 * waits for the request's turn at the system's pace, or throws a RateLimited ConnectorError carrying the time it
 * may be tried again (an hourly or daily quota spent, a quarantine).
 */
export interface RequestBudget {
  take(system: SystemName, requests?: number): Promise<void>;
  /** The external system said "blocked until": every worker of the tenant waits until then. */
  quarantine(system: SystemName, until: Date, reason: string): Promise<void>;
}

export interface ConnectorContext {
  tenant: string;
  sessions: SessionStore;
  budget: RequestBudget;
  log: Logger;
}

export interface Connector {
  check(): Promise<CheckReport>;
}

export function memorySessionStore(): SessionStore {
  const sessions = new Map<string, string>();
  return {
    async get(key) { return sessions.get(key); },
    async set(key, sessionId) { sessions.set(key, sessionId); },
    async delete(key) { sessions.delete(key); },
  };
}

/** A budget that never refuses: for tools and tests that exercise the external system's own limits. */
export const unlimitedBudget: RequestBudget = {
  async take() {},
  async quarantine() {},
};

/**
 * A system's connector as the platform sees it (Airbyte-style): the schemas of its stored settings and
 * credentials, and a factory. The platform validates a connection row with the schemas before create().
 */
export interface ConnectorDefinition<Settings = any, Credentials = any, C extends Connector = Connector> {
  system: SystemName;
  settingsSchema: ZodType<Settings, any>;
  credentialsSchema: ZodType<Credentials, any>;
  create(config: { settings: Settings; credentials: Credentials }, ctx: ConnectorContext): C;
}
