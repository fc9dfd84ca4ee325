/** Fiscal years and whether they are locked (TransactionService GetFiscalYears, API doc §5). */
import type { Session } from './session';
import { items, readBool, readDate, readString } from './wire';

export interface FiscalYear {
  id: string;
  /** The calendar year it starts in, e.g. 2026: what Bundle.YearId names. */
  year: number;
  /** YYYY-MM-DD, inclusive. */
  startingDate: string;
  /** YYYY-MM-DD, exclusive ("StartingDate >= [FiscalYear] < EndingDate"). */
  endingDate: string;
  locked: boolean;
}

export async function fiscalYears(session: Session): Promise<FiscalYear[]> {
  const res = await session.call('transaction', 'GetFiscalYears');
  return items<Record<string, unknown>>(res.GetFiscalYearsResult, 'FiscalYear').map((y) => {
    const startingDate = readDate(y.StartingDate) ?? '';
    return {
      id: readString(y.Id) ?? '',
      year: Number(startingDate.slice(0, 4)),
      startingDate,
      endingDate: readDate(y.EndingDate) ?? '',
      locked: readBool(y.IsLocked) ?? false,
    };
  });
}
