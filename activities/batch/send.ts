/**
 * Send one chunk with SaveBundleList, exactly once. The chunk's idempotency record is written before the call
 * and marked sent just before it; an attempt that finds it "sent" (the last answer was lost) looks the vouchers
 * up in the ledger before writing anything. DuplicateData counts as "already there" only when what is there is
 * what we sent; otherwise a person must look (API doc §4: numbers are not reserved, another writer may collide).
 */
import { createHash } from 'node:crypto';
import { heartbeat } from '@temporalio/activity';
import { isConnectorError } from '../../connectors/errors';
import type { BatchRef, SendResult } from '../../domain/batch/flow';
import { batchLabel } from '../../domain/batch/flow';
import { createExportLogRepo, createIdempotencyRepo } from '../../db/repos';
import type { ActivityDeps } from '../deps';
import { withFailures } from '../failures';
import { attention, loadMapping, loadSettings, openTarget, repos, TARGET } from './context';
import { bundlesOf, entriesOf, ledgerLines, matchesSent, numbered } from './ledger';

export async function sendChunk(deps: ActivityDeps, input: BatchRef & { chunk: number; saveTo: 'journal' | 'ledger' }): Promise<SendResult> {
  return withFailures(async () => {
    const { batches } = repos(deps);
    const label = batchLabel(input.batchId);
    const rows = await batches.vouchers(input.tenant, input.batchId, input.chunk);
    const vouchers = rows.map(numbered);
    const done = (outcome: SendResult['outcome']): SendResult => ({ chunk: input.chunk, vouchers: vouchers.length, outcome });
    if (rows.every((r) => r.state === 'saved' || r.state === 'posted')) return done('already-there');

    const [mapping, settings, target] = await Promise.all([loadMapping(deps, input.tenant), loadSettings(deps, input.tenant), openTarget(deps, input)]);
    const subledger = new Set(settings.subledgerAccounts);
    const entries = new Map(vouchers.map((v) => [v.sourceId, entriesOf(v, mapping, subledger)]));
    const bundles = bundlesOf(vouchers, (v) => entries.get(v.sourceId)!, `Telaris ${label}`);
    const requestHash = createHash('sha256').update(JSON.stringify(bundles)).digest('base64url');

    const idem = createIdempotencyRepo(deps.db);
    const key = `batch/${input.batchId}/chunk/${input.chunk}`;
    const { record } = await idem.reserve(input.tenant, TARGET, key, requestHash);

    /** Are these vouchers in the ledger exactly as sent? 'none' when none of them is there. */
    const lookUp = async (): Promise<'all' | 'none' | 'mismatch'> => {
      // Only an uncertain outcome pays for GetTypeList: the normal path is one SaveBundleList per chunk.
      const typeIds = new Map((await target.voucherTypes()).map((t) => [t.typeNo, t.id]));
      const found = await ledgerLines(target, vouchers, typeIds);
      if (found.size === 0) return 'none';
      const same = vouchers.every((v) => found.has(v.transactionNo) && matchesSent(entries.get(v.sourceId)!, found.get(v.transactionNo)!));
      return same ? 'all' : 'mismatch';
    };
    const mismatch = (why: string) => attention('DuplicateMismatch', `tenant ${input.tenant}, batch ${label}, chunk ${input.chunk + 1}: ${why}; ` +
      `transaction numbers ${vouchers[0]!.transactionNo}–${vouchers[vouchers.length - 1]!.transactionNo} are taken by other vouchers in 24SevenOffice. ` +
      'Check them in 24SevenOffice (Accounting → Transactions), then retry or cancel');
    const saved = async (outcome: SendResult['outcome'], message: string) => {
      await idem.confirm(input.tenant, TARGET, key, `${vouchers[0]!.transactionNo}-${vouchers[vouchers.length - 1]!.transactionNo}`);
      await batches.markChunk(input.tenant, input.batchId, input.chunk, input.saveTo === 'ledger' ? 'posted' : 'saved');
      await createExportLogRepo(deps.db).recordAll(vouchers.map((v) => ({
        tenant: input.tenant, flow: 'batch', entityType: 'voucher', sourceId: v.sourceId, targetId: String(v.transactionNo),
        outcome: outcome === 'sent' ? 'ok' : 'duplicate', message, workflowId: input.workflowId,
      })));
      return done(outcome);
    };

    const uncertain = record.state === 'sent' || record.state === 'confirmed';
    if (record.state === 'confirmed') return saved('already-there', 'already saved by an earlier attempt');
    if (uncertain && input.saveTo === 'ledger') {
      const there = await lookUp();
      if (there === 'all') return saved('already-there', 'found in the ledger after an uncertain answer; not sent again');
      if (there === 'mismatch') throw mismatch('the ledger holds different vouchers under our numbers');
    }

    heartbeat({ chunk: input.chunk });
    await idem.markSent(input.tenant, TARGET, key);
    const outcome = await target.saveBundles(bundles, { mode: input.saveTo }).catch((err: unknown) => {
      // 'Exception' answers (a closed period, a missing reference) refuse the whole call, like NotSaved.
      if (isConnectorError(err, 'Rejected')) return { kind: 'rejected' as const, description: err.message };
      throw err;
    });
    switch (outcome.kind) {
      case 'ok':
        return saved('sent', input.saveTo === 'ledger' ? 'posted to the ledger' : 'saved to the journal for posting');
      case 'duplicate':
      case 'alreadySaved': {
        if (input.saveTo === 'ledger') {
          if ((await lookUp()) === 'all') return saved('already-there', `24SevenOffice answered ${outcome.kind}; the ledger holds exactly these vouchers`);
          throw mismatch(`24SevenOffice answered ${outcome.kind} (${outcome.description})`);
        }
        // Journal vouchers cannot be read back before posting: ours only if we sent this very request before.
        if (uncertain && record.requestHash === requestHash) return saved('already-there', 'saved to the journal by an earlier attempt whose answer was lost');
        throw mismatch(`24SevenOffice answered ${outcome.kind} (${outcome.description})`);
      }
      case 'rejected':
        await idem.fail(input.tenant, TARGET, key);
        await createExportLogRepo(deps.db).recordAll(vouchers.map((v) => ({
          tenant: input.tenant, flow: 'batch', entityType: 'voucher', sourceId: v.sourceId, targetId: null, outcome: 'failed',
          message: outcome.description, workflowId: input.workflowId,
        })));
        throw attention('Rejected', `tenant ${input.tenant}, batch ${label}, chunk ${input.chunk + 1}: 24SevenOffice refused the vouchers: ${firstLines(outcome.description)}; ` +
          'fix the cause (e.g. open the period) and retry; nothing of this chunk was saved');
    }
  });
}

/** A refusal lists every entry; an operator needs the first few and the count. */
function firstLines(text: string, keep = 3): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.length <= keep ? lines.join('; ') : `${lines.slice(0, keep).join('; ')} (and ${lines.length - keep} more)`;
}
