/**
 * Send one chunk of a batch with SaveBundleList, exactly once per voucher (activities/postVouchers.ts). The
 * chunk is only the unit of work: every voucher carries its document's identity, so a chunk cut differently
 * after a cancel and a new chunk size sends what is missing and nothing twice. The voucher states and their
 * export-log lines are written in the transaction that confirms them.
 */
import { heartbeat } from '@temporalio/activity';
import type { BatchRef, SendResult } from '../../domain/batch/flow';
import { batchLabel } from '../../domain/batch/flow';
import { createBatchRepo, createExportLogRepo } from '../../db/repos';
import type { ActivityDeps } from '../deps';
import { withFailures } from '../failures';
import { isEdgeRefusal, type Resolution } from '../exactlyOnce';
import { postVouchers, type VoucherToPost } from '../postVouchers';
import { numberRanges } from '../../connectors/24sevenoffice/posting';
import { attention, loadMapping, loadSettings, openTargetWithSettings, repos } from './context';
import { toPost } from './entries';
import { metrics } from '../../platform/metrics';

export interface SendChunkInput extends BatchRef {
  chunk: number;
  saveTo: 'journal' | 'ledger';
  /** What an operator saw in the journal after a lost answer (`batch retry --in-journal | --resend`). */
  resolution?: Resolution;
}

export async function sendChunk(deps: ActivityDeps, input: SendChunkInput): Promise<SendResult> {
  return withFailures(async () => {
    const { batches } = repos(deps);
    const label = batchLabel(input.batchId);
    const rows = await batches.vouchers(input.tenant, input.batchId, input.chunk);
    const waiting = rows.filter((r) => r.state !== 'saved' && r.state !== 'posted');
    const done = (outcome: SendResult['outcome'], sent: number): SendResult => ({ chunk: input.chunk, vouchers: rows.length, sent, outcome });
    if (waiting.length === 0) return done('already-there', 0);

    const [mapping, settings, { target, settings: targetSettings }] = await Promise.all([
      loadMapping(deps, input.tenant), loadSettings(deps, input.tenant), openTargetWithSettings(deps, input),
    ]);
    const subledger = new Set(settings.subledgerAccounts);
    const vouchers = waiting.map((r) => toPost(r, mapping, subledger));
    const sourceOf = new Map(vouchers.map((v) => [v.key, v.sourceId]));
    const where = `tenant ${input.tenant}, batch ${label}, chunk ${input.chunk + 1} (vouchers ${numberRanges(vouchers.map((v) => v.request))})`;
    const logLine = (sourceId: string, targetId: string | null, outcome: 'ok' | 'duplicate' | 'failed', message: string) => ({
      tenant: input.tenant, flow: 'batch', entityType: 'voucher', sourceId, targetId, outcome, message, workflowId: input.workflowId,
    });

    heartbeat({ chunk: input.chunk });
    try {
      const outcome = await postVouchers(deps.db, {
        tenant: input.tenant, target, saveTo: input.saveTo, bundleName: `Telaris ${label}`, vouchers,
        journalRefusesUsedNumbers: targetSettings.journalRefusesUsedNumbers, resolution: input.resolution,
        onSending: (out) => batches.recordSent(input.tenant, input.batchId, out.map((v) => ({ sourceId: sourceOf.get(v.key)!, entries: v.request.entries }))),
        async onConfirmed(tx, confirmed) {
          await createBatchRepo(tx).markVouchers(input.tenant, input.batchId, confirmed.map((c) => sourceOf.get(c.document.key)!), input.saveTo === 'ledger' ? 'posted' : 'saved');
          await createExportLogRepo(tx).recordAll(confirmed.map((c) => logLine(
            sourceOf.get(c.document.key)!, c.externalId, c.how === 'sent' ? 'ok' : 'duplicate',
            c.how === 'sent' ? (input.saveTo === 'ledger' ? 'posted to the ledger' : 'saved to the journal for posting') : CONFIRMED[c.how],
          )));
        },
        async onRefused(tx, refused, reason) {
          await createBatchRepo(tx).unsend(input.tenant, input.batchId, refused.map((v) => sourceOf.get(v.key)!));
          await createExportLogRepo(tx).recordAll(refused.map((v) => logLine(sourceOf.get(v.key)!, null, 'failed', reason)));
        },
        counted: { counter: metrics.vouchersPosted, flow: 'batch' },
      });
      return done(outcome.sent.length > 0 ? 'sent' : 'already-there', outcome.sent.length);
    } catch (err) {
      if (!isEdgeRefusal(err)) throw err;
      switch (err.kind) {
        case 'refused':
          throw attention('Rejected', `${where}: 24SevenOffice refused the vouchers: ${firstLines(err.reason)}; ` +
            `fix the cause (e.g. open the period) and retry: ledgerbridge batch retry ${input.tenant} ${input.batchId}`);
        case 'conflict':
          throw attention('DuplicateMismatch', `${where}: ${firstLines(err.reason)}; ${err.documents.length} voucher number(s) are held by other vouchers in 24SevenOffice ` +
            `(Accounting → Transactions, or the journal). Draw new numbers for them and send again: ledgerbridge batch renumber ${input.tenant} ${input.batchId}`);
        case 'unknown':
          throw attention('OutcomeUnknown', `${where}: the answer to saving ${err.documents.length} voucher(s) in the journal was lost, and 24SevenOffice's journal cannot be read ` +
            `through its API. Look in 24SevenOffice under Accounting → Posting for the incoming batch "Telaris ${label} · ${numberRanges(err.documents.map((d) => (d as VoucherToPost).request))}". ` +
            `If it is there: ledgerbridge batch retry ${input.tenant} ${input.batchId} --in-journal; if it is not: ledgerbridge batch retry ${input.tenant} ${input.batchId} --resend`);
      }
    }
  });
}

const CONFIRMED = {
  found: 'found in 24SevenOffice after an uncertain answer; not sent again',
  'taken-by-us': '24SevenOffice refused a repeat of our own earlier save (DuplicateData): already there',
  operator: 'an operator saw it in the journal after an uncertain answer; not sent again',
} as const;

/** A refusal lists every entry; an operator needs the first few and the count. */
function firstLines(text: string, keep = 3): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.length <= keep ? lines.join('; ') : `${lines.slice(0, keep).join('; ')} (and ${lines.length - keep} more)`;
}
