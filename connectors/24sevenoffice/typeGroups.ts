/**
 * Type groups (sales and purchase types, "previously known as TypeGroup"): ClientService GetTypeGroupList, read-only
 * in SOAP (API doc §6). Each names the account a sale or purchase of its kind is booked on, by the account's
 * AccountId (GetAccountList), not its number.
 */
import type { Session } from './session';
import { items, readNumber, readString } from './wire';

export type TypeGroupModule = 'All' | 'Sale' | 'Purchase';

export interface TypeGroup {
  id: number;
  accountId: number;
  name: string;
}

export async function typeGroups(session: Session, module: TypeGroupModule): Promise<TypeGroup[]> {
  const res = await session.call('client', 'GetTypeGroupList', { module });
  return items<Record<string, unknown>>(res.GetTypeGroupListResult, 'AccountingGroup').map((g) => ({
    id: readNumber(g.Id) ?? 0,
    accountId: readNumber(g.AccountId) ?? 0,
    name: readString(g.Name) ?? '',
  }));
}
