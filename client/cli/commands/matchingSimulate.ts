/**
 * `ledgerbridge matching simulate`: the matching cascade on two CSV files, so a customer can try an order of
 * criteria on last month's data before enabling it. Pure: no tenant, no database, no Temporal server (the
 * command context opens those only when asked, and this command never asks).
 */
import fs from 'node:fs';
import type { Command } from '../command';
import { flag, requiredFlag } from '../args';
import { CliError, EXIT, renderTable } from '../output';
import { runCascade } from '../../../domain/matching/cascade';
import { CSV_LIMITS, CsvError, parseOrdersCsv, parseTransactionsCsv } from '../../../domain/matching/csv';
import { parseRules, RuleError, RULES_EXAMPLE } from '../../../domain/matching/rules';
import type { Rule } from '../../../domain/matching/types';

const EXAMPLE = `ledgerbridge matching simulate --transactions docs/examples/matching/transactions.csv --orders docs/examples/matching/orders.csv --rules ${RULES_EXAMPLE}`;

export const matchingSimulate: Command = {
  name: 'matching simulate',
  summary: 'Try matching criteria on CSV files of transactions and purchase orders (what-if; no tenant, no server)',
  usage: 'matching simulate --transactions <file.csv> --orders <file.csv> --rules <criteria> [--prefix PO-] [--json]\n\n' +
    'transactions.csv: id,date,supplier,project,department,account,amount,currency,po_field,description\n' +
    'orders.csv:       number,supplier,project,department,amount,invoiced,currency,status (open, partly-invoiced, closed)',
  examples: [
    EXAMPLE,
    'ledgerbridge matching simulate --transactions march.csv --orders po.csv --rules supplier-project,amount-absolute:500 --prefix PO- --json',
  ],
  async run(args, ctx) {
    const rules = criteria(requiredFlag(args, 'rules', RULES_EXAMPLE));
    const transactions = parsed(requiredFlag(args, 'transactions', '--transactions transactions.csv'), parseTransactionsCsv);
    const orders = parsed(requiredFlag(args, 'orders', '--orders orders.csv'), parseOrdersCsv);
    const out = runCascade({ transactions, orders, rules, prefix: flag(args, 'prefix') });
    for (const warning of out.orderWarnings) ctx.out.note(`warning: ${warning}`);
    const results = out.results.map((r) => ({ id: r.transaction, outcome: r.outcome, po: r.po ?? null, rule: r.rule ?? null, candidates: r.candidates, warnings: r.warnings }));
    if (ctx.out.json) {
      process.stdout.write(JSON.stringify({ results, counts: out.counts }) + '\n');
      return EXIT.ok;
    }
    ctx.out.say(renderTable(results.map((r) => ({ ...r, candidates: r.candidates.join(', '), warnings: r.warnings.join('; ') })),
      ['id', 'outcome', 'po', 'rule', 'candidates', 'warnings']));
    ctx.out.say(`\n${out.results.length} transactions: ${out.counts['auto-matched']} auto-matched, ${out.counts.ambiguous} ambiguous, ${out.counts.unmatched} unmatched`);
    return EXIT.ok;
  },
};

function criteria(list: string): Rule[] {
  try {
    return parseRules(list);
  } catch (err) {
    if (err instanceof RuleError) throw new CliError(`--rules: ${err.message}`);
    throw err;
  }
}

function parsed<T>(file: string, parse: (text: string, file: string) => T): T {
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > CSV_LIMITS.bytes) throw new CliError(`${file} is ${Math.round(size / 2 ** 20)} MiB; the simulator reads at most ${CSV_LIMITS.bytes / 2 ** 20} MiB`);
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`cannot read ${file}: ${(err as Error).message}`, EXIT.notFound);
  }
  try {
    return parse(text, file);
  } catch (err) {
    if (err instanceof CsvError) throw new CliError(err.message);
    throw err;
  }
}
