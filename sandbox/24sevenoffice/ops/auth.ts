/**
 * Authenticate service (§3). Login returns the session id (also set as the ASP.NET_SessionId cookie) or an
 * empty LoginResult on bad credentials; IdentityId picks the company; identities are switchable per session.
 */
import { SoapFault } from '../envelope';
import type { IdentityRecord, UserRecord } from '../state';
import type { Store } from '../store';
import { requireCaller, type OpContext, type OpHandler } from './context';

const AVAILABLE = 'Please use GetIdentitiesWithCredential to get a list of available Identities and reauthenticate with a valid IdentityId';

/** The user for a Credential, or undefined (wrong password, unknown user or foreign ApplicationId). */
function authenticate(store: Store, credential: unknown): UserRecord | undefined {
  const c = (credential ?? {}) as Record<string, unknown>;
  const user = store.user(typeof c.Username === 'string' ? c.Username : undefined);
  if (!user || c.Password !== user.password) return undefined;
  if (typeof c.ApplicationId !== 'string' || c.ApplicationId.toLowerCase() !== user.applicationId) return undefined;
  return user;
}

function identityRow(user: UserRecord, identity: IdentityRecord, currentId?: string) {
  return {
    Id: identity.id,
    User: { ContactId: user.contactId, Id: user.userGuid, Name: user.name, EmployeeId: user.contactId },
    Client: { Id: identity.clientId, Name: identity.clientName },
    IsCurrent: identity.id === currentId,
    IsDefault: identity.isDefault,
    IsProtected: false,
    Servers: [],
    IsDisabled: identity.blocked,
  };
}

export const authOps: Record<string, OpHandler> = {
  Login(ctx: OpContext, args) {
    const user = authenticate(ctx.store, args.credential);
    if (!user) return ''; // "otherwise an empty string"
    ctx.store.stats.logins += 1;
    const wanted = ((args.credential as Record<string, unknown>).IdentityId as string | undefined)?.toLowerCase();
    let identity: IdentityRecord | undefined;
    if (wanted) {
      identity = user.identities.find((i) => i.id === wanted);
      if (!identity) throw new SoapFault(`The provided IdentityId is not valid. ${AVAILABLE}`); // [INFERRED] text
      if (identity.blocked) throw new SoapFault(`The provided IdentityId is blocked. ${AVAILABLE}`);
    } else {
      identity = user.identities.find((i) => i.isDefault && !i.blocked) ?? user.identities.find((i) => !i.blocked);
      if (!identity) throw new SoapFault(`The provided IdentityId is blocked. ${AVAILABLE}`);
    }
    const session = ctx.store.createSession(user, identity);
    ctx.newSessionId = session.id;
    return session.id;
  },

  HasSession(ctx) {
    return ctx.session !== undefined;
  },

  GetIdentity(ctx) {
    const { user, identity } = requireCaller(ctx);
    return identityRow(user, identity, identity.id);
  },

  GetIdentities(ctx) {
    const { user, identity } = requireCaller(ctx);
    return user.identities.map((i) => identityRow(user, i, identity.id));
  },

  SetIdentityById(ctx, args) {
    const { user, session } = requireCaller(ctx);
    const target = user.identities.find((i) => i.id === args.identityId);
    if (!target || target.blocked) return false;
    session.identityId = target.id;
    return true;
  },

  /** No session needed. [INFERRED] bad credentials give an empty list, not a fault. */
  GetIdentitiesWithCredential(ctx, args) {
    const user = authenticate(ctx.store, args.credential);
    return user ? user.identities.map((i) => identityRow(user, i)) : [];
  },
};
