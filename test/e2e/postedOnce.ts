/**
 * "Nothing lost, nothing posted twice", read from 24SevenOffice's ledger against what the batch staged: every
 * staged voucher's transaction number is in the ledger with exactly the staged amounts (a second posting under
 * the same number would double its lines), and the ledger gained no other numbers.
 */
import { createBatchRepo } from '../../db/repos';
import type { BatchStage } from './batchHarness';

export interface LedgerComparison {
  /** Staged vouchers whose number the ledger does not hold. */
  missing: number[];
  /** Numbers the ledger gained that the batch did not stage (a voucher posted again under a new number). */
  extra: number[];
  /** Staged vouchers whose ledger lines differ from the staged lines (doubled, partial, other amounts). */
  differing: { transactionNo: number; staged: number[]; ledger: number[] }[];
}

export interface StagedVoucher {
  transactionNo: number;
  /** The amounts of its lines, minor units, in ascending order. */
  amounts: number[];
}

type Ledger = ReturnType<BatchStage['ledger']>;

/** The batch's vouchers as staged, with the transaction numbers drawn for them. */
export async function stagedVouchers(stage: BatchStage, batchId: string): Promise<StagedVoucher[]> {
  const rows = await createBatchRepo(stage.db).vouchers(stage.tenant, batchId);
  return rows.map((row) => {
    if (row.transactionNo === null) throw new Error(`voucher ${row.sourceId} of batch ${batchId} was never numbered`);
    return { transactionNo: row.transactionNo, amounts: sorted(row.document.lines.map((l) => l.amount)) };
  });
}

/** What differs between the ledger and the staged vouchers; `before` is the ledger before the export began. */
export function compareWithLedger(staged: StagedVoucher[], ledger: Ledger, before: ReadonlyMap<number, unknown>): LedgerComparison {
  const numbers = new Set(staged.map((v) => v.transactionNo));
  const differing: LedgerComparison['differing'] = [];
  for (const voucher of staged) {
    const lines = ledger.get(voucher.transactionNo);
    if (!lines) continue;
    const amounts = sorted(lines.map((l) => l.amount));
    if (amounts.join() !== voucher.amounts.join()) differing.push({ transactionNo: voucher.transactionNo, staged: voucher.amounts, ledger: amounts });
  }
  return {
    missing: staged.map((v) => v.transactionNo).filter((no) => !ledger.has(no)),
    extra: [...ledger.keys()].filter((no) => !before.has(no) && !numbers.has(no)),
    differing,
  };
}

/** Asserts the batch of `count` vouchers is in the ledger exactly once; one diff on failure, not hundreds. */
export async function expectPostedOnce(stage: BatchStage, batchId: string, before: ReadonlyMap<number, unknown>, count: number): Promise<void> {
  const staged = await stagedVouchers(stage, batchId);
  expect(staged).toHaveLength(count);
  expect(compareWithLedger(staged, stage.ledger(), before)).toEqual({ missing: [], extra: [], differing: [] });
}

const sorted = (amounts: number[]) => [...amounts].sort((a, b) => a - b);
