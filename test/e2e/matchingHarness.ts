/**
 * The stage for purchase-order matching end-to-end tests (fetch mode): the 24SevenOffice and CostTracker sandboxes
 * on loopback (fresh per test, the demo seed: one company in both, suppliers 20001–20005, projects and departments
 * 1–3, the twenty POs of sandbox/costtracker/seed.ts), the database, a tenant with both connections (CostTracker in
 * fetch mode) and its `matching` settings, and a real worker per test. Helpers speak the operator's language: book
 * supplier invoices in 24SevenOffice, run a refresh, read the decisions and CostTracker's match records.
 */
import type { MatchingSummary } from '../../activities/matching';
import { startMatchingRun } from '../../client/matching';
import { createMatchingResultRepo, type MatchResultRow } from '../../db/repos';
import type { LineChange, SupplierInvoice } from '../../sandbox/24sevenoffice/supplierInvoices';
import type { MatchingScope } from '../../workflows/matchingRun';
import { CLIENT_ID, ORG, useCostTrackerStage, type CostTrackerStage } from './costTrackerStage';

export { CLIENT_ID, ORG } from './costTrackerStage';
export const CRITERIA = ['po-field', 'po-description', 'supplier-project', 'amount-percent:10'];

export interface MatchingStage extends CostTrackerStage {
  /** Books supplier invoices in the demo company's ledger (registered two hours ago unless said); answers their voucher numbers. */
  book(invoices: SupplierInvoice[]): number[];
  /** The ledger line ids of a voucher's cost lines (not the supplier line). */
  costLines(voucherNo: number): string[];
  changeLine(lineId: string, change: LineChange): void;
  run(scope?: MatchingScope): Promise<MatchingSummary>;
  startRun(scope?: MatchingScope): Promise<string>;
  result(transaction: string): Promise<MatchResultRow | undefined>;
  /** CostTracker's match record of a transaction. */
  ctMatch(transaction: string): Record<string, unknown> | undefined;
  ctOrder(number: string): Record<string, unknown>;
}

export function useMatchingStage(): MatchingStage {
  const base = useCostTrackerStage({
    costtracker: { mode: 'fetch', criteria: CRITERIA, filter: { startDate: '2026-01-01' } },
    matching: { windowDays: 31 },
    taskQueuePrefix: 'matching',
  });
  const own: Omit<MatchingStage, keyof CostTrackerStage> = {
    book(invoices) {
      // Registered before the run's cursor less its overlap, so a later run's change read finds only what changed since.
      const earlier = new Date(Date.now() - 2 * 3_600_000).toISOString();
      return base.tso.admin.addSupplierInvoices(CLIENT_ID, invoices.map((i) => ({ registeredAt: earlier, ...i })));
    },
    costLines(voucherNo) {
      return base.tso.admin.transactions(CLIENT_ID).filter((l) => l.TransactionNo === voucherNo && l.AccountNo !== 2400).map((l) => String(l.Id));
    },
    changeLine(lineId, change) {
      base.tso.admin.changeLedgerLine(CLIENT_ID, lineId, change);
    },
    async run(scope) {
      const handle = await startMatchingRun(base.env.client, base.tenant, scope, base.taskQueue);
      return handle.result();
    },
    async startRun(scope) {
      return (await startMatchingRun(base.env.client, base.tenant, scope, base.taskQueue)).workflowId;
    },
    async result(transaction) {
      return (await createMatchingResultRepo(base.db).get(base.tenant, transaction))?.result;
    },
    ctMatch(transaction) {
      return base.costtracker.admin.matchRecords(ORG, transaction)[0];
    },
    ctOrder(number) {
      const found = base.costtracker.admin.purchaseOrders(ORG, number);
      if (found.length !== 1) throw new Error(`CostTracker holds ${found.length} POs numbered ${number}`);
      return found[0]!;
    },
  };
  // The base's getters (tenant, sandboxes, task queue) change per test: inherit them, never copy their values.
  return Object.assign(Object.create(base) as CostTrackerStage, own);
}
