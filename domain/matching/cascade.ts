/**
 * The matching cascade: each transaction, in date then id order, is tried against the user's criteria in their
 * order; the first criterion that finds exactly one purchase order wins and the transaction consumes it (a credit
 * note gives back). Pure, and fast on a mid-size customer's year (indexes in orderIndex.ts, never a scan of
 * every PO per transaction). The same semantics, written as plain loops, is naiveCascade.ts: the tests' oracle.
 *
 * - A candidate is not closed, in the transaction's currency and of its supplier (a transaction with no supplier
 *   matches nothing). The PO-number criteria name one PO; when it fails a condition the criterion does not
 *   match, the cascade goes on, and the result carries a warning naming the PO. A number held by several POs is
 *   "several" for them (and an order warning).
 * - po-field, po-description and supplier-project never take a PO past its open amount (an invoice larger than
 *   what is open is not matched, with a warning naming the open amount), nor a credit note past what was
 *   invoiced on it. The amount criteria take what their tolerance says, on either side; they match invoices
 *   only, and only POs with something open.
 * - Outcomes: auto-matched (the winning rule's text), ambiguous (no rule matched, one at least found several:
 *   all of those candidates, in rule order), unmatched.
 * - Fixed matches (by hand, or kept from earlier runs) get no result; in their place in the order they consume
 *   the PO they name, when the PO set holds that number exactly once.
 */
import type { Minor } from '../money';
import { note, warn, duplicateOrderWarning } from './messages';
import { OrderIndex } from './orderIndex';
import { descriptionKeys, poKey } from './poNumbers';
import { ruleText } from './rules';
import { amountWindow, withinWindow } from './tolerance';
import type { CascadeInput, CascadeOutput, MatchResult, MatchTransaction, Rule, RuleVerdict } from './types';

export function runCascade(input: CascadeInput): CascadeOutput {
  const prefix = input.prefix ?? '';
  const index = new OrderIndex(input.orders, prefix);
  const rules = input.rules.map(prepare);
  const fixed = new Map((input.fixed ?? []).map((f) => [f.transaction, f.po]));
  const results: MatchResult[] = [];
  const counts = { 'auto-matched': 0, ambiguous: 0, unmatched: 0 };

  for (const tx of inMatchingOrder(input.transactions)) {
    if (fixed.has(tx.id)) {
      const po = fixed.get(tx.id);
      const holders = po === undefined ? NOTHING : index.holders(poKey(po, prefix));
      if (holders.length === 1) index.consume(holders[0]!, tx.amount);
      continue;
    }
    const result = matchOne(tx, rules, index);
    counts[result.outcome]++;
    results.push(result);
  }
  const orderWarnings = index.duplicates().map((holders) => duplicateOrderWarning(holders.map((i) => input.orders[i]!)));
  return { results, counts, orderWarnings };
}

/** Date, then id (as text). Input already in that order (the database's ORDER BY) is not sorted again. */
export function inMatchingOrder(transactions: readonly MatchTransaction[]): readonly MatchTransaction[] {
  let sorted = true;
  for (let i = 1; i < transactions.length && sorted; i++) {
    const a = transactions[i - 1]!;
    const b = transactions[i]!;
    sorted = a.date < b.date || (a.date === b.date && a.id <= b.id);
  }
  if (sorted) return transactions;
  // A year has few dates: group by date, then sort each day by id (fewer string comparisons than one big sort).
  const byDate = new Map<string, MatchTransaction[]>();
  for (const tx of transactions) {
    const day = byDate.get(tx.date);
    if (day) day.push(tx);
    else byDate.set(tx.date, [tx]);
  }
  const ordered: MatchTransaction[] = [];
  for (const date of [...byDate.keys()].sort()) {
    for (const tx of byDate.get(date)!.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) ordered.push(tx);
  }
  return ordered;
}

/** A rule with the verdicts every transaction shares, built once: most verdicts are "none" for a reason that names nothing. */
interface PreparedRule {
  rule: Rule;
  text: string;
  notTried: RuleVerdict;
  noSupplier: RuleVerdict;
  /** No candidate at all (supplier-project and the amount criteria). */
  nothing: Finding;
  shared: Map<string, RuleVerdict>;
}

function prepare(rule: Rule): PreparedRule {
  const text = ruleText(rule);
  const zero = rule.name === 'amount-percent' || rule.name === 'amount-absolute' ? note.amountCount(0, windowText(rule)) : note.projectCount(0);
  return { rule, text, notTried: frozen(text, 'not-tried', note.notTried), noSupplier: frozen(text, 'none', note.noSupplier), nothing: shared(zero), shared: new Map() };
}

/** What one rule found: the POs (indices), or none with the reason, and whether that reason is a warning. */
interface Finding { found: readonly number[]; note: string; warning: string | undefined; shared: boolean }

// Every Finding, verdict and result is built with the same properties in the same order: one object shape keeps
// the hot loop's property reads monomorphic.
const finding = (found: readonly number[], text: string, warning?: string): Finding => ({ found, note: text, warning, shared: false });

const NOTHING: readonly number[] = Object.freeze([]);
const NO_TEXT = Object.freeze([]) as unknown as string[];
const shared = (text: string): Finding => ({ found: NOTHING, note: text, warning: undefined, shared: true });
const EMPTY_FIELD = shared(note.emptyPoField);
const NO_PO_IN_DESCRIPTION = shared(note.noPoInDescription);
const NO_PROJECT = shared(note.noProject);
const CREDIT_NOTE_BY_AMOUNT = shared(note.creditNoteByAmount);

function matchOne(tx: MatchTransaction, rules: readonly PreparedRule[], index: OrderIndex): MatchResult {
  const verdicts: RuleVerdict[] = [];
  if (!tx.supplier) {
    for (const r of rules) verdicts.push(r.noSupplier);
    return { transaction: tx.id, outcome: 'unmatched', po: undefined, rule: undefined, candidates: NO_TEXT, warnings: [warn.noSupplier()], verdicts };
  }
  let warnings: string[] | undefined;
  let winner: { po: string; rule: string; candidates: string[] } | undefined;
  let several: string[] | undefined;
  for (const r of rules) {
    if (winner) {
      verdicts.push(r.notTried);
      continue;
    }
    const found = find(r, tx, index);
    if (found.warning !== undefined && !warnings?.includes(found.warning)) (warnings ??= []).push(found.warning);
    if (found.found.length === 0) {
      verdicts.push(found.shared ? sharedVerdict(r, found.note) : verdict(r.text, 'none', NO_TEXT, found.note));
      continue;
    }
    const numbers = found.found.map((i) => index.orders[i]!.number);
    if (found.found.length === 1) {
      index.consume(found.found[0]!, tx.amount);
      winner = { po: numbers[0]!, rule: r.text, candidates: numbers };
      verdicts.push(verdict(r.text, 'matched', numbers, found.note));
    } else {
      several ??= [];
      for (const n of numbers) if (!several.includes(n)) several.push(n);
      verdicts.push(verdict(r.text, 'several', numbers, found.note));
    }
  }
  const said = warnings ?? NO_TEXT;
  if (winner) return { transaction: tx.id, outcome: 'auto-matched', po: winner.po, rule: winner.rule, candidates: winner.candidates, warnings: said, verdicts };
  return { transaction: tx.id, outcome: several ? 'ambiguous' : 'unmatched', po: undefined, rule: undefined, candidates: several ?? NO_TEXT, warnings: said, verdicts };
}

function find(r: PreparedRule, tx: MatchTransaction, index: OrderIndex): Finding {
  const rule = r.rule;
  switch (rule.name) {
    case 'po-field': {
      const field = tx.poField?.trim();
      if (!field) return EMPTY_FIELD;
      const holders = index.holders(poKey(field, index.prefix));
      if (holders.length === 0) return rejected(warn.unknownPoField(field));
      return named(holders, tx, index, note.poFieldNames);
    }
    case 'po-description': {
      const numbers = numbersIn(tx.description, index);
      if (numbers.length === 0) return NO_PO_IN_DESCRIPTION;
      if (numbers.length > 1) return finding(NOTHING, note.severalInDescription(numbers.sort()));
      return named(index.holders(numbers[0]!), tx, index, note.descriptionNames);
    }
    case 'supplier-project': {
      if (!tx.project) return NO_PROJECT;
      let found = index.ofProject(tx.supplier!, tx.currency, tx.project);
      // An invoice needs something open; a credit note gives back to a PO however much is open.
      if (tx.amount >= 0) found = found.filter((i) => index.open[i]! > 0);
      if (found.length === 0) return r.nothing;
      if (found.length === 1) return fitting(found[0]!, tx, index, note.projectCount(1));
      return finding(found, note.projectCount(found.length));
    }
    case 'amount-percent':
    case 'amount-absolute': {
      if (tx.amount < 0) return CREDIT_NOTE_BY_AMOUNT;
      const { low, high } = amountWindow(rule, tx.amount);
      let found = index.openBetween(tx.supplier!, tx.currency, low, high);
      if (rule.name === 'amount-percent') found = found.filter((i) => withinWindow(rule, tx.amount, index.open[i]!));
      if (found.length === 0) return r.nothing;
      return finding(found.length === 1 ? found : [...found].sort((a, b) => a - b), note.amountCount(found.length, windowText(rule)));
    }
  }
}

const windowText = (rule: Extract<Rule, { name: 'amount-percent' | 'amount-absolute' }>) =>
  rule.name === 'amount-percent' ? note.percentWindow(rule.percent) : note.absoluteWindow(rule.tolerance);

/** The distinct PO numbers (keys) a description names; a cheap digit check spares the tokenizer most texts. */
function numbersIn(description: string | undefined, index: OrderIndex): string[] {
  if (!description || (index.keysHaveDigits && !/\d/.test(description))) return NO_TEXT;
  let numbers: string[] | undefined;
  for (const k of descriptionKeys(description, index.prefix)) {
    if (index.holders(k).length > 0 && !numbers?.includes(k)) (numbers ??= []).push(k);
  }
  return numbers ?? NO_TEXT;
}

/** The PO a number names, if it is a candidate for this transaction. */
function named(holders: readonly number[], tx: MatchTransaction, index: OrderIndex, says: (po: string) => string): Finding {
  if (holders.length > 1) {
    const duplicate = warn.duplicateNumber(holders.map((i) => index.orders[i]!.number));
    return finding(holders, duplicate, duplicate);
  }
  const po = index.orders[holders[0]!]!;
  if (po.status === 'closed') return rejected(warn.closed(po.number));
  if (po.supplier !== tx.supplier) return rejected(warn.otherSupplier(po));
  if (po.currency !== tx.currency) return rejected(warn.otherCurrency(po, tx));
  return fitting(holders[0]!, tx, index, says(po.number));
}

/** An identified PO takes an invoice up to its open amount and a credit note up to what was invoiced on it. */
function fitting(i: number, tx: MatchTransaction, index: OrderIndex, matchedNote: string): Finding {
  const number = index.orders[i]!.number;
  if (tx.amount >= 0 && tx.amount > index.open[i]!) return rejected(warn.beyondOpen(number, index.open[i]!, tx.amount));
  if (tx.amount < 0 && -tx.amount > index.invoiced[i]!) return rejected(warn.creditBeyondInvoiced(number, index.invoiced[i]!, tx.amount as Minor));
  return finding([i], matchedNote);
}

function rejected(warning: string): Finding {
  return finding(NOTHING, warning, warning);
}

function sharedVerdict(r: PreparedRule, text: string): RuleVerdict {
  let verdict = r.shared.get(text);
  if (!verdict) r.shared.set(text, (verdict = frozen(r.text, 'none', text)));
  return verdict;
}

function verdict(rule: string, said: RuleVerdict['verdict'], candidates: string[], text: string): RuleVerdict {
  return { rule, verdict: said, candidates, note: text };
}

/** Shared by every result that says it: not to be changed. */
function frozen(rule: string, said: RuleVerdict['verdict'], text: string): RuleVerdict {
  return Object.freeze(verdict(rule, said, NO_TEXT, text));
}
