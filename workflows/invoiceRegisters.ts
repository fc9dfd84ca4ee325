/**
 * The product register and the sales ledger, Severa → Talenom, each on its own schedule
 * (`<tenant>/products`, `<tenant>/sales-ledger`): one incremental pass from where the last one ended. A pass that
 * keeps failing waits in needs attention like every flow's step, for `retry` once the cause is fixed.
 */
import { proxyActivities, workflowInfo, type ActivityOptions } from '@temporalio/workflow';
import type { InvoiceActivities, RegisterOutcome } from '../activities/invoices';
import { Attention } from './attention';
import { stepsWith } from './step';

export { retry, cancel, retryUpdate, cancelUpdate } from './attention';

export interface RegisterTransferInput {
  tenant: string;
}

const OPTIONS: ActivityOptions = {
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 10 },
};
const act = proxyActivities<InvoiceActivities>(OPTIONS);
const step = stepsWith(OPTIONS);

export function productRegisterTransfer(input: RegisterTransferInput): Promise<RegisterOutcome> {
  return pass(input, 'product register', (ref) => step(act.transferProducts, 'Products, work types and travel expenses to Talenom', ref));
}

export function salesLedgerTransfer(input: RegisterTransferInput): Promise<RegisterOutcome> {
  return pass(input, 'sales ledger', (ref) => step(act.transferSalesLedger, 'Open items and payments to Talenom', ref));
}

async function pass(input: RegisterTransferInput, what: string, run: (ref: { tenant: string; workflowId: string }) => Promise<RegisterOutcome>): Promise<RegisterOutcome> {
  const ref = { tenant: input.tenant, workflowId: workflowInfo().workflowId };
  let done: RegisterOutcome | undefined;
  const attention: Attention = new Attention({
    subject: `${what} of ${input.tenant}`,
    logContext: { tenant: input.tenant, flow: what },
    commands: { retry: `ledgerbridge invoices retry ${input.tenant} ${ref.workflowId}`, cancel: `ledgerbridge invoices cancel ${input.tenant} ${ref.workflowId}` },
    // Its outcome is its line in the export log; the stage lives in the search attributes.
    record: async () => undefined,
    details: () => `**${what}** of tenant **${input.tenant}**, Severa → Talenom · stage **${attention.stage}**` +
      (done ? `\n\n${done.sent} sent (${done.created} new, ${done.updated} updated), ${done.skipped} left out` : '') +
      (attention.reason ? `\n${attention.detailsMarkdown()}` : ''),
  });
  attention.registerHandlers();
  await attention.enter('transferring');
  done = await attention.attended(() => run(ref));
  attention.end('done');
  return done;
}
