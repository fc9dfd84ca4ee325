/**
 * Users, sessions and books, with the session rules of §3: a session id per Login, sent back as the cookie
 * ASP.NET_SessionId; one session serves every service; the identity (company) is switchable per session;
 * sessions expire after an idle timeout [INFERRED: ASP.NET sliding expiry, 20 minutes by default].
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { refill } from '../shared/stateFile';
import { emptyBooks, seedBooks, seedTypeGroups } from './seed';
import type { Books, IdentityRecord, SessionRecord, Stats, UserRecord } from './state';

export interface NewIdentity {
  id?: string;
  clientId: number;
  clientName: string;
  blocked?: boolean;
  isDefault?: boolean;
}

export interface NewUser {
  applicationId: string;
  username: string;
  password: string;
  name?: string;
  identities: NewIdentity[];
}

/** A SOAP call as it arrives, and once it has taken effect but before its answer leaves. */
export type CallPhase = 'received' | 'handled';
export type CallWatcher = (operation: string, phase: CallPhase) => void;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class Store {
  readonly users = new Map<string, UserRecord>();
  readonly sessions = new Map<string, SessionRecord>();
  readonly books = new Map<number, Books>();
  readonly stats: Stats = { logins: 0, calls: {} };
  /** In-process tests that must act at an exact moment of a call (e.g. kill the caller) watch it here. */
  readonly watchers = new Set<CallWatcher>();
  private nextContactId = 1;

  constructor(
    readonly now: () => Date,
    public sessionIdleMs: number,
  ) {}

  addUser(input: NewUser): UserRecord {
    if (!GUID.test(input.applicationId ?? '')) throw new Error('applicationId must be a GUID');
    if (!input.username || !input.password) throw new Error('username and password are required');
    if (!Array.isArray(input.identities) || input.identities.length === 0) throw new Error('at least one identity is required');
    const identities: IdentityRecord[] = input.identities.map((i, index) => {
      if (!Number.isInteger(i.clientId) || i.clientId <= 0) throw new Error('identity clientId must be a positive integer');
      if (i.id !== undefined && !GUID.test(i.id)) throw new Error(`identity id ${i.id} is not a GUID`);
      return { id: (i.id ?? randomUUID()).toLowerCase(), clientId: i.clientId, clientName: i.clientName || `Client ${i.clientId}`, blocked: i.blocked === true, isDefault: i.isDefault ?? index === 0 };
    });
    for (const identity of identities) this.ensureBooks(identity.clientId, identity.clientName);
    const user: UserRecord = {
      applicationId: input.applicationId.toLowerCase(),
      username: input.username,
      password: input.password,
      userGuid: randomUUID(),
      contactId: this.nextContactId++,
      name: input.name ?? input.username,
      identities,
    };
    this.users.set(input.username.toLowerCase(), user);
    return user;
  }

  /** Books of a client company, created and seeded on first use. */
  ensureBooks(clientId: number, name: string): Books {
    let books = this.books.get(clientId);
    if (!books) {
      books = emptyBooks(clientId, name);
      seedBooks(books, this.now());
      this.books.set(clientId, books);
    }
    return books;
  }

  user(username: string | undefined): UserRecord | undefined {
    return username ? this.users.get(username.toLowerCase()) : undefined;
  }

  /** ASP.NET session ids: 24 characters of [a-z0-5]. */
  createSession(user: UserRecord, identity: IdentityRecord): SessionRecord {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz012345';
    const id = Array.from(randomBytes(24), (b) => alphabet[b % 32]).join('');
    const session: SessionRecord = { id, username: user.username, identityId: identity.id, lastSeenMs: this.now().getTime() };
    this.sessions.set(id, session);
    return session;
  }

  /** The live session for a cookie value; an idle-expired one is dropped. Touching slides the expiry. */
  session(id: string | undefined, touch = true): SessionRecord | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const now = this.now().getTime();
    if (now - session.lastSeenMs > this.sessionIdleMs) {
      this.sessions.delete(id);
      return undefined;
    }
    if (touch) session.lastSeenMs = now;
    return session;
  }

  /** Expires one session, or all of them. Returns how many. */
  expireSessions(id?: string): number {
    if (id !== undefined) return this.sessions.delete(id) ? 1 : 0;
    const n = this.sessions.size;
    this.sessions.clear();
    return n;
  }

  count(operation: string): void {
    this.stats.calls[operation] = (this.stats.calls[operation] ?? 0) + 1;
  }

  notify(operation: string, phase: CallPhase): void {
    for (const watcher of this.watchers) watcher(operation, phase);
  }

  /** Everything a restart must keep (users, sessions, books, counters); faults and rate windows are not kept. */
  snapshot(): StoreState {
    return { users: this.users, sessions: this.sessions, books: this.books, stats: this.stats, nextContactId: this.nextContactId };
  }

  restore(state: StoreState): void {
    refill(this.users, state.users);
    refill(this.sessions, state.sessions);
    refill(this.books, state.books);
    // State saved before journal numbers could go unchecked: the sandbox's default, checked.
    for (const books of this.books.values()) books.journalChecksNumbers ??= true;
    // State saved before type groups: the seeded ones.
    for (const books of this.books.values()) {
      books.typeGroups ??= seedTypeGroups(books.accounts);
      books.next.typeGroup ??= Math.max(0, ...books.typeGroups.map((g) => g.Id)) + 1;
    }
    Object.assign(this.stats, state.stats);
    this.nextContactId = state.nextContactId;
  }
}

export interface StoreState {
  users: Map<string, UserRecord>;
  sessions: Map<string, SessionRecord>;
  books: Map<number, Books>;
  stats: Stats;
  nextContactId: number;
}
