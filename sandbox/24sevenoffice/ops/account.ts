/** AccountService V004 (§4): accounts, VAT codes, voucher types, next voucher number, SaveBundleList. */
import { anotherWriterTakes, checkBundleList, outcome, toLedger, usedNumbers } from '../bundles';
import { SoapFault } from '../envelope';
import type { Row } from '../state';
import { requireCaller, type OpHandler } from './context';

export const accountOps: Record<string, OpHandler> = {
  GetAccountList(ctx) {
    return requireCaller(ctx).books.accounts.map((a) => ({ ...a }));
  },

  GetTaxCodeList(ctx) {
    return requireCaller(ctx).books.taxCodes.map((t) => ({ ...t }));
  },

  GetTypeList(ctx) {
    return requireCaller(ctx).books.voucherTypes.map(({ TypeId, Title, EntrySeriesId, TypeNo }) => ({ TypeId, Title, EntrySeriesId, TypeNo }));
  },

  /**
   * Next number in an entry series (SortNo = EntrySeriesId) for the year of Date: the highest TransactionNo
   * used (ledger or unposted journal) + 1, at least the series' first number. Not reserved (§4).
   */
  GetEntryId(ctx, args) {
    const { books } = requireCaller(ctx);
    const arg = (args.argEntryId ?? {}) as Row;
    const seriesId = (arg.SortNo as number | undefined) ?? 0;
    const type = books.voucherTypes.find((t) => t.EntrySeriesId === seriesId);
    if (!type) throw new SoapFault(`The entry series ${seriesId} (SortNo) does not exist`); // [INFERRED] text
    const date = typeof arg.Date === 'string' ? arg.Date : ctx.now.toISOString().slice(0, 19);
    const year = Number(date.slice(0, 4));
    const used = usedNumbers(books, seriesId, year);
    const entryNo = Math.max(type.seriesStart, ...used.map((n) => n + 1));
    return { Date: date, SortNo: seriesId, EntryNo: entryNo };
  },

  /** SaveOption 0 → ledger now; 1 (the default) → unposted journal, invisible to GetTransactions until posted. */
  SaveBundleList(ctx, args) {
    const { books } = requireCaller(ctx);
    // A missing or mis-cased <BundleList> arrives as null (§2); the service then dereferences null.
    const list = args.BundleList as Row | undefined;
    if (!list) throw new SoapFault('Object reference not set to an instance of an object.');
    const saveOption = (list.SaveOption as number | undefined) ?? 1;
    if (saveOption !== 0 && saveOption !== 1) return { Type: 'NotSaved', Description: `SaveOption ${saveOption} is not supported (0 = ledger, 1 = journal)` };
    if (ctx.anotherWriterFirst) anotherWriterTakes(books, list, saveOption, ctx.now);
    const checked = checkBundleList(books, list, saveOption);
    const result = outcome(checked);
    if (result.Type !== 'Ok') return result;

    const bundles = (list.Bundles as Array<Row | null>).filter((b): b is Row => b !== null);
    if (saveOption === 0) {
      for (const { voucher } of checked.vouchers) books.ledger.push(...toLedger(voucher, ctx.now));
    } else {
      bundles.forEach((bundle, index) => {
        books.journal.push({
          id: books.next.bundle++,
          name: (bundle.Name as string | undefined) || undefined,
          yearId: bundle.YearId as number,
          savedAt: ctx.now.toISOString(),
          vouchers: checked.vouchers.filter((v) => v.bundleIndex === index).map((v) => v.voucher),
          posted: false,
        });
      });
    }
    return result;
  },
};
