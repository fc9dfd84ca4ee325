/** Chart of accounts, VAT codes, voucher types and voucher numbering (AccountService V004, API doc §4). */
import { ConnectorError } from '../errors';
import type { Session } from './session';
import { items, readNumber, readString, wireDate } from './wire';

export interface Account {
  id?: number;
  accountNo: number;
  name: string;
  /** Default VAT code number on the account, when set. */
  taxNo?: number;
}

export interface TaxCode {
  id: number;
  /** The number entries carry in Entry.TaxNo (a string on the wire). */
  taxNo: string;
  name: string;
  /** Percent, e.g. 25. */
  rate: number;
  /** The VAT account the code posts to. */
  accountNo?: number;
}

/** A voucher type ("bilagsart"). `typeNo` is what bundles and vouchers carry as Sort; `entrySeriesId` numbers them. */
export interface VoucherType {
  id: number;
  typeNo: number;
  title: string;
  entrySeriesId: number;
}

export async function accounts(session: Session): Promise<Account[]> {
  const res = await session.call('account', 'GetAccountList');
  return items<Record<string, unknown>>(res.GetAccountListResult, 'AccountData').map((a) => ({
    id: readNumber(a.AccountId),
    accountNo: readNumber(a.AccountNo) ?? 0,
    name: readString(a.AccountName) ?? '',
    taxNo: readNumber(a.TaxNo),
  }));
}

export async function taxCodes(session: Session): Promise<TaxCode[]> {
  const res = await session.call('account', 'GetTaxCodeList');
  return items<Record<string, unknown>>(res.GetTaxCodeListResult, 'TaxCodeElement').map((t) => ({
    id: readNumber(t.TaxId) ?? 0,
    taxNo: readString(t.TaxNo) ?? '',
    name: readString(t.TaxName) ?? '',
    rate: readNumber(t.TaxRate) ?? 0,
    accountNo: readNumber(t.AccountNo),
  }));
}

export async function voucherTypes(session: Session): Promise<VoucherType[]> {
  const res = await session.call('account', 'GetTypeList');
  return items<Record<string, unknown>>(res.GetTypeListResult, 'TypeData').map((t) => ({
    id: readNumber(t.TypeId) ?? 0,
    typeNo: readNumber(t.TypeNo) ?? 0,
    title: readString(t.Title) ?? '',
    entrySeriesId: readNumber(t.EntrySeriesId) ?? 0,
  }));
}

/**
 * The next free voucher number in an entry series for the fiscal year of `date` (GetEntryId with EntryNo=0, §4
 * Numbering). It is NOT reserved: two writers can get the same number, and the second save answers DuplicateData.
 */
export async function nextTransactionNo(session: Session, q: { date: string; entrySeriesId: number }): Promise<number> {
  const res = await session.call('account', 'GetEntryId', {
    argEntryId: { Date: wireDate(q.date, 'nextTransactionNo date'), SortNo: q.entrySeriesId, EntryNo: 0 },
  });
  const entryNo = readNumber((res.GetEntryIdResult as Record<string, unknown> | undefined)?.EntryNo);
  if (entryNo === undefined || entryNo <= 0) {
    throw new ConnectorError('MalformedResponse', `GetEntryId for tenant ${session.tenant} gave no number for entry series ${q.entrySeriesId} on ${q.date}; ` +
      'check that the series and the fiscal year exist');
  }
  return entryNo;
}
