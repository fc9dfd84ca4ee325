/**
 * `ledgerbridge matching refresh | list | show | match | unmatch`: purchase-order matching
 * 24SevenOffice ↔ CostTracker. A refresh runs the nightly sync now; list and show read the decisions ledgerbridge
 * stored; match and unmatch go to the tenant's matching desk, which validates, keeps the decision over every
 * automatic run and tells CostTracker at once. `matching retry | cancel` (runs and post mode's invoices) are in
 * matchingPostDecisions.ts.
 */
import type { Command } from '../command';
import type { CommandContext } from '../context';
import { CliError, EXIT, type Output } from '../output';
import { flag, hasFlag, positional, type ParsedArgs } from '../args';
import { createProgress } from '../progress';
import { createMatchingResultRepo, type MatchQuery, type MatchView } from '../../../db/repos';
import type { MatchingSummary } from '../../../activities/matching';
import { invoiceUrl } from '../../../activities/matching/ledger';
import type { MatchingProgress, MatchingScope } from '../../../workflows/matchingRun';
import { displayMinor } from '../../../domain/money';
import { followMatchingRun, matchingDeskId, sendManualMatch, startMatchingRun } from '../../matching';
import { invoiceDb as tenantDb } from './invoices';

/**
 * [INFERRED] Where a person opens a PO in CostTracker's web app; CostTracker documents no deep link. Change it here,
 * and only here, when a tenant shows the real one.
 */
export const orderUrl = (po: string) => `https://app.costtracker.no/purchase-orders/${encodeURIComponent(po)}`;

export const matchingRefresh: Command = {
  name: 'matching refresh',
  summary: 'Run the nightly purchase-order matching now: master data, new and changed transactions, POs, the cascade, the match records',
  usage: 'matching refresh <tenant> [--suppliers | --transactions] [--wait] [--json]\n\n' +
    '  --suppliers      only suppliers, projects and departments 24SevenOffice → CostTracker\n' +
    '  --transactions   only the ledger, the POs and the matching (no master data)\n' +
    'With --wait: progress on stderr, then the counts; exit 0 when all went through, 1 when CostTracker refused records\n' +
    'or the run needs attention (fix it, then: ledgerbridge matching retry <tenant> <run>).',
  examples: ['ledgerbridge matching refresh demo', 'ledgerbridge matching refresh demo --transactions --wait', 'ledgerbridge matching refresh demo --wait --json | jq .summary.matched'],
  booleans: ['wait', 'suppliers', 'transactions'],
  async run(args, ctx) {
    const tenant = positional(args, 0, 'the tenant id', 'ledgerbridge matching refresh demo');
    if (hasFlag(args, 'suppliers') && hasFlag(args, 'transactions')) throw new CliError('--suppliers and --transactions exclude each other; give neither for a full refresh', EXIT.usage);
    const scope: MatchingScope = hasFlag(args, 'suppliers') ? 'suppliers' : hasFlag(args, 'transactions') ? 'transactions' : 'all';
    await tenantDb(ctx, tenant);
    const handle = await startMatchingRun(await ctx.temporal(), tenant, scope);
    const workflowId = handle.workflowId;
    ctx.out.note(`matching run of tenant ${tenant} started (${scope}): workflow ${workflowId}`);
    if (!hasFlag(args, 'wait')) {
      if (ctx.out.json) ctx.out.record({ tenant, workflowId });
      else ctx.out.say(workflowId);
      ctx.out.say(`next: ledgerbridge matching list ${tenant}   (or follow one: ledgerbridge matching refresh ${tenant} --wait)`);
      return EXIT.ok;
    }
    const progress = createProgress();
    const followed = await ctx.waitOnWorkflow(workflowId, (client) => followMatchingRun(client, workflowId, (p) => progress.update(...progressLine(p))));
    progress.done();
    if (followed.kind === 'waiting') {
      if (ctx.out.json) ctx.out.record({ tenant, workflowId, outcome: 'needs-attention', progress: followed.view });
      ctx.out.say(`the matching run of tenant ${tenant} needs attention: ${followed.view.attention ?? 'see the workflow'}`);
      ctx.out.say(`next: fix it, then: ledgerbridge matching retry ${tenant} ${workflowId}   (or: ledgerbridge matching cancel ${tenant} ${workflowId})`);
      return EXIT.notOk;
    }
    const { summary } = followed;
    if (ctx.out.json) ctx.out.record({ tenant, workflowId, outcome: 'completed', summary });
    else printSummary(ctx.out, tenant, summary);
    return summary.records?.refused ? EXIT.notOk : EXIT.ok;
  },
};

function progressLine(p: MatchingProgress): [string, number | undefined] {
  const s = p.summary;
  const windows = p.windows.total ? ` · window ${p.windows.done}/${p.windows.total}` : '';
  return [`${p.stage}${windows} · ${s.lines} lines · ${s.transactions.added} new · ${s.transactions.changed} changed`, p.windows.total ? p.windows.done / p.windows.total : undefined];
}

function printSummary(out: Output, tenant: string, s: MatchingSummary): void {
  if (s.suppliers !== undefined) out.say(`suppliers sent to CostTracker: ${s.suppliers}`);
  if (s.scope === 'suppliers') return;
  out.say(`ledger lines read: ${s.lines}; transactions new: ${s.transactions.added}, changed: ${s.transactions.changed}, sent to CostTracker: ${s.transactions.pushed}`);
  if (s.transactions.withoutSupplier) out.say(`vouchers without a supplier (their lines cannot match by supplier): ${s.transactions.withoutSupplier}`);
  if (s.orders) out.say(`purchase orders: ${s.orders.open} open or partly invoiced, ${s.orders.closed} closed`);
  if (s.matched) out.say(`auto-matched: ${s.matched['auto-matched']}, ambiguous: ${s.matched.ambiguous}, unmatched: ${s.matched.unmatched}, manual taken as given: ${s.matched.fixed}`);
  if (s.records) out.say(`match records sent: ${s.records.pushed}${s.records.refused ? `; refused by CostTracker: ${s.records.refused} (see ledgerbridge log ${tenant} --flow matching)` : ''}`);
  for (const w of s.orderWarnings) out.say(`warning: ${w}`);
  out.say(`next: ledgerbridge matching list ${tenant} --ambiguous`);
}

const FILTERS: Record<string, MatchQuery> = {
  unmatched: { outcome: 'unmatched' },
  ambiguous: { outcome: 'ambiguous' },
  auto: { outcome: 'auto-matched', source: 'auto' },
  manual: { source: 'manual' },
};

export const matchingList: Command = {
  name: 'matching list',
  summary: "A tenant's transactions and how each was matched: the rule, or who matched it by hand and when, with links to the PO and the invoice",
  usage: 'matching list <tenant> [--unmatched | --ambiguous | --auto | --manual] [--limit n] [--json]',
  examples: ['ledgerbridge matching list demo', 'ledgerbridge matching list demo --ambiguous', "ledgerbridge matching list demo --manual --json | jq -r '.[] | .transaction'"],
  booleans: Object.keys(FILTERS),
  async run(args, ctx) {
    const tenant = positional(args, 0, 'the tenant id', 'ledgerbridge matching list demo');
    const chosen = Object.keys(FILTERS).filter((f) => hasFlag(args, f));
    if (chosen.length > 1) throw new CliError(`--${chosen.join(' and --')} exclude each other: give one`, EXIT.usage);
    const limit = Number(flag(args, 'limit') ?? 200);
    if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit ${flag(args, 'limit')}: a whole number of rows, e.g. --limit 50`, EXIT.usage);
    const rows = await createMatchingResultRepo(await tenantDb(ctx, tenant)).list(tenant, { ...(chosen[0] ? FILTERS[chosen[0]] : {}), limit });
    if (ctx.out.json) {
      ctx.out.table(rows.map(publicView));
      return EXIT.ok;
    }
    ctx.out.table(rows.map((v) => {
      const r = v.result;
      return {
        transaction: v.transaction.id, date: v.transaction.date, supplier: v.transaction.supplier ?? '—', amount: displayMinor(v.transaction.amount, v.transaction.currency),
        outcome: r.source === 'manual' ? `manual ${r.outcome}` : r.outcome, po: r.po ?? (r.outcome === 'ambiguous' ? r.candidates.join(' | ') : ''),
        'rule / by': r.source === 'manual' ? `${r.by} ${r.at.toISOString().slice(0, 16).replace('T', ' ')}` : r.rule ?? '',
        links: [r.po && orderUrl(r.po), invoiceUrl(v.transaction.voucherNo)].filter(Boolean).join(' '),
      };
    }), ['transaction', 'date', 'supplier', 'amount', 'outcome', 'po', 'rule / by', 'links']);
    const ambiguous = rows.find((v) => v.result.outcome === 'ambiguous');
    if (ambiguous) ctx.out.say(`\nwhy a transaction was not matched: ledgerbridge matching show ${tenant} ${ambiguous.transaction.id}`);
    return EXIT.ok;
  },
};

export function publicView(v: MatchView): Record<string, unknown> {
  const { tenantId: _t, transactionId, decidedHash: _d, recordHash: _r, pushedHash: _p, ...result } = v.result;
  return {
    transaction: transactionId, ...result, date: v.transaction.date, supplier: v.transaction.supplier, amount: v.transaction.amount, currency: v.transaction.currency,
    voucher: v.transaction.voucherNo, poUrl: result.po ? orderUrl(result.po) : undefined, invoiceUrl: invoiceUrl(v.transaction.voucherNo),
  };
}

export const matchingShow: Command = {
  name: 'matching show',
  summary: 'One transaction: the rule that matched, or every rule\'s verdict and candidates (why it did or did not match), and the warnings',
  usage: 'matching show <tenant> <transaction> [--json]\n\n<transaction> is the 24SevenOffice ledger line id, as `matching list` shows it.',
  examples: ['ledgerbridge matching show demo 6f1c…', 'ledgerbridge matching show demo 6f1c… --json | jq .verdicts'],
  async run(args, ctx) {
    const example = 'ledgerbridge matching show demo <transaction>';
    const tenant = positional(args, 0, 'the tenant id', example);
    const id = await transactionOf(ctx, tenant, positional(args, 1, 'the transaction (ledger line id)', example));
    const view = (await createMatchingResultRepo(await tenantDb(ctx, tenant)).get(tenant, id))!;
    if (ctx.out.json) {
      ctx.out.record(publicView(view));
      return EXIT.ok;
    }
    const t = view.transaction;
    const r = view.result;
    ctx.out.record({
      transaction: t.id, date: t.date, supplier: t.supplier ?? '(none)', project: t.project, department: t.department, account: t.account,
      amount: displayMinor(t.amount, t.currency), 'po field': t.poField, description: t.description, invoice: invoiceUrl(t.voucherNo),
      outcome: r.source === 'manual' ? `${r.outcome} by hand` : r.outcome, po: r.po ? `${r.po} (${orderUrl(r.po)})` : undefined,
      rule: r.rule, by: r.by, at: r.at.toISOString(), 'in CostTracker': r.pushedHash ? (r.pushedPo ?? 'unmatched') : 'not yet', refused: r.refused,
    });
    if (r.verdicts.length) {
      ctx.out.say('\nRules, in the order they ran:');
      ctx.out.table(r.verdicts.map((v) => ({ rule: v.rule, verdict: v.verdict, candidates: v.candidates.join(', '), why: v.note })), ['rule', 'verdict', 'candidates', 'why']);
    }
    if (r.outcome === 'ambiguous') ctx.out.say(`\ncandidates: ${r.candidates.join(', ')}; choose one: ledgerbridge matching match ${tenant} ${t.id} <po>`);
    if (r.warnings.length) {
      ctx.out.say('\nWarnings:');
      for (const w of r.warnings) ctx.out.say(`  - ${w}`);
    }
    return EXIT.ok;
  },
};

export const matchingMatch: Command = {
  name: 'matching match',
  summary: 'Match a transaction to a PO by hand (validated: PO open, same supplier and currency, amount within what is left); no automatic run undoes it',
  usage: 'matching match <tenant> <transaction> <po> [--by name] [--json]\n\n--by defaults to $USER.',
  examples: ['ledgerbridge matching match demo 6f1c… 2026-0042 --by kari', 'ledgerbridge matching match demo 6f1c… PO-2026-0042'],
  run: (args, ctx) => manual(args, ctx, true),
};

export const matchingUnmatch: Command = {
  name: 'matching unmatch',
  summary: 'Say a transaction has no PO: it is left alone by every automatic run, and CostTracker shows it unmatched',
  usage: 'matching unmatch <tenant> <transaction> [--by name] [--json]',
  examples: ['ledgerbridge matching unmatch demo 6f1c… --by kari'],
  run: (args, ctx) => manual(args, ctx, false),
};

/** A ledger line id as typed: whole, or its first characters when they name one transaction of the tenant. */
async function transactionOf(ctx: CommandContext, tenant: string, typed: string): Promise<string> {
  const ids = await createMatchingResultRepo(await tenantDb(ctx, tenant)).idsFor(tenant, typed);
  if (ids.length === 1) return ids[0]!;
  if (ids.length === 0) throw new CliError(`tenant ${tenant} has no decision for transaction ${typed}: see ledgerbridge matching list ${tenant} (a transaction appears once a run has read and matched it)`, EXIT.notFound);
  throw new CliError(`transaction ${typed} is the beginning of more than one ledger line id of tenant ${tenant}: type more of it (ledgerbridge matching list ${tenant} shows them)`, EXIT.usage);
}

async function manual(args: ParsedArgs, ctx: CommandContext, match: boolean): Promise<number> {
  const example = match ? 'ledgerbridge matching match demo <transaction> 2026-0042' : 'ledgerbridge matching unmatch demo <transaction>';
  const tenant = positional(args, 0, 'the tenant id', example);
  const transaction = await transactionOf(ctx, tenant, positional(args, 1, 'the transaction (ledger line id)', example));
  const po = match ? positional(args, 2, 'the PO number', example) : undefined;
  const by = flag(args, 'by') ?? process.env.USER ?? process.env.USERNAME;
  if (!by) throw new CliError(`say who decides: ${example} --by <name>`, EXIT.usage);
  await tenantDb(ctx, tenant);
  let outcome;
  try {
    outcome = await ctx.waitOnWorkflow(matchingDeskId(tenant), (client) => sendManualMatch(client, tenant, { transaction, ...(po && { po }), by }));
  } catch (err) {
    const e = err as Error & { cause?: Error };
    if (e.name === 'WorkflowUpdateFailedError') throw new CliError(`${match ? 'match' : 'unmatch'} refused: ${e.cause?.message ?? e.message}`, EXIT.conflict);
    throw err;
  }
  if (ctx.out.json) ctx.out.record({ tenant, ...outcome });
  else ctx.out.say(`transaction ${transaction} ${po ? `matched to PO ${po}` : 'unmatched'} by ${by}${outcome.refused ? `; but CostTracker refused it: ${outcome.refused}` : '; CostTracker has it'}`);
  ctx.out.say(`next: ledgerbridge matching show ${tenant} ${transaction}`);
  return outcome.refused ? EXIT.notOk : EXIT.ok;
}
