/**
 * What an operation handler sees: the store, the clock, and the caller's session (resolved from the
 * ASP.NET_SessionId cookie before the call). Handlers return the `…Result` value (or undefined for void
 * operations) and throw SoapFault for faults.
 */
import { SoapFault } from '../envelope';
import type { Store } from '../store';
import type { Books, IdentityRecord, Row, SessionRecord, UserRecord } from '../state';

export interface OpContext {
  store: Store;
  now: Date;
  session?: SessionRecord;
  /** set by Login: the server adds Set-Cookie: ASP.NET_SessionId=… */
  newSessionId?: string;
  /** The 'numbersTaken' fault: another writer saves vouchers under this call's TransactionNos first. */
  anotherWriterFirst?: boolean;
}

export type OpHandler = (ctx: OpContext, args: Record<string, unknown>) => unknown;

/**
 * The fault for a call without a (live) session. [INFERRED] text: undocumented (§3); it carries the phrase
 * Rackbeat re-authenticates on ("Client is not authenticated on this identity") and "not authenticated".
 */
export const NOT_AUTHENTICATED =
  'Client is not authenticated on this identity. You are not authenticated: log in with https://api.24sevenoffice.com/authenticate/v001/authenticate.asmx?wsdl and send the session as the cookie ASP.NET_SessionId.';

export interface Caller {
  session: SessionRecord;
  user: UserRecord;
  identity: IdentityRecord;
  books: Books;
}

export function requireCaller(ctx: OpContext): Caller {
  const session = ctx.session;
  const user = session && ctx.store.user(session.username);
  const identity = user?.identities.find((i) => i.id === session!.identityId);
  const books = identity && ctx.store.books.get(identity.clientId);
  if (!session || !user || !identity || !books) throw new SoapFault(NOT_AUTHENTICATED);
  if (identity.blocked) throw new SoapFault('The provided IdentityId is blocked');
  return { session, user, identity, books };
}

export const iso = (d: Date): string => d.toISOString();

/** Treats a dateTime text without offset as UTC (the API speaks UTC, §11). */
export function timeMs(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text);
  const ms = Date.parse(hasZone ? text : `${text.length === 10 ? `${text}T00:00:00` : text}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Keeps only the named properties (plus always-present ones); `returnProperties` semantics of §7. */
export function pick(row: Row, properties: unknown, always: string[] = []): Row {
  const names = new Set([...(Array.isArray(properties) ? properties.filter((p): p is string => typeof p === 'string') : []), ...always]);
  return Object.fromEntries(Object.entries(row).filter(([k]) => names.has(k)));
}

/** A positive id or undefined (0 and sentinels mean "not set"). */
export function idOf(v: unknown): number | undefined {
  return typeof v === 'number' && v > 0 ? v : undefined;
}
