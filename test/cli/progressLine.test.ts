import { progressLine } from '../../client/cli/commands/batchExport';
import type { BatchView } from '../../workflows/batchState';

const view = (over: Partial<BatchView>): BatchView => ({
  tenant: 'acme', batchId: '2026-11-3', label: '2026-11 #3', mode: 'journal', stage: 'sending', vouchers: 12,
  chunks: { sent: 0, total: 1 }, refusals: [], ...over,
});

test('the bar fills with the chunks sent and stays full while the journal waits for the accountant', () => {
  expect(progressLine(view({}))).toEqual(['2026-11 #3 · sending · 12 vouchers · chunks 0/1', 0]);
  expect(progressLine(view({ stage: 'in-journal', chunks: { sent: 1, total: 1 }, posted: { posted: 0, total: 12 } })))
    .toEqual(['2026-11 #3 · in-journal · 12 vouchers · chunks 1/1 · posted 0/12', 1]);
  expect(progressLine(view({ stage: 'preflight', vouchers: 0, chunks: { sent: 0, total: 0 } }))).toEqual(['2026-11 #3 · preflight', undefined]);
});
