/** Identities: one user × one company (API doc §3). A community user may work in several companies. */
import type { Session } from './session';
import { items, readBool, readString } from './wire';

export interface Identity {
  id: string;
  /** The company (24SevenOffice "client"); its id is a long, kept as text. */
  companyId: string;
  companyName: string;
  userName?: string;
  isCurrent: boolean;
  isDefault: boolean;
  isDisabled: boolean;
}

export async function identities(session: Session): Promise<Identity[]> {
  const res = await session.call('auth', 'GetIdentities');
  return items<Record<string, any>>(res.GetIdentitiesResult, 'Identity').map((i) => identity(i));
}

/** The identity the session works in now. */
export async function currentIdentity(session: Session): Promise<Identity | undefined> {
  const res = await session.call('auth', 'GetIdentity');
  const i = res.GetIdentityResult as Record<string, any> | undefined;
  return i?.Id ? identity(i, true) : undefined;
}

function identity(i: Record<string, any>, current?: boolean): Identity {
  return {
    id: String(i.Id),
    companyId: readString(i.Client?.Id) ?? '',
    companyName: readString(i.Client?.Name) ?? '',
    userName: readString(i.User?.Name),
    isCurrent: current ?? readBool(i.IsCurrent) ?? false,
    isDefault: readBool(i.IsDefault) ?? false,
    isDisabled: readBool(i.IsDisabled) ?? false,
  };
}
