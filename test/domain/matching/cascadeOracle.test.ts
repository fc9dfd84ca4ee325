/**
 * The indexed cascade against its naive reference on thousands of small random worlds, seeded so a failure
 * replays: few suppliers, projects, amounts and PO numbers, so ties, duplicates, other currencies, closed POs,
 * credit notes, missing suppliers, fixed matches and fully consumed POs all come up often.
 */
import { runCascade } from '../../../domain/matching/cascade';
import { runNaiveCascade } from '../../../domain/matching/naiveCascade';
import type { CascadeInput, FixedMatch, MatchOrder, MatchTransaction, PurchaseOrderStatus, Rule } from '../../../domain/matching/types';
import type { Minor } from '../../../domain/money';

/** mulberry32: a tiny seeded generator, enough for test data. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const chance = (p: number) => next() < p;
  const shuffle = <T>(list: T[]): T[] => {
    for (let i = list.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    return list;
  };
  return { int, pick, chance, shuffle };
}

const NUMBERS = Array.from({ length: 14 }, (_, i) => `2026-${String(i + 1).padStart(4, '0')}`);
const AMOUNTS = [100_00, 1000_00, 1000_00, 1050_00, 1100_00, 950_00, 500_00, 2000_00];
const STATUSES: PurchaseOrderStatus[] = ['open', 'open', 'partly-invoiced', 'closed'];

function aWorld(seed: number): CascadeInput {
  const r = random(seed);
  const prefix = r.pick(['', '', 'PO-']);
  const suppliers = ['501', '502', '503'];
  const currency = () => (r.chance(0.85) ? 'NOK' : 'EUR');
  const written = (n: string) => (prefix && r.chance(0.5) ? `${r.pick([prefix, prefix.toLowerCase()])}${n}` : n);

  const orders: MatchOrder[] = Array.from({ length: r.int(12) }, () => {
    const amount = r.pick(AMOUNTS);
    return {
      number: prefix && r.chance(0.5) ? prefix + r.pick(NUMBERS) : r.pick(NUMBERS), // repeats: duplicates
      supplier: r.pick(suppliers), project: r.chance(0.7) ? r.pick(['P1', 'P2', 'P3']) : undefined, department: undefined,
      amount: amount as Minor, invoiced: (r.chance(0.3) ? r.pick([0, amount / 2, amount, 50_00]) : 0) as Minor,
      currency: currency(), status: r.pick(STATUSES),
    };
  });
  const descriptions = [
    () => `Faktura ${r.int(99999)}`,
    () => `PO ${written(r.pick(NUMBERS))}`,
    () => `bestnr: ${written(r.pick(NUMBERS))} levering`,
    () => `PO#${written(r.pick(NUMBERS))}, order ${written(r.pick(NUMBERS))}`,
    () => `ref 1${r.pick(NUMBERS)}1`,
    () => `${r.pick(NUMBERS)}-1 and ${written(r.pick(NUMBERS))}.`,
    () => `Best.nr. ${written(r.pick(NUMBERS))} / ${written(r.pick(NUMBERS))}`,
    () => '',
  ];
  const transactions: MatchTransaction[] = Array.from({ length: r.int(16) }, (_, i) => {
    const credit = r.chance(0.15);
    const amount = credit ? -r.pick([50_00, 100_00, 500_00, 1000_00, 3000_00]) : r.pick([...AMOUNTS, 1049_99, 1050_01, 0]);
    return {
      id: `t${r.int(1000)}-${i}`, date: `2026-03-0${1 + r.int(4)}`, supplier: r.chance(0.9) ? r.pick(suppliers) : undefined,
      project: r.chance(0.6) ? r.pick(['P1', 'P2', 'P3']) : undefined, account: 4000, amount: amount as Minor, currency: currency(),
      poField: r.chance(0.4) ? written(r.pick([...NUMBERS, '2026-9999', ` ${r.pick(NUMBERS)} `])) : undefined,
      description: r.pick(descriptions)(),
    };
  });
  const allRules: Rule[] = [
    { name: 'po-field' }, { name: 'po-description' }, { name: 'supplier-project' },
    { name: 'amount-percent', percent: r.pick([0, 2.5, 5, 10, 100]) }, { name: 'amount-absolute', tolerance: r.pick([0, 1, 50_00, 100_00, 5000_00]) as Minor },
  ];
  const rules = r.shuffle(allRules.filter(() => r.chance(0.8)));
  const fixed: FixedMatch[] = transactions.filter(() => r.chance(0.15)).map((t) => ({ transaction: t.id, po: r.chance(0.8) ? written(r.pick(NUMBERS)) : undefined }));
  return { transactions, orders, rules: rules.length > 0 ? rules : allRules, fixed, prefix };
}

test('the indexed cascade says exactly what the naive one says, on 5 000 random worlds', () => {
  const seen = new Map<string, number>();
  const count = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);
  for (let seed = 1; seed <= 5000; seed++) {
    const input = aWorld(seed);
    const fast = runCascade(input);
    const naive = runNaiveCascade(input);
    if (JSON.stringify(fast) !== JSON.stringify(naive)) {
      throw new Error(`seed ${seed} differs\ninput: ${JSON.stringify(input)}\nindexed: ${JSON.stringify(fast)}\nnaive: ${JSON.stringify(naive)}`);
    }
    for (const result of fast.results) {
      count(result.outcome);
      for (const v of result.verdicts) count(`${v.rule.split(':')[0]} ${v.verdict}`);
      for (const w of result.warnings) count(`warning: ${w.replace(/[\d.-]+/g, '#').replace(/\(.*\)/, '')}`);
    }
    if (fast.orderWarnings.length > 0) count('order warning');
  }
  // Every outcome, every verdict a rule can give and every warning come up often, or the comparison proves little.
  const expected = [
    'auto-matched', 'ambiguous', 'unmatched', 'order warning',
    ...['po-field', 'po-description', 'supplier-project', 'amount-percent', 'amount-absolute'].flatMap((rule) => ['matched', 'several', 'none', 'not-tried'].map((v) => `${rule} ${v}`)),
    'warning: transaction has no supplier', 'warning: PO # is closed', 'warning: PO # belongs to another supplier ',
    'warning: PO # is in EUR, the transaction in NOK', "warning: PO # has # open, less than the transaction's #",
    'warning: credit note of # is larger than the # invoiced on PO #', 'warning: PO number # is held by # purchase orders',
    'warning: the PO field "#" names no purchase order',
  ];
  const rare = expected.filter((what) => (seen.get(what) ?? 0) < 50).map((what) => `${what}: ${seen.get(what) ?? 0}`);
  expect({ rare, seen: Object.fromEntries(seen) }).toEqual({ rare: [], seen: expect.anything() });
});
