/**
 * A posting run's own steps: which invoices wait in CostTracker (approved, not yet posted) and the run's line in
 * the export log.
 */
import { heartbeat } from '@temporalio/activity';
import { createExportLogRepo, createSupplierInvoicePostingRepo } from '../../db/repos';
import type { ActivityDeps } from '../deps';
import { withFailures } from '../failures';
import { attention, FLOW, openPostingSystems } from './context';

export interface RunRef {
  tenant: string;
  workflowId: string;
}

export interface WaitingInvoice {
  id: string;
  invoiceNumber: string;
  supplier: string;
}

/** At most this many invoices per run keep the run's history small; the rest go with the next run. */
export const MAX_INVOICES_PER_RUN = 500;

export async function listApprovedInvoices(deps: ActivityDeps, ref: RunRef): Promise<{ invoices: WaitingInvoice[]; more: boolean; concurrency: number }> {
  return withFailures(async () => {
    const systems = await openPostingSystems(deps, ref.tenant);
    if (systems.costtrackerSettings.mode !== 'post') {
      throw attention('ValidationFailed', `tenant ${ref.tenant}: the CostTracker connection is in ${systems.costtrackerSettings.mode} mode, so nothing is posted from CostTracker; ` +
        `if invoices are received in CostTracker, set --setting mode=post on the connection (ledgerbridge connections add ${ref.tenant} --system costtracker …), else cancel this run`);
    }
    const postings = createSupplierInvoicePostingRepo(deps.db);
    const invoices: WaitingInvoice[] = [];
    let more = false;
    pages: for await (const page of systems.costtracker.receivedInvoices({ status: 'approved' })) {
      for (const invoice of page) {
        if (invoices.length === MAX_INVOICES_PER_RUN) {
          more = true;
          break pages;
        }
        invoices.push({ id: invoice.id, invoiceNumber: invoice.invoiceNumber, supplier: invoice.supplier });
        const known = await postings.find(ref.tenant, invoice.id);
        if (!known || known.invoiceId !== invoice.id || known.stage === 'cancelled' || known.stage === 'skipped') {
          await postings.save(ref.tenant, invoice.id, {
            stage: 'waiting', invoiceNumber: invoice.invoiceNumber, supplier: invoice.supplier, totalMinor: invoice.total, currency: invoice.currency, attention: null,
          });
        }
      }
      heartbeat({ listed: invoices.length });
    }
    return { invoices, more, concurrency: systems.settings.post.concurrency };
  });
}

/** Counts only: the invoices a person must look at are named by their own rows, workflows and export-log lines. */
export interface RunSummary {
  waiting: number;
  posted: number;
  alreadyPosted: number;
  /** No longer approved, or posted by someone else before us: nothing sent. */
  skipped: number;
  stillRunning: number;
  needsAttention: number;
  failed: number;
  more: boolean;
}

export async function recordRunSummary(deps: ActivityDeps, ref: RunRef & { summary: RunSummary }): Promise<string> {
  const s = ref.summary;
  const parts = [
    `${s.posted} posted`,
    s.alreadyPosted ? `${s.alreadyPosted} found posted already, nothing sent again` : '',
    s.skipped ? `${s.skipped} no longer waiting` : '',
    s.needsAttention ? `${s.needsAttention} need attention, each waiting for a fix and matching retry (ledgerbridge log ${ref.tenant} --flow ${FLOW} --outcome failed)` : '',
    s.stillRunning ? `${s.stillRunning} still in progress from an earlier run` : '',
    s.failed ? `${s.failed} failed (see the Temporal UI, flow ${FLOW})` : '',
    s.more ? `more invoices wait than one run takes (${MAX_INVOICES_PER_RUN}): the next run goes on` : '',
  ].filter(Boolean);
  const message = `posting run: ${s.waiting} approved in CostTracker; ${parts.join('; ')}`;
  await createExportLogRepo(deps.db).record({
    tenant: ref.tenant, flow: FLOW, entityType: 'run', sourceId: ref.workflowId, workflowId: ref.workflowId,
    outcome: s.needsAttention + s.failed > 0 ? 'warning' : 'ok', message,
  });
  return message;
}
