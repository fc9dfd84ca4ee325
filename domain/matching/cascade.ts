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
import { duplicateOrderWarning, matchedNote, note, warn, windowText } from './messages';
import { NO_HOLDER, OrderIndex, SEVERAL_HOLDERS } from './orderIndex';
import { descriptionKeys, poKey } from './poNumbers';
import { ruleText } from './rules';
import { amountWindow, withinWindow, type AmountRule } from './tolerance';
import type { CascadeInput, CascadeOutput, MatchResult, MatchTransaction, Rule, RuleVerdict } from './types';

export function runCascade(input: CascadeInput): CascadeOutput {
  const prefix = input.prefix ?? '';
  const index = new OrderIndex(input.orders, prefix);
  const rules = input.rules.map(prepare);
  const run: Run = { rules, index, verdicts: rules.map((r) => r.notTried), lists: { next: new Map(), list: undefined }, noSupplier: Object.freeze(rules.map((r) => r.noSupplier)) as RuleVerdict[] };
  const fixed = new Map((input.fixed ?? []).map((f) => [f.transaction, f.po]));
  // Sized once, then cut to the results made: growing an array of 200 000 kept objects step by step costs more.
  const results = new Array<MatchResult>(input.transactions.length);
  let made = 0;
  let matched = 0;
  let ambiguous = 0;

  for (const tx of inMatchingOrder(input.transactions)) {
    if (fixed.size > 0 && fixed.has(tx.id)) {
      const po = fixed.get(tx.id);
      const holders = po === undefined ? NOTHING : index.holders(poKey(po, prefix));
      if (holders.length === 1) index.consume(holders[0]!, tx.amount);
      continue;
    }
    const result = matchOne(tx, run);
    if (result.outcome === 'auto-matched') matched++;
    else if (result.outcome === 'ambiguous') ambiguous++;
    results[made++] = result;
  }
  results.length = made;
  const counts = { 'auto-matched': matched, ambiguous, unmatched: results.length - matched - ambiguous };
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
  // A year has few dates: each transaction goes straight to its date's place (a counting sort, no list per day and
  // fewer string comparisons than one big sort), then a day not already in id order is sorted by id.
  const place = new Map<string, number>();
  for (const tx of transactions) place.set(tx.date, (place.get(tx.date) ?? 0) + 1);
  const dates = [...place.keys()].sort();
  let first = 0;
  for (const date of dates) {
    const count = place.get(date)!;
    place.set(date, first);
    first += count;
  }
  const ordered = new Array<MatchTransaction>(transactions.length);
  for (const tx of transactions) {
    const at = place.get(tx.date)!;
    ordered[at] = tx;
    place.set(tx.date, at + 1);
  }
  let start = 0;
  for (const date of dates) {
    const end = place.get(date)!;
    sorted = true;
    for (let i = start + 1; i < end && sorted; i++) sorted = ordered[i - 1]!.id <= ordered[i]!.id;
    if (!sorted) {
      const day = ordered.slice(start, end).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      for (let i = 0; i < day.length; i++) ordered[start + i] = day[i]!;
    }
    start = end;
  }
  return ordered;
}

/**
 * A rule with what every transaction shares built once: the verdicts whose reason names nothing of the transaction
 * or a PO ("none" for want of data, "matched": the PO is the result's), so 200 000 results share a few lists.
 */
interface PreparedRule {
  rule: Rule;
  text: string;
  notTried: RuleVerdict;
  noSupplier: RuleVerdict;
  emptyField: Finding;
  noPoInDescription: Finding;
  noProject: Finding;
  creditNoteByAmount: Finding;
  /** No candidate at all (supplier-project and the amount criteria). */
  nothing: Finding;
  /**
   * The finding of a match, one per rule and reused: matchOne reads it before the rule runs again, and a match a
   * transaction makes no garbage (fewer young-generation collections, each copying the results kept so far).
   */
  matched: Finding & { found: [number] };
}

function prepare(rule: Rule): PreparedRule {
  const text = ruleText(rule);
  const amounts = rule.name === 'amount-percent' || rule.name === 'amount-absolute';
  const none = (said: string): Finding => ({ found: NOTHING, note: said, warning: undefined, verdict: frozen(text, 'none', NO_TEXT, said) });
  return {
    rule, text, notTried: frozen(text, 'not-tried', NO_TEXT, note.notTried), noSupplier: frozen(text, 'none', NO_TEXT, note.noSupplier),
    emptyField: none(note.emptyPoField), noPoInDescription: none(note.noPoInDescription), noProject: none(note.noProject),
    creditNoteByAmount: none(note.creditNoteByAmount), nothing: none(amounts ? note.amountCount(0, windowText(rule)) : note.projectCount(0)),
    matched: { found: [NO_HOLDER], note: matchedNote(rule), warning: undefined, verdict: frozen(text, 'matched', NO_TEXT, matchedNote(rule)) },
  };
}

/** One run's state: the rules, the index, a scratch list of verdicts, and the verdict lists results share. */
interface Run {
  rules: readonly PreparedRule[];
  index: OrderIndex;
  verdicts: RuleVerdict[];
  /** Lists of shared verdicts, by their verdicts in rule order: few patterns, most results. */
  lists: SharedVerdicts;
  noSupplier: RuleVerdict[];
}

interface SharedVerdicts { next: Map<RuleVerdict, SharedVerdicts>; list: RuleVerdict[] | undefined }

/**
 * What one rule found: the POs (indices), or none with the reason, and whether that reason is a warning. `verdict`
 * is the rule's verdict when every transaction with this finding shares it.
 */
interface Finding { found: readonly number[]; note: string; warning: string | undefined; verdict: RuleVerdict | undefined }

// Every Finding, verdict and result is built with the same properties in the same order: one object shape keeps
// the hot loop's property reads monomorphic.
const finding = (found: readonly number[], text: string, warning?: string): Finding => ({ found, note: text, warning, verdict: undefined });

const NOTHING: readonly number[] = Object.freeze([]);
const NO_TEXT = Object.freeze([]) as unknown as string[];
const NO_SUPPLIER = Object.freeze([warn.noSupplier()]) as string[];

function matchOne(tx: MatchTransaction, run: Run): MatchResult {
  if (!tx.supplier) return { transaction: tx.id, outcome: 'unmatched', po: undefined, rule: undefined, candidates: NO_TEXT, warnings: NO_SUPPLIER, verdicts: run.noSupplier };
  const { rules, index, verdicts } = run;
  let warnings: string[] | undefined;
  let winner: RuleVerdict | undefined;
  let po = 0;
  let several: string[] | undefined;
  let shared = true;
  for (let k = 0; k < rules.length; k++) {
    const r = rules[k]!;
    if (winner) {
      verdicts[k] = r.notTried;
      continue;
    }
    const found = find(r, tx, index);
    if (found.warning !== undefined) {
      if (!warnings) warnings = [found.warning];
      else if (!warnings.includes(found.warning)) warnings.push(found.warning);
    }
    const count = found.found.length;
    let said = found.verdict;
    if (!said) {
      shared = false;
      const numbers = count === 0 ? NO_TEXT : found.found.map((i) => index.orders[i]!.number);
      said = verdict(r.text, count === 0 ? 'none' : count === 1 ? 'matched' : 'several', numbers, found.note);
    }
    verdicts[k] = said;
    if (count === 1) {
      po = found.found[0]!;
      index.consume(po, tx.amount);
      winner = said;
    } else if (count > 1) {
      several ??= [];
      for (const n of said.candidates) if (!several.includes(n)) several.push(n);
    }
  }
  const warned = warnings ?? NO_TEXT;
  if (winner) {
    const list = shared ? sharedList(run.lists, verdicts) : verdicts.slice();
    return { transaction: tx.id, outcome: 'auto-matched', po: index.orders[po]!.number, rule: winner.rule, candidates: NO_TEXT, warnings: warned, verdicts: list };
  }
  const list = shared ? sharedList(run.lists, verdicts) : verdicts.slice();
  return { transaction: tx.id, outcome: several ? 'ambiguous' : 'unmatched', po: undefined, rule: undefined, candidates: several ?? NO_TEXT, warnings: warned, verdicts: list };
}

/** The one frozen list of these shared verdicts (in rule order), made at its first use. */
function sharedList(root: SharedVerdicts, verdicts: readonly RuleVerdict[]): RuleVerdict[] {
  let node = root;
  for (const v of verdicts) {
    let next = node.next.get(v);
    if (!next) node.next.set(v, (next = { next: new Map(), list: undefined }));
    node = next;
  }
  return (node.list ??= Object.freeze(verdicts.slice()) as RuleVerdict[]);
}

function find(r: PreparedRule, tx: MatchTransaction, index: OrderIndex): Finding {
  const rule = r.rule;
  switch (rule.name) {
    case 'po-field': {
      const field = tx.poField?.trim();
      if (!field) return r.emptyField;
      const key = poKey(field, index.prefix);
      const holder = index.holder(key);
      if (holder === NO_HOLDER) return rejected(warn.unknownPoField(field));
      return named(holder, key, r, tx, index);
    }
    case 'po-description': {
      const numbers = numbersIn(tx.description, index);
      if (numbers.length === 0) return r.noPoInDescription;
      if (numbers.length > 1) return finding(NOTHING, note.severalInDescription(numbers.sort()));
      return named(index.holder(numbers[0]!), numbers[0]!, r, tx, index);
    }
    case 'supplier-project': {
      if (!tx.project) return r.noProject;
      const ofProject = index.ofProject(tx.supplier!, tx.currency, tx.project);
      // An invoice needs something open; a credit note gives back to a PO however much is open.
      const found = tx.amount < 0 ? ofProject : withOpenAmount(ofProject, index);
      if (found.length === 0) return r.nothing;
      if (found.length === 1) return fitting(found[0]!, r, tx, index);
      return finding(found, note.projectCount(found.length));
    }
    case 'amount-percent':
    case 'amount-absolute': {
      if (tx.amount < 0) return r.creditNoteByAmount;
      const { low, high } = amountWindow(rule, tx.amount);
      let found = index.openBetween(tx.supplier!, tx.currency, low, high);
      if (rule.name === 'amount-percent' && found.length > 0) found = inWindow(found, rule, tx.amount, index);
      if (found.length === 0) return r.nothing;
      if (found.length === 1) return matchedBy(r, found[0]!);
      return finding([...found].sort((a, b) => a - b), note.amountCount(found.length, windowText(rule)));
    }
  }
}

function withOpenAmount(orders: readonly number[], index: OrderIndex): readonly number[] {
  let open = 0;
  for (const i of orders) if (index.open[i]! > 0) open++;
  return open === orders.length ? orders : orders.filter((i) => index.open[i]! > 0);
}

function inWindow(orders: readonly number[], rule: AmountRule, amount: number, index: OrderIndex): readonly number[] {
  let fits = 0;
  for (const i of orders) if (withinWindow(rule, amount, index.open[i]!)) fits++;
  return fits === orders.length ? orders : orders.filter((i) => withinWindow(rule, amount, index.open[i]!));
}

/** The distinct PO numbers (keys) a description names; a cheap digit check spares the tokenizer most texts. */
function numbersIn(description: string | undefined, index: OrderIndex): string[] {
  if (!description || (index.keysHaveDigits && !/\d/.test(description))) return NO_TEXT;
  let numbers: string[] | undefined;
  for (const k of descriptionKeys(description, index.prefix, index.numberLengths)) {
    if (index.holder(k) !== NO_HOLDER && !numbers?.includes(k)) (numbers ??= []).push(k);
  }
  return numbers ?? NO_TEXT;
}

/** The PO a number names, if it is a candidate for this transaction. */
function named(holder: number, key: string, r: PreparedRule, tx: MatchTransaction, index: OrderIndex): Finding {
  if (holder === SEVERAL_HOLDERS) {
    const holders = index.holders(key);
    const duplicate = warn.duplicateNumber(holders.map((i) => index.orders[i]!.number));
    return finding(holders, duplicate, duplicate);
  }
  const po = index.orders[holder]!;
  if (po.status === 'closed') return rejected(warn.closed(po.number));
  if (po.supplier !== tx.supplier) return rejected(warn.otherSupplier(po));
  if (po.currency !== tx.currency) return rejected(warn.otherCurrency(po, tx));
  return fitting(holder, r, tx, index);
}

/** An identified PO takes an invoice up to its open amount and a credit note up to what was invoiced on it. */
function fitting(i: number, r: PreparedRule, tx: MatchTransaction, index: OrderIndex): Finding {
  const number = index.orders[i]!.number;
  if (tx.amount >= 0 && tx.amount > index.open[i]!) return rejected(warn.beyondOpen(number, index.open[i]!, tx.amount));
  if (tx.amount < 0 && -tx.amount > index.invoiced[i]!) return rejected(warn.creditBeyondInvoiced(number, index.invoiced[i]!, tx.amount as Minor));
  return matchedBy(r, i);
}

/** The PO matched alone: the rule's one "matched" verdict (the PO is the result's). */
function matchedBy(r: PreparedRule, i: number): Finding {
  r.matched.found[0] = i;
  return r.matched;
}

function rejected(warning: string): Finding {
  return finding(NOTHING, warning, warning);
}

function verdict(rule: string, said: RuleVerdict['verdict'], candidates: string[], text: string): RuleVerdict {
  return { rule, verdict: said, candidates, note: text };
}

/** Shared by every result that says it: not to be changed. */
function frozen(rule: string, said: RuleVerdict['verdict'], candidates: string[], text: string): RuleVerdict {
  return Object.freeze(verdict(rule, said, candidates, text));
}
