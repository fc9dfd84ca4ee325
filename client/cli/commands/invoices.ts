/**
 * `ledgerbridge invoices run | list | show`: the invoice transfer Visma Severa → Talenom. A run lists what waits in
 * Severa and transfers each invoice in a workflow of its own; an invoice that needs a person waits there for
 * `invoices retry` (after the fix) or `invoices cancel` (see invoiceDecisions.ts).
 */
import type { Command } from '../command';
import type { CommandContext } from '../context';
import { CliError, EXIT, type Output } from '../output';
import { flag, hasFlag, positional } from '../args';
import { createProgress } from '../progress';
import { createExportLogRepo, createInvoiceTransferRepo, createTenantRepo, type InvoiceTransfer, type InvoiceTransferQuery } from '../../../db/repos';
import type { Db } from '../../../db';
import type { RunSummary } from '../../../activities/invoices';
import type { InvoiceRunView } from '../../../workflows/invoiceTransferRun';
import { displayMinor } from '../../../domain/money';
import { readRuntime, workflowUiUrl } from '../../../platform/config';
import { findInvoice, followInvoiceRun, invoiceWorkflowId, runningInvoiceView, startInvoiceRun } from '../../invoices';

/** The tenant's database, once the tenant is known to exist. */
export async function invoiceDb(ctx: CommandContext, tenant: string): Promise<Db> {
  const { db } = await ctx.database();
  await createTenantRepo(db).get(tenant);
  return db;
}

/** An invoice by Severa guid or number, or a refusal that says where to find the right one (exit 4). */
export async function invoiceOf(db: Db, tenant: string, invoice: string): Promise<InvoiceTransfer> {
  return findInvoice(db, tenant, invoice).catch((err: Error) => { throw new CliError(err.message, EXIT.notFound); });
}

export const invoicesRun: Command = {
  name: 'invoices run',
  summary: 'Transfer the invoices waiting in Visma Severa to Talenom now (the schedule does it at the agreed time); --wait follows it',
  usage: 'invoices run <tenant> [--wait] [--json]\n\n' +
    'With --wait: progress on stderr, then what was transferred, what needs attention (with the command that retries it)\n' +
    'and the anomalies with their fix; exit 0 when all went through, 1 when an invoice needs attention.',
  examples: ['ledgerbridge invoices run demo', 'ledgerbridge invoices run demo --wait', "ledgerbridge invoices run demo --wait --json | jq '.summary.needsAttention'"],
  booleans: ['wait'],
  async run(args, ctx) {
    const tenant = positional(args, 0, 'the tenant id', 'ledgerbridge invoices run demo');
    const db = await invoiceDb(ctx, tenant);
    const handle = await startInvoiceRun(await ctx.temporal(), tenant);
    const workflowId = handle.workflowId;
    ctx.out.note(`invoice transfer run of tenant ${tenant} started: workflow ${workflowId}`);
    if (!hasFlag(args, 'wait')) {
      if (ctx.out.json) ctx.out.record({ tenant, workflowId });
      else ctx.out.say(workflowId);
      ctx.out.say(`next: ledgerbridge invoices list ${tenant}   (or follow the next one: ledgerbridge invoices run ${tenant} --wait)`);
      return EXIT.ok;
    }
    const progress = createProgress();
    const followed = await ctx.waitOnWorkflow(workflowId, (client) => followInvoiceRun(client, workflowId, (v) => progress.update(...progressLine(v))));
    if (followed.kind === 'waiting') {
      progress.done();
      const { view } = followed;
      if (ctx.out.json) ctx.out.record({ tenant, workflowId, outcome: 'needs-attention', view });
      ctx.out.say(`the run of tenant ${tenant} needs attention: ${view.attention ?? 'see the workflow'}`);
      ctx.out.say(`next: fix it, then: ledgerbridge invoices retry ${tenant} ${workflowId}   (or: ledgerbridge invoices cancel ${tenant} ${workflowId})`);
      return EXIT.notOk;
    }
    const { summary } = followed;
    progress.update(`done · ${summary.transferred.length} transferred · ${summary.needsAttention.length} need attention`, 1);
    progress.done();
    const waiting = await createInvoiceTransferRepo(db).list(tenant, { stage: 'needs-attention' });
    if (ctx.out.json) ctx.out.record({ tenant, workflowId, outcome: 'completed', summary });
    else printSummary(ctx.out, tenant, summary, waiting);
    return summary.needsAttention.length + summary.failed.length > 0 ? EXIT.notOk : EXIT.ok;
  },
};

function progressLine(v: InvoiceRunView): [string, number | undefined] {
  const s = v.summary;
  const done = s.transferred.length + s.alreadyTransferred.length + s.notWaiting.length + s.needsAttention.length + s.stillRunning.length + s.failed.length;
  return [`${v.stage} · ${v.waiting} waiting · ${s.transferred.length} transferred · ${s.needsAttention.length} need attention`, v.waiting ? done / v.waiting : undefined];
}

function printSummary(out: Output, tenant: string, s: RunSummary, waiting: InvoiceTransfer[]): void {
  const list = (xs: string[]) => xs.join(', ');
  out.say(`transferred: ${s.transferred.length}${s.transferred.length ? ` (${list(s.transferred)})` : ''}`);
  if (s.alreadyTransferred.length) out.say(`already transferred, nothing sent again: ${s.alreadyTransferred.length} (${list(s.alreadyTransferred)})`);
  if (s.notWaiting.length) out.say(`no longer waiting in Severa, nothing sent: ${list(s.notWaiting)}`);
  if (s.stillRunning.length) out.say(`still in progress from an earlier run: ${list(s.stillRunning)} (ledgerbridge invoices list ${tenant} --stage needs-attention)`);
  if (s.failed.length) out.say(`failed: ${list(s.failed)} (see ledgerbridge invoices show ${tenant} <invoice>; the next run tries again)`);
  if (s.needsAttention.length) {
    out.say(`needs attention: ${s.needsAttention.length}`);
    for (const number of s.needsAttention) {
      const row = waiting.find((r) => r.number === number || r.invoiceGuid === number);
      out.say(`  invoice ${number}: ${row?.attention ?? 'see ledgerbridge invoices show'}`);
      out.say(`    fix it, then: ledgerbridge invoices retry ${tenant} ${number}   (or: ledgerbridge invoices cancel ${tenant} ${number})`);
    }
  }
  const { neverTransferred, changedAfter } = s.anomalies;
  if (neverTransferred.length + changedAfter.length) out.say('anomalies:');
  for (const a of neverTransferred) {
    out.say(`  invoice ${a.number ?? a.guid}: in "transferred" in Severa but never transferred by ledgerbridge; fix: move it back to waiting in Severa, the next run transfers it`);
  }
  for (const a of changedAfter) {
    out.say(`  invoice ${a.number ?? a.guid}: changed in Severa after its transfer (${a.fields.join(', ')}), Talenom was not updated; fix: make the same change in Talenom, or credit the invoice in Severa and transfer a new one`);
  }
  if (s.more) out.say('more invoices wait than one run takes: the next run goes on');
}

/** `--stage` names as operators say them → the stages of invoice_transfers. */
const STAGE_FILTERS: Record<string, InvoiceTransferQuery> = {
  waiting: { stage: 'waiting' },
  transferring: { stages: ['preparing', 'sending', 'marking'] },
  transferred: { stage: 'transferred' },
  'needs-attention': { stage: 'needs-attention' },
  anomalies: { anomalies: true },
};

export const invoicesList: Command = {
  name: 'invoices list',
  summary: 'The invoices ledgerbridge knows for a tenant: where each transfer stands, what needs attention, the anomalies',
  usage: `invoices list <tenant> [--stage ${Object.keys(STAGE_FILTERS).join('|')}] [--json]`,
  examples: ['ledgerbridge invoices list demo', 'ledgerbridge invoices list demo --stage needs-attention', "ledgerbridge invoices list demo --json | jq -r '.[] | select(.stage == \"transferred\") | .number'"],
  async run(args, ctx) {
    const tenant = positional(args, 0, 'the tenant id', 'ledgerbridge invoices list demo');
    const stage = flag(args, 'stage');
    const filter = stage === undefined ? {} : STAGE_FILTERS[stage];
    if (!filter) throw new CliError(`--stage ${stage}: use one of ${Object.keys(STAGE_FILTERS).join(', ')}, e.g. ledgerbridge invoices list ${tenant} --stage needs-attention`);
    const rows = await createInvoiceTransferRepo(await invoiceDb(ctx, tenant)).list(tenant, filter);
    if (ctx.out.json) {
      ctx.out.table(rows.map(publicRow));
      return EXIT.ok;
    }
    ctx.out.table(rows.map((r) => ({
      number: r.number ?? r.invoiceGuid, customer: r.customer, total: displayMinor(r.totalMinor, r.currency), stage: r.stage,
      problem: shorten(r.attention ?? r.anomaly ?? (r.warnings.length ? `${r.warnings.length} warning(s)` : undefined)), updated: r.updatedAt.toISOString().slice(0, 16).replace('T', ' '),
    })), ['number', 'customer', 'total', 'stage', 'problem', 'updated']);
    const attention = rows.filter((r) => r.stage === 'needs-attention');
    if (attention.length) ctx.out.say(`\n${attention.length} invoice(s) need attention; see why: ledgerbridge invoices show ${tenant} ${attention[0]!.number ?? attention[0]!.invoiceGuid}`);
    return EXIT.ok;
  },
};

/** A row for scripts: everything but the Finvoice document itself (large; it is in Talenom). */
function publicRow({ document: _document, tenantId: _tenant, ...row }: InvoiceTransfer): Record<string, unknown> {
  return row;
}

function shorten(text: string | undefined | null, max = 60): string | undefined {
  if (!text) return undefined;
  const line = text.replace(/\s+/g, ' ');
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

export const invoicesShow: Command = {
  name: 'invoices show',
  summary: "One invoice's transfer: stage, warnings, anomaly, the live workflow (reason, next action), its export-log lines",
  usage: 'invoices show <tenant> <invoice> [--json]\n\n<invoice> is the Severa invoice number (10001) or its guid.',
  examples: ['ledgerbridge invoices show demo 10001', 'ledgerbridge invoices show demo 10001 --json | jq .live'],
  async run(args, ctx) {
    const example = 'ledgerbridge invoices show demo 10001';
    const tenant = positional(args, 0, 'the tenant id', example);
    const db = await invoiceDb(ctx, tenant);
    const row = await invoiceOf(db, tenant, positional(args, 1, 'the invoice number or guid', example));
    const workflowId = row.workflowId ?? invoiceWorkflowId(tenant, row.invoiceGuid);
    const live = await ctx.waitOnWorkflow(workflowId, (client) => runningInvoiceView(client, tenant, row.invoiceGuid));
    const log = await createExportLogRepo(db).list({ tenant, flow: 'invoice-transfer', sourceId: row.invoiceGuid, limit: 20 });
    const runtime = readRuntime();
    const ui = runtime?.uiUrl ? workflowUiUrl(runtime.uiUrl, runtime.namespace, workflowId) : undefined;
    const stage = live?.stage ?? row.stage;
    if (ctx.out.json) {
      ctx.out.record({ ...publicRow(row), live, log, ui });
      return stage === 'needs-attention' ? EXIT.notOk : EXIT.ok;
    }
    ctx.out.record({
      invoice: `${row.number ?? '(no number yet)'} (${row.invoiceGuid})`, customer: row.customer, total: displayMinor(row.totalMinor, row.currency),
      stage: row.stage, attention: row.attention, anomaly: row.anomaly, talenom: row.talenomId, transferred: row.transferredAt, workflow: workflowId, updated: row.updatedAt,
    });
    if (row.warnings.length) {
      ctx.out.say('\nWarnings:');
      for (const w of row.warnings) ctx.out.say(`  - ${w}`);
    }
    if (live) {
      ctx.out.say('\nLive (the workflow is running):');
      ctx.out.record({ stage: live.stage, reason: live.attention, next: live.nextAction, refused: live.refusals.length ? live.refusals.join(' | ') : undefined });
    }
    ctx.out.say('\nExport log:');
    ctx.out.table(log.map((l) => ({ at: l.at, outcome: l.outcome, message: l.message })), ['at', 'outcome', 'message']);
    if (ui) ctx.out.say(`\nTemporal UI: ${ui}`);
    return stage === 'needs-attention' ? EXIT.notOk : EXIT.ok;
  },
};
