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
import { amountWindow } from './tolerance';
import type { CascadeInput, CascadeOutput, MatchResult, MatchTransaction, Rule, RuleVerdict } from './types';

export function runCascade(input: CascadeInput): CascadeOutput {
  const prefix = input.prefix ?? '';
  const index = new OrderIndex(input.orders, prefix);
  const rules = input.rules.map((rule) => ({ rule, text: ruleText(rule), notTried: frozenVerdict(ruleText(rule), 'not-tried', note.notTried) }));
  const fixed = new Map((input.fixed ?? []).map((f) => [f.transaction, f.po]));
  const results: MatchResult[] = [];
  const counts = { 'auto-matched': 0, ambiguous: 0, unmatched: 0 };

  for (const tx of inMatchingOrder(input.transactions)) {
    if (fixed.has(tx.id)) {
      const po = fixed.get(tx.id);
      const holders = po === undefined ? [] : index.holders(poKey(po, prefix));
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

/** Date, then id; already-ordered input (the database's ORDER BY) is not sorted again. */
export function inMatchingOrder(transactions: readonly MatchTransaction[]): readonly MatchTransaction[] {
  const before = (a: MatchTransaction, b: MatchTransaction) => a.date < b.date || (a.date === b.date && a.id < b.id);
  for (let i = 1; i < transactions.length; i++) {
    if (before(transactions[i]!, transactions[i - 1]!)) return [...transactions].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  }
  return transactions;
}

interface PreparedRule { rule: Rule; text: string; notTried: RuleVerdict }

/** What one rule found: the POs (indices), or none with the reason, and whether the reason is a warning. */
type Finding = { found: number[]; note: string; warning?: string };

function matchOne(tx: MatchTransaction, rules: readonly PreparedRule[], index: OrderIndex): MatchResult {
  const warnings: string[] = [];
  const verdicts: RuleVerdict[] = [];
  if (!tx.supplier) {
    for (const r of rules) verdicts.push(frozenVerdict(r.text, 'none', note.noSupplier));
    return { transaction: tx.id, outcome: 'unmatched', candidates: [], warnings: [warn.noSupplier()], verdicts };
  }
  let winner: { po: string; rule: string } | undefined;
  const several: string[] = [];
  for (const r of rules) {
    if (winner) {
      verdicts.push(r.notTried);
      continue;
    }
    const finding = find(r.rule, tx, index);
    if (finding.warning !== undefined && !warnings.includes(finding.warning)) warnings.push(finding.warning);
    const numbers = finding.found.map((i) => index.orders[i]!.number);
    if (finding.found.length === 1) {
      index.consume(finding.found[0]!, tx.amount);
      winner = { po: numbers[0]!, rule: r.text };
      verdicts.push({ rule: r.text, verdict: 'matched', candidates: numbers, note: finding.note });
    } else if (finding.found.length > 1) {
      for (const n of numbers) if (!several.includes(n)) several.push(n);
      verdicts.push({ rule: r.text, verdict: 'several', candidates: numbers, note: finding.note });
    } else {
      verdicts.push({ rule: r.text, verdict: 'none', candidates: [], note: finding.note });
    }
  }
  if (winner) return { transaction: tx.id, outcome: 'auto-matched', po: winner.po, rule: winner.rule, candidates: [winner.po], warnings, verdicts };
  if (several.length > 0) return { transaction: tx.id, outcome: 'ambiguous', candidates: several, warnings, verdicts };
  return { transaction: tx.id, outcome: 'unmatched', candidates: [], warnings, verdicts };
}

function find(rule: Rule, tx: MatchTransaction, index: OrderIndex): Finding {
  switch (rule.name) {
    case 'po-field': {
      const field = tx.poField?.trim();
      if (!field) return { found: [], note: note.emptyPoField };
      const holders = index.holders(poKey(field, index.prefix));
      if (holders.length === 0) return reject(warn.unknownPoField(field));
      return named(holders, tx, index, note.poFieldNames);
    }
    case 'po-description': {
      const numbers = numbersIn(tx.description, index);
      if (numbers.length === 0) return { found: [], note: note.noPoInDescription };
      if (numbers.length > 1) return { found: [], note: note.severalInDescription(numbers.sort()) };
      return named(index.holders(numbers[0]!), tx, index, note.descriptionNames);
    }
    case 'supplier-project': {
      if (!tx.project) return { found: [], note: note.noProject };
      const found = index.ofProject(tx.supplier!, tx.currency, tx.project).filter((i) => tx.amount < 0 || index.open[i]! > 0);
      if (found.length === 1) return fitting(found[0]!, tx, index, note.projectCount(1, tx));
      return { found, note: note.projectCount(found.length, tx) };
    }
    case 'amount-percent':
    case 'amount-absolute': {
      if (tx.amount < 0) return { found: [], note: note.creditNoteByAmount };
      const window = amountWindow(rule, tx.amount);
      const found = index.openBetween(tx.supplier!, tx.currency, window.low, window.high).filter((i) => window.fits(index.open[i]!)).sort((a, b) => a - b);
      const described = rule.name === 'amount-percent' ? note.percentWindow(rule.percent) : note.absoluteWindow(rule.tolerance);
      return { found, note: note.amountCount(found.length, tx, described) };
    }
  }
}

/** The distinct PO numbers (keys) a description names; a cheap digit check spares the tokenizer most texts. */
function numbersIn(description: string | undefined, index: OrderIndex): string[] {
  if (!description || (index.keysHaveDigits && !/\d/.test(description))) return [];
  const numbers: string[] = [];
  for (const k of descriptionKeys(description, index.prefix)) if (index.holders(k).length > 0 && !numbers.includes(k)) numbers.push(k);
  return numbers;
}

/** The PO a number names, if it is a candidate for this transaction. */
function named(holders: readonly number[], tx: MatchTransaction, index: OrderIndex, says: (po: string) => string): Finding {
  if (holders.length > 1) return { found: [...holders], note: warn.duplicateNumber(holders.map((i) => index.orders[i]!.number)), warning: warn.duplicateNumber(holders.map((i) => index.orders[i]!.number)) };
  const po = index.orders[holders[0]!]!;
  if (po.status === 'closed') return reject(warn.closed(po.number));
  if (po.supplier !== tx.supplier) return reject(warn.otherSupplier(po));
  if (po.currency !== tx.currency) return reject(warn.otherCurrency(po, tx));
  return fitting(holders[0]!, tx, index, says(po.number));
}

/** An identified PO takes an invoice up to its open amount and a credit note up to what was invoiced. */
function fitting(i: number, tx: MatchTransaction, index: OrderIndex, matchedNote: string): Finding {
  const number = index.orders[i]!.number;
  if (tx.amount >= 0 && tx.amount > index.open[i]!) return reject(warn.beyondOpen(number, index.open[i]!, tx.amount));
  if (tx.amount < 0 && -tx.amount > index.invoiced[i]!) return reject(warn.creditBeyondInvoiced(number, index.invoiced[i]!, tx.amount as Minor));
  return { found: [i], note: matchedNote };
}

function reject(warning: string): Finding {
  return { found: [], note: warning, warning };
}

function frozenVerdict(rule: string, verdict: RuleVerdict['verdict'], text: string): RuleVerdict {
  return Object.freeze({ rule, verdict, candidates: Object.freeze([]) as unknown as string[], note: text });
}
