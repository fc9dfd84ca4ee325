/**
 * What the cascade says: the warnings a result carries and the one-sentence note of each rule's verdict. One
 * wording for the indexed cascade and its naive reference, so their outputs compare equal, text included.
 */
import { formatMinor, type Minor } from '../money';
import type { MatchOrder, MatchTransaction } from './types';

export const warn = {
  noSupplier: () => 'transaction has no supplier',
  unknownPoField: (field: string) => `the PO field "${field}" names no purchase order`,
  closed: (po: string) => `PO ${po} is closed`,
  otherSupplier: (po: MatchOrder) => `PO ${po.number} belongs to another supplier (${po.supplier})`,
  otherCurrency: (po: MatchOrder, tx: MatchTransaction) => `PO ${po.number} is in ${po.currency}, the transaction in ${tx.currency}`,
  beyondOpen: (po: string, open: number, amount: Minor) =>
    `PO ${po} has ${formatMinor(open)} open, less than the transaction's ${formatMinor(amount)}`,
  creditBeyondInvoiced: (po: string, invoiced: number, amount: Minor) =>
    `credit note of ${formatMinor(-amount)} is larger than the ${formatMinor(invoiced)} invoiced on PO ${po}`,
  duplicateNumber: (numbers: readonly string[]) => `PO number ${numbers[0]} is held by ${numbers.length} purchase orders`,
};

/** For CascadeOutput.orderWarnings: a problem in the PO set itself. */
export const duplicateOrderWarning = (holders: readonly MatchOrder[]) =>
  `${warn.duplicateNumber(holders.map((h) => h.number))} (suppliers ${holders.map((h) => h.supplier).join(', ')}): ` +
  'the PO-number criteria cannot tell them apart; renumber one in CostTracker';

export const note = {
  notTried: 'an earlier criterion matched',
  noSupplier: 'the transaction has no supplier, and every criterion needs one',
  emptyPoField: 'the PO field is empty',
  poFieldNames: (po: string) => `the PO field names PO ${po}`,
  noPoInDescription: 'the description names no PO number',
  severalInDescription: (numbers: readonly string[]) => `the description names ${numbers.length} different PO numbers (${numbers.join(', ')}), so it points at none`,
  descriptionNames: (po: string) => `the description names PO ${po}`,
  noProject: 'the transaction has no project',
  projectCount: (count: number, tx: MatchTransaction) =>
    `${count === 0 ? 'no' : count} open PO${count === 1 ? '' : 's'} of supplier ${tx.supplier} in ${tx.currency} ${count === 1 ? 'has' : 'have'} project ${tx.project}`,
  creditNoteByAmount: 'a credit note is matched by PO number or project, never by amount',
  amountCount: (count: number, tx: MatchTransaction, window: string) =>
    `${count === 0 ? 'no' : count} open PO${count === 1 ? '' : 's'} of supplier ${tx.supplier} in ${tx.currency} ${count === 1 ? 'has' : 'have'} an open amount ${window} of ${formatMinor(tx.amount)}`,
  percentWindow: (percent: number) => `within ${percent} %`,
  absoluteWindow: (tolerance: Minor) => `within ${formatMinor(tolerance)}`,
};
