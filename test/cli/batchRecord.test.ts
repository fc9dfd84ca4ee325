/**
 * `batch show`'s record of a batch whose export went wrong half way: counts read as counts, "sent" is what the
 * vouchers' states say reached 24SevenOffice, a retried step names its attempt and failure, and identical
 * preflight problems are one row with their count.
 */
import type { Batch } from '../../db/repos';
import { printLive, printPreflight, printReconciliation, printRecord, retryLine } from '../../client/cli/batchRecord';
import { createOutput } from '../../client/cli/output';
import type { BatchView } from '../../workflows/batchState';

function printed(print: (out: ReturnType<typeof createOutput>) => void): string {
  let text = '';
  print(createOutput(false, (s) => { text += s; return true; }, () => true));
  return text;
}

/** A batch of 1 000 vouchers of which 790 reached the ledger, the rest never left. */
function aHalfPostedBatch(overrides: Partial<Batch> = {}): Batch {
  return {
    tenantId: 'acme', batchId: '2026-11-3', label: '2026-11 #3', workflowId: 'acme/batch/2026-11-3', postingMode: 'direct', stage: 'needs-attention',
    voucherCount: 1000, chunkCount: 17, chunkSize: 25, totalMinor: 12_345_600, totals: {}, preflight: null,
    reconciliation: {
      ok: false, at: '2026-11-30T10:00:00.000Z',
      differences: [
        { dimension: 'vouchers', key: 'count', sent: 1000, found: 790, message: '1000 vouchers in the batch, 790 found in the ledger; missing transaction numbers 80791, 80792 …' },
        { dimension: 'account', key: '3000', sent: -1_000_000, found: -790_000, message: 'account 3000: sent NOK -10 000.00, ledger has NOK -7 900.00 (difference NOK 2 100.00)' },
      ],
    },
    attention: 'reconciliation found 2 difference(s)', approvedBy: null, approvedAt: null, postedAt: null, exportedAt: null,
    createdAt: new Date('2026-11-30T09:00:00Z'), updatedAt: new Date('2026-11-30T10:00:00Z'),
    ...overrides,
  };
}

const states = { posted: 790, staged: 210 };

test('the reconciliation prints the voucher-count row as counts, with what was really sent', () => {
  const text = printed((out) => printReconciliation(out, aHalfPostedBatch(), { states }));
  const vouchersRow = text.split('\n').find((l) => l.startsWith('vouchers'))!;
  expect(vouchersRow).toMatch(/^vouchers\s+count\s+790\s+790\s+1 000 vouchers in the batch, 790 sent, 790 found in the ledger; missing transaction numbers 80791, 80792 …$/);
  expect(vouchersRow).not.toContain('NOK');
  expect(text).toMatch(/^account\s+3000\s+NOK -10 000.00\s+NOK -7 900.00\s+account 3000/m); // money stays money
});

test('the record shows the chunk size of the current export and the vouchers that were sent, by state', () => {
  // Re-exported with chunks of 60: staging records the current export's size on the row.
  const text = printed((out) => printRecord(out, aHalfPostedBatch({ chunkSize: 60 }), undefined, { states: { ...states, posted: 700, saved: 90 } }));
  expect(text).toMatch(/^vouchers\s+1 000 in 17 chunk\(s\) of up to 60$/m);
  expect(text).toMatch(/^sent\s+790 of 1 000 \(700 posted, 90 in the journal\)$/m);
});

test('a step being retried names its attempt, its last failure and when it runs next', () => {
  const view: BatchView = { tenant: 'acme', batchId: '2026-11-3', label: '2026-11 #3', mode: 'direct', stage: 'sending', vouchers: 1000, chunks: { sent: 8, total: 17 }, refusals: [] };
  const pending = [{ activity: 'sendChunk', attempt: 4, maximumAttempts: 20, lastFailure: '24SevenOffice answered HTTP 500', nextAttemptAt: '2026-11-30T10:00:16.000Z' }];
  expect(printed((out) => printLive(out, view, pending))).toContain(
    'retrying: sendChunk, attempt 4 of 20; last failure: 24SevenOffice answered HTTP 500; next attempt at 2026-11-30T10:00:16.000Z');
  expect(printed((out) => printLive(out, view, [{ activity: 'sendChunk', attempt: 1 }]))).not.toContain('retrying');
  expect(retryLine({ activity: 'checkPosted', attempt: 2 })).toBe('checkPosted, attempt 2');
});

test('identical preflight problems are one row with their count; different ones keep their own rows', () => {
  const problem = (sourceId: string, issue: string, code = 'UnknownVoucherType') => ({ code, sourceId, issue, message: `tenant acme, batch 2026-11 #3: voucher 1 (document ${sourceId}): ${issue}` });
  const issue = 'voucher type 99 (mapped for invoice journal) does not exist in 24SevenOffice; fix the mapping: ledgerbridge mappings set acme voucher-type salesInvoice=<TypeNo>';
  const problems = [...['TD-1', 'TD-2', 'TD-3', 'TD-4', 'TD-5', 'TD-6'].map((id) => problem(id, issue)), problem('TD-7', 'customer 17 has no valid organisation number in Telaris', 'CustomerInvalid')];
  const text = printed((out) => printPreflight(out, aHalfPostedBatch({ preflight: { ok: false, at: '2026-11-30T09:30:00.000Z', problems } })));
  expect(text).toContain('7 problem(s), 2 distinct');
  expect(text).toMatch(/^UnknownVoucherType\s+6\s+tenant acme, batch 2026-11 #3: 6 vouchers \(documents TD-1, TD-2, TD-3 and 3 more\): voucher type 99 /m);
  expect(text).toMatch(/^CustomerInvalid\s+1\s+tenant acme, batch 2026-11 #3: voucher 1 \(document TD-7\): customer 17/m);
});
