/**
 * The cascade's semantics as plainly as they can be written: every rule loops over every purchase order, with no
 * index, no pre-check and exact integer arithmetic. Too slow for real data (transactions × POs); it is the
 * reference the tests compare runCascade with, and the benchmark's baseline. Rules: cascade.ts's header.
 */
import { duplicateOrderWarning, note, warn, windowText } from './messages';
import { poKey } from './poNumbers';
import { ruleText } from './rules';
import type { CascadeInput, CascadeOutput, MatchOrder, MatchResult, MatchTransaction, Rule, RuleVerdict } from './types';

export function runNaiveCascade(input: CascadeInput): CascadeOutput {
  const prefix = input.prefix ?? '';
  const orders = input.orders;
  const invoiced = orders.map((po) => po.invoiced as number);
  const openOf = (i: number) => orders[i]!.amount - invoiced[i]!;
  // Normalising each number once is not an index: every look-up below still loops over every PO.
  const keys = orders.map((po) => poKey(po.number, prefix));
  const keyOf = (i: number) => keys[i]!;
  const holdersOf = (key: string) => orders.map((_, i) => i).filter((i) => keyOf(i) === key);

  const sorted = [...input.transactions].sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const results: MatchResult[] = [];
  for (const tx of sorted) {
    const fixed = input.fixed?.find((f) => f.transaction === tx.id);
    if (fixed) {
      const holders = fixed.po === undefined ? [] : holdersOf(poKey(fixed.po, prefix));
      if (holders.length === 1) invoiced[holders[0]!]! += tx.amount;
      continue;
    }
    results.push(matchTransaction(tx));
  }

  function matchTransaction(tx: MatchTransaction): MatchResult {
    const verdicts: RuleVerdict[] = [];
    const warnings: string[] = [];
    const addWarning = (w: string) => { if (!warnings.includes(w)) warnings.push(w); };
    if (!tx.supplier) {
      for (const rule of input.rules) verdicts.push({ rule: ruleText(rule), verdict: 'none', candidates: [], note: note.noSupplier });
      return { transaction: tx.id, outcome: 'unmatched', candidates: [], warnings: [warn.noSupplier()], verdicts };
    }
    let matched: { po: number; rule: string } | undefined;
    for (const rule of input.rules) {
      if (matched) {
        verdicts.push({ rule: ruleText(rule), verdict: 'not-tried', candidates: [], note: note.notTried });
        continue;
      }
      const { found, text, warning } = tryRule(rule, tx);
      if (warning) addWarning(warning);
      // A match's verdict names no PO (the result's `po` is the one), as the indexed cascade's.
      const numbers = found.length === 1 ? [] : found.map((i) => orders[i]!.number);
      verdicts.push({ rule: ruleText(rule), verdict: found.length === 1 ? 'matched' : found.length > 1 ? 'several' : 'none', candidates: numbers, note: text });
      if (found.length === 1) matched = { po: found[0]!, rule: ruleText(rule) };
    }
    if (matched) {
      invoiced[matched.po]! += tx.amount;
      const po = orders[matched.po]!.number;
      return { transaction: tx.id, outcome: 'auto-matched', po, rule: matched.rule, candidates: [], warnings, verdicts };
    }
    const candidates: string[] = [];
    for (const v of verdicts) if (v.verdict === 'several') for (const c of v.candidates) if (!candidates.includes(c)) candidates.push(c);
    return { transaction: tx.id, outcome: candidates.length > 0 ? 'ambiguous' : 'unmatched', candidates, warnings, verdicts };
  }

  function tryRule(rule: Rule, tx: MatchTransaction): { found: number[]; text: string; warning?: string } {
    const sameSupplierOpen = (po: MatchOrder) => po.status !== 'closed' && po.supplier === tx.supplier && po.currency === tx.currency;
    if (rule.name === 'po-field') {
      if (!tx.poField || tx.poField.trim() === '') return { found: [], text: note.emptyPoField };
      const holders = holdersOf(poKey(tx.poField, prefix));
      if (holders.length === 0) return failed(warn.unknownPoField(tx.poField.trim()));
      return byNumber(holders, tx, note.poFieldNames);
    }
    if (rule.name === 'po-description') {
      const named: string[] = [];
      const text = (tx.description ?? '').toUpperCase();
      for (let i = 0; i < orders.length; i++) {
        const key = keyOf(i);
        if (key !== '' && !named.includes(key) && mentions(text, key, prefix.toUpperCase())) named.push(key);
      }
      if (named.length === 0) return { found: [], text: note.noPoInDescription };
      if (named.length > 1) return { found: [], text: note.severalInDescription(named.sort()) };
      return byNumber(holdersOf(named[0]!), tx, note.descriptionNames);
    }
    if (rule.name === 'supplier-project') {
      if (!tx.project) return { found: [], text: note.noProject };
      const found: number[] = [];
      for (let i = 0; i < orders.length; i++) {
        if (sameSupplierOpen(orders[i]!) && orders[i]!.project === tx.project && (tx.amount < 0 || openOf(i) > 0)) found.push(i);
      }
      if (found.length === 1) return withinWhatIsLeft(found[0]!, tx, note.projectCount(1));
      return { found, text: note.projectCount(found.length) };
    }
    if (tx.amount < 0) return { found: [], text: note.creditNoteByAmount };
    const found: number[] = [];
    for (let i = 0; i < orders.length; i++) {
      if (sameSupplierOpen(orders[i]!) && openOf(i) > 0 && withinTolerance(rule, tx.amount, openOf(i))) found.push(i);
    }
    return { found, text: note.amountCount(found.length, windowText(rule)) };
  }

  function byNumber(holders: number[], tx: MatchTransaction, says: string) {
    const numbers = holders.map((i) => orders[i]!.number);
    if (holders.length > 1) return { found: holders, text: warn.duplicateNumber(numbers), warning: warn.duplicateNumber(numbers) };
    const po = orders[holders[0]!]!;
    if (po.status === 'closed') return failed(warn.closed(po.number));
    if (po.supplier !== tx.supplier) return failed(warn.otherSupplier(po));
    if (po.currency !== tx.currency) return failed(warn.otherCurrency(po, tx));
    return withinWhatIsLeft(holders[0]!, tx, says);
  }

  function withinWhatIsLeft(i: number, tx: MatchTransaction, text: string) {
    if (tx.amount >= 0 && tx.amount > openOf(i)) return failed(warn.beyondOpen(orders[i]!.number, openOf(i), tx.amount));
    if (tx.amount < 0 && -tx.amount > invoiced[i]!) return failed(warn.creditBeyondInvoiced(orders[i]!.number, invoiced[i]!, tx.amount));
    return { found: [i], text };
  }

  const counts = { 'auto-matched': 0, ambiguous: 0, unmatched: 0 };
  for (const r of results) counts[r.outcome]++;
  // Once per PO set, not per transaction: grouped, or this alone would be POs × POs.
  const byKey = new Map<string, MatchOrder[]>();
  orders.forEach((po, i) => byKey.set(keyOf(i), [...(byKey.get(keyOf(i)) ?? []), po]));
  const orderWarnings = [...byKey.values()].filter((holders) => holders.length > 1).map(duplicateOrderWarning);
  return { results, counts, orderWarnings };
}

function failed(warning: string) {
  return { found: [] as number[], text: warning, warning };
}

/** The key, with or without the prefix, somewhere in the (upper-case) text with no letter, digit, -, _ or / on either side. */
function mentions(text: string, key: string, prefix: string): boolean {
  const isTokenChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}_/-]/u.test(c);
  for (const written of prefix === '' ? [key] : [key, prefix + key]) {
    for (let at = text.indexOf(written); at >= 0; at = text.indexOf(written, at + 1)) {
      if (!isTokenChar(text[at - 1]) && !isTokenChar(text[at + written.length])) return true;
    }
  }
  return false;
}

/** |amount − open| ≤ tolerance, or ≤ percent % of open, in BigInt so the bound is exact. */
function withinTolerance(rule: Rule, amount: number, open: number): boolean {
  const diff = BigInt(Math.abs(amount - open));
  if (rule.name === 'amount-absolute') return diff <= BigInt(rule.tolerance);
  if (rule.name !== 'amount-percent') return false;
  const [whole, fraction = ''] = rule.percent.toFixed(12).split('.');
  const scaledPercent = BigInt(whole! + fraction);
  return diff * 100n * 10n ** BigInt(fraction.length) <= scaledPercent * BigInt(open);
}
