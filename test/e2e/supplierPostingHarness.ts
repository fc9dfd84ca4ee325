/**
 * The stage for post-mode end-to-end tests (supplier invoices received in CostTracker → 24SevenOffice vouchers):
 * the CostTracker and 24SevenOffice sandboxes on loopback (fresh per test, the demo seed: one company in both, so
 * CostTracker's suppliers, projects and departments carry 24SevenOffice's ids), the database, a tenant with both
 * connections (CostTracker in post mode) and its `matching` settings, and a real worker per test. Helpers speak
 * the operator's language: add an invoice in CostTracker, run the posting, read the ledger and CostTracker.
 */
import type { RunSummary } from '../../activities/supplierPosting';
import { postingRunResult, postingView, startPostingRun } from '../../client/supplierPostings';
import { createExportLogRepo, createSupplierInvoicePostingRepo, createTenantRepo, type ExportLogRow, type SupplierInvoicePosting } from '../../db/repos';
import { POSTING_FLOW } from '../../domain/matching/posting';
import type { NewReceivedInvoice } from '../../sandbox/costtracker';
import type { SupplierPostingView } from '../../workflows/supplierInvoicePosting';
import { CLIENT_ID, ORG, useCostTrackerStage, type CostTrackerStage } from './costTrackerStage';

export { CLIENT_ID } from './costTrackerStage';

export interface LedgerLine {
  accountNo: number;
  amount: number;
  projectId?: number;
  departmentId?: number;
  customerId?: number;
  invoiceNo?: string;
  ocr?: string;
}

export interface PostingStage extends CostTrackerStage {
  /** Replaces the tenant's `matching.post` settings (merged over the test defaults). */
  configure(post: Record<string, unknown>): Promise<void>;
  /** Adds an approved invoice in CostTracker (unless said otherwise) and returns its id. */
  addInvoice(invoice: NewReceivedInvoice): string;
  /** The demo's approved invoices set aside (rejected), so only the test's own wait. */
  clearApproved(): void;
  /** CostTracker's view of one received invoice. */
  invoice(id: string): { status: string; postedVoucher: number | null; invoiceNumber: string };
  run(): Promise<RunSummary>;
  startRun(): Promise<string>;
  row(id: string): Promise<SupplierInvoicePosting | undefined>;
  waitForStage(id: string, stage: string | string[], timeoutMs?: number): Promise<SupplierPostingView>;
  /** The 24SevenOffice ledger of the demo company, per transaction number. */
  ledger(): Map<number, LedgerLine[]>;
  /** The ledger's vouchers that carry this supplier invoice number on the supplier's line. */
  vouchersOf(invoiceNumber: string): number[];
  /** The tenant's post-mode lines of the export log, oldest first. */
  exportLog(): Promise<ExportLogRow[]>;
}

export function usePostingStage(options: { inProcessWorker?: boolean } = {}): PostingStage {
  const base = useCostTrackerStage({ costtracker: { mode: 'post' }, matching: { post: { concurrency: 4 } }, taskQueuePrefix: 'posting', ...options });
  const own: Omit<PostingStage, keyof CostTrackerStage> = {
    async configure(post) {
      await createTenantRepo(base.db).updateSettings(base.tenant, { matching: { post: { concurrency: 4, ...post } } });
    },
    addInvoice(invoice) {
      return base.costtracker.admin.addReceivedInvoices(ORG, [invoice]).ids[0]!;
    },
    clearApproved() {
      for (const i of base.costtracker.admin.receivedInvoices(ORG)) {
        if (i.status === 'approved') base.costtracker.admin.setReceivedInvoiceStatus(ORG, String(i.id), 'rejected');
      }
    },
    invoice(id) {
      const found = base.costtracker.admin.receivedInvoices(ORG).find((i) => i.id === id);
      if (!found) throw new Error(`no received invoice ${id} in the CostTracker sandbox`);
      return found as unknown as ReturnType<PostingStage['invoice']>;
    },
    async run() {
      const handle = await startPostingRun(base.env.client, base.tenant, base.taskQueue);
      return postingRunResult(base.env.client, handle.workflowId);
    },
    async startRun() {
      return (await startPostingRun(base.env.client, base.tenant, base.taskQueue)).workflowId;
    },
    row(id) {
      return createSupplierInvoicePostingRepo(base.db).find(base.tenant, id);
    },
    async waitForStage(id, wanted, timeoutMs = 30_000) {
      const stages = Array.isArray(wanted) ? wanted : [wanted];
      const deadline = Date.now() + timeoutMs;
      let last: SupplierPostingView | undefined;
      while (Date.now() < deadline) {
        last = await postingView(base.env.client, base.tenant, id).catch(() => undefined);
        if (last && stages.includes(last.stage)) return last;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`CostTracker invoice ${id} did not reach ${stages.join('/')} within ${timeoutMs} ms; last seen ${JSON.stringify(last)}`);
    },
    ledger() {
      const out = new Map<number, LedgerLine[]>();
      for (const line of base.tso.admin.transactions(CLIENT_ID)) {
        const no = Number(line.TransactionNo);
        const dimension = (type: string) => {
          const found = (line.Dimensions as { Type: string; Value: string }[] | undefined)?.find((d) => d.Type === type);
          return found ? Number(found.Value) : undefined;
        };
        out.set(no, [...(out.get(no) ?? []), {
          accountNo: Number(line.AccountNo), amount: Math.round(Number(line.Amount) * 100),
          projectId: dimension('Project'), departmentId: dimension('Department'), customerId: dimension('Customer'),
          invoiceNo: (line.InvoiceNo as string | undefined) ?? undefined, ocr: (line.OCR as string | undefined) ?? undefined,
        }]);
      }
      return out;
    },
    vouchersOf(invoiceNumber) {
      return [...stage.ledger()].filter(([, lines]) => lines.some((l) => l.invoiceNo === invoiceNumber && l.amount < 0)).map(([no]) => no);
    },
    async exportLog() {
      const rows = await createExportLogRepo(base.db).list({ tenant: base.tenant, flow: POSTING_FLOW, limit: 1000 });
      return rows.reverse();
    },
  };
  // The base's getters (tenant, sandboxes, task queue) change per test: inherit them, never copy their values.
  const stage = Object.assign(Object.create(base) as CostTrackerStage, own);
  return stage;
}
