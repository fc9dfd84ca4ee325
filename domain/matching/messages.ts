/**
 * What the cascade says: the warnings a result carries and the one-sentence note of each rule's verdict. One
 * wording for the indexed cascade and its naive reference, so their outputs compare equal, text included.
 */
import { formatMinor, type Minor } from '../money';
import type { MatchOrder, MatchTransaction, Rule } from './types';

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
  /** A match's notes name no PO: the result's `po` is the one, and a rule's one verdict serves every match. */
  poFieldNames: 'the PO field names the matched PO',
  noPoInDescription: 'the description names no PO number',
  severalInDescription: (numbers: readonly string[]) => `the description names ${numbers.length} different PO numbers (${numbers.join(', ')}), so it points at none`,
  descriptionNames: 'the description names the matched PO',
  noProject: 'the transaction has no project',
  /** Notes without the transaction's own data (show prints it beside them), so one text serves every transaction. */
  projectCount: (count: number) => count === 0 ? 'no open PO of the supplier in this currency has the project'
    : count === 1 ? 'the only open PO of the supplier in this currency with the project' : `${count} open POs of the supplier in this currency have the project`,
  creditNoteByAmount: 'a credit note is matched by PO number or project, never by amount',
  amountCount: (count: number, window: string) => count === 0 ? `no open PO of the supplier in this currency has an open amount ${window} of the transaction's`
    : count === 1 ? `the only open PO of the supplier in this currency with an open amount ${window} of the transaction's`
      : `${count} open POs of the supplier in this currency have an open amount ${window} of the transaction's`,
  percentWindow: (percent: number) => `within ${percent} %`,
  absoluteWindow: (tolerance: Minor) => `within ${formatMinor(tolerance)}`,
};

/** The amount criteria's window in words: "within 10 %", "within 500.00". */
export const windowText = (rule: Extract<Rule, { name: 'amount-percent' | 'amount-absolute' }>) =>
  rule.name === 'amount-percent' ? note.percentWindow(rule.percent) : note.absoluteWindow(rule.tolerance);

/** A rule's note when it found one PO alone. */
export function matchedNote(rule: Rule): string {
  switch (rule.name) {
    case 'po-field': return note.poFieldNames;
    case 'po-description': return note.descriptionNames;
    case 'supplier-project': return note.projectCount(1);
    default: return note.amountCount(1, windowText(rule));
  }
}
