/** `ledgerbridge batch close | list | show`: the month's Telaris batches and where each export stands. */
import type { Command } from '../command';
import { CliError, EXIT } from '../output';
import { flag, hasFlag, positional } from '../args';
import { batchWords, telarisAccess } from '../batchAccess';
import { delivered, printLive, printPreflight, printReconciliation, printRecord, type BatchFacts } from '../batchRecord';
import { createBatchRepo } from '../../../db/repos';
import { displayMinor, groupDigits } from '../../../domain/money';
import { closeTelarisBatch, telarisBatch, telarisBatches } from '../../telaris';
import { batchOverview, nextCommand, stateOfStage } from '../../batchOverview';
import { runningBatch } from '../../batchInspect';
import { batchWorkflowId } from '../../batches';

export const batchClose: Command = {
  name: 'batch close',
  summary: "Close the tenant's open Telaris batch: it becomes the month's next numbered batch, ready to export",
  usage: 'batch close <tenant> [--allow-empty] [--json]\n\nAn open batch without documents is refused (exit 5, "nothing to close") unless --allow-empty is given.',
  examples: ['ledgerbridge batch close demo', 'ledgerbridge batch close demo --json | jq -r .id', 'ledgerbridge batch close demo --allow-empty   # a numbered batch with no documents, on purpose'],
  booleans: ['allow-empty'],
  async run(args, ctx) {
    const tenant = positional(args, 0, 'the tenant id', 'ledgerbridge batch close demo');
    const batch = await closeTelarisBatch(await telarisAccess(ctx, tenant), tenant, { allowEmpty: hasFlag(args, 'allow-empty') });
    if (ctx.out.json) ctx.out.record({ ...batch, next: `ledgerbridge batch export ${tenant} ${batch.id}` });
    else ctx.out.say(`closed ${batch.label}, ${groupDigits(batch.documentCount)} documents, ${displayMinor(batch.totals.debit)}`);
    ctx.out.say(`next: ledgerbridge batch export ${tenant} ${batch.id}`);
    return EXIT.ok;
  },
};

export const batchList: Command = {
  name: 'batch list',
  summary: "Every batch of the month in Telaris with its export state: which still need export, which are posted",
  usage: 'batch list <tenant> [--period YYYY-MM] [--json]',
  examples: ['ledgerbridge batch list demo', 'ledgerbridge batch list demo --period 2026-10', "ledgerbridge batch list demo --json | jq -r '.[] | select(.state == \"closed\") | .batchId'"],
  async run(args, ctx) {
    const tenant = positional(args, 0, 'the tenant id', 'ledgerbridge batch list demo');
    const period = flag(args, 'period');
    if (period !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw new CliError(`--period ${period}: use YYYY-MM, e.g. --period 2026-11`);
    const access = await telarisAccess(ctx, tenant);
    const { open, closed } = await telarisBatches(access, tenant, period);
    const stored = await createBatchRepo(access.db).list(tenant);
    // The open batch belongs to "now": shown unless another month was asked for.
    const rows = batchOverview(tenant, period ? undefined : open, closed, stored);
    if (ctx.out.json) {
      ctx.out.table(rows as unknown as Record<string, unknown>[]);
      return EXIT.ok;
    }
    ctx.out.table(rows.map((r) => ({ batch: r.batchId ?? '(open)', label: r.label, state: r.state, documents: groupDigits(r.documents), debit: displayMinor(r.debitMinor), next: r.next })),
      ['batch', 'label', 'state', 'documents', 'debit', 'next']);
    const waiting = rows.filter((r) => r.state === 'closed');
    if (waiting.length > 0) ctx.out.say(`\n${waiting.length} batch(es) still need export; next: ${waiting[0]!.next}`);
    return EXIT.ok;
  },
};

export const batchShow: Command = {
  name: 'batch show',
  summary: "One batch's export: stage, totals per voucher type, every preflight problem, reconciliation, live status",
  usage: 'batch show <tenant> <batch> [--json]',
  examples: ['ledgerbridge batch show demo 2026-11-3', 'ledgerbridge batch show demo 2026-11-3 --json | jq .stored.preflight.problems'],
  async run(args, ctx) {
    const { tenant, batchId } = batchWords(args, 'batch show');
    const access = await telarisAccess(ctx, tenant);
    const batches = createBatchRepo(access.db);
    const stored = await batches.find(tenant, batchId);
    const running = await ctx.waitOnWorkflow(batchWorkflowId(tenant, batchId), (client) => runningBatch(client, tenant, batchId));
    const live = running?.view;
    if (!stored) {
      // Not exported by ledgerbridge (yet): what Telaris says about it.
      const telaris = await telarisBatch(access, tenant, batchId);
      if (!telaris) throw new CliError(`tenant ${tenant} has no batch ${batchId} in Telaris or ledgerbridge: see ledgerbridge batch list ${tenant}`, EXIT.notFound);
      const state = telaris.status === 'exported' ? 'exported' : 'closed';
      const next = live?.nextAction ?? nextCommand(tenant, batchId, state);
      ctx.out.record(ctx.out.json ? { batchId, state, telaris, live, retrying: running?.pending, next } : {
        batch: `${telaris.label} (${batchId})`, state: state === 'closed' ? 'closed in Telaris, not exported' : `exported outside ledgerbridge at ${telaris.exportedAt}`,
        documents: groupDigits(telaris.documentCount), debit: displayMinor(telaris.totals.debit), closed: telaris.closedAt,
      });
      if (live) printLive(ctx.out, live, running.pending);
      if (next) ctx.out.say(`\nnext: ${next}`);
      return EXIT.ok;
    }
    const facts: BatchFacts = { states: await batches.countByState(tenant, batchId) };
    const stage = live?.stage ?? stored.stage;
    const next = live?.nextAction ?? nextCommand(tenant, batchId, stateOfStage(stage));
    if (ctx.out.json) ctx.out.record({ batchId, state: stateOfStage(stage), stored, chunkSize: stored.chunkSize, sent: delivered(facts.states), live, retrying: running?.pending, next });
    else {
      printRecord(ctx.out, stored, live, facts);
      printPreflight(ctx.out, stored);
      printReconciliation(ctx.out, stored, facts);
      if (live) printLive(ctx.out, live, running.pending);
      if (next) ctx.out.say(`\nnext: ${next}`);
    }
    return stage === 'needs-attention' ? EXIT.notOk : EXIT.ok;
  },
};
