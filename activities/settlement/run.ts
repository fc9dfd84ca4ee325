/**
 * A settlement run's own steps: which departments it covers, which of a department's Z-reports to post now (after
 * the last one posted, in number order, a gap or a conflict holding the rest), and the run's line in the export log.
 */
import { heartbeat } from '@temporalio/activity';
import { createExportLogRepo, createSettlementRepo } from '../../db/repos';
import { checkSeries, type SeriesEntry } from '../../domain/settlement/series';
import type { ZReport } from '../../domain/settlement/zReport';
import type { ActivityDeps } from '../deps';
import { requestHash } from '../exactlyOnce';
import { withFailures } from '../failures';
import { attention, departmentOf, FLOW, loadDuellSettings, openDuell } from './context';

export interface RunRef {
  tenant: string;
  workflowId: string;
}

/** At most this many reports per department and run keep the run's history small; the next run goes on. */
export const MAX_REPORTS_PER_RUN = 100;

/** A report's content as the series and the posting compare it; DUELL's file id of the PDF is not content. */
export const zReportHash = (z: ZReport) => requestHash({ ...z, pdfId: undefined });

/** The departments to settle: the one asked for, or every department whose Z-report transfer is on. */
/** The departments whose Z-reports the run posts, and those whose customers, goods or invoice bases it transfers. */
export async function settlementDepartments(deps: ActivityDeps, ref: RunRef & { departmentId?: string }): Promise<{ departments: string[]; syncing: string[] }> {
  return withFailures(async () => {
    const settings = await loadDuellSettings(deps, ref.tenant);
    const syncs = (d: { customers: boolean; goods: boolean; invoices: boolean }) => d.customers || d.goods || d.invoices;
    if (ref.departmentId !== undefined) {
      const department = departmentOf(settings, ref.tenant, ref.departmentId);
      if (!department.zReport && !syncs(department)) {
        throw attention('ValidationFailed', `tenant ${ref.tenant}: department ${ref.departmentId} transfers nothing (Z-reports, invoices, customers and goods are off); ` +
          `turn one on in its duell settings (ledgerbridge tenants settings ${ref.tenant} duell='{…}'), then retry this run, or cancel it`);
      }
      return { departments: department.zReport ? [ref.departmentId] : [], syncing: syncs(department) ? [ref.departmentId] : [] };
    }
    const all = Object.entries(settings.departments).sort(([a], [b]) => a.localeCompare(b));
    return { departments: all.filter(([, d]) => d.zReport).map(([id]) => id), syncing: all.filter(([, d]) => syncs(d)).map(([id]) => id) };
  });
}

export interface DepartmentReports {
  /** To post now, in number order. */
  post: { zNumber: number; date: string }[];
  /** Read but held behind a gap or a conflict. */
  held: number[];
  /** The gap or conflict, one sentence each with the fix; also in the export log. */
  problems: string[];
  more: boolean;
}

export async function readDepartmentReports(deps: ActivityDeps, ref: RunRef & { departmentId: string; fromDate?: string }): Promise<DepartmentReports> {
  return withFailures(async () => {
    const settings = await loadDuellSettings(deps, ref.tenant);
    const department = departmentOf(settings, ref.tenant, ref.departmentId);
    const fromDate = ref.fromDate ?? department.fromDate;
    const rows = createSettlementRepo(deps.db);
    const posted = await rows.posted(ref.tenant, ref.departmentId);
    const last = posted[posted.length - 1]?.number;
    const duell = await openDuell(deps, ref.tenant, settings);

    // The last posted report is read again: the same Z with other content is a conflict, never a second posting.
    const read: (SeriesEntry & { date: string })[] = [];
    const before: SeriesEntry[] = [];
    let more = false;
    pages: for await (const page of duell.zReports(ref.departmentId, { fromNumber: last ?? 1 })) {
      for (const z of page.reports) {
        const entry = { number: z.number, hash: zReportHash(z), date: z.date };
        // Before the from-date: settled by the settings, so the series goes on after it without a gap.
        if (fromDate !== undefined && z.date < fromDate) before.push(entry);
        else read.push(entry);
        if (read.filter((r) => r.number !== last).length >= MAX_REPORTS_PER_RUN) {
          more = true;
          break pages;
        }
      }
      heartbeat({ read: read.length });
    }
    const series = checkSeries({ tenant: ref.tenant, departmentId: ref.departmentId }, [...posted, ...before], read);
    const refused = series.problems.filter((p) => p.effect === 'refuse');
    const conflicts = new Set(refused.filter((p) => p.code === 'SeriesConflict').map((p) => p.message));
    // A conflict holds the whole department: which report comes next is not clear until a person looks.
    const post = conflicts.size > 0 ? [] : series.post;
    const held = conflicts.size > 0 ? [...series.post, ...series.held] : series.held;
    const problems = refused.map((p) => `${p.message}${held.length ? `; department ${ref.departmentId} waits (Z ${held.join(', ')} not posted), the next run checks again` : ''}`);
    const log = createExportLogRepo(deps.db);
    for (const message of problems) {
      await log.record({ tenant: ref.tenant, flow: FLOW, entityType: 'department', sourceId: ref.departmentId, outcome: 'failed', workflowId: ref.workflowId, message });
    }
    const dates = new Map(read.map((r) => [r.number, r.date]));
    return { post: post.map((n) => ({ zNumber: n, date: dates.get(n)! })), held, problems, more };
  });
}

/** Counts only: the reports a person must look at are named by their own rows, workflows and export-log lines. */
export interface RunSummary {
  departments: number;
  read: number;
  posted: number;
  alreadyPosted: number;
  skipped: number;
  stillRunning: number;
  needsAttention: number;
  failed: number;
  /** Reports held behind a gap, a conflict or a report waiting for a person. */
  held: number;
  more: boolean;
  /** Customers and products written to their non-master side, stock quantities set, invoice bases sent and failed. */
  customers?: number;
  goods?: number;
  stock?: number;
  invoices?: number;
  invoicesFailed?: number;
}

export async function recordRunSummary(deps: ActivityDeps, ref: RunRef & { summary: RunSummary }): Promise<string> {
  const s = ref.summary;
  const parts = [
    `${s.posted} posted`,
    s.alreadyPosted ? `${s.alreadyPosted} found posted already, nothing sent again` : '',
    s.skipped ? `${s.skipped} not transferred as the settings say` : '',
    s.needsAttention ? `${s.needsAttention} need attention, each waiting for a fix and settlements retry (ledgerbridge log ${ref.tenant} --flow ${FLOW} --outcome failed)` : '',
    s.stillRunning ? `${s.stillRunning} still in progress from an earlier run` : '',
    s.failed ? `${s.failed} failed (see the Temporal UI, flow ${FLOW}); the next run tries again` : '',
    s.held ? `${s.held} held behind a gap, a conflict or a report that needs attention; the next run goes on once that is fixed` : '',
    s.more ? `more reports wait than one run takes (${MAX_REPORTS_PER_RUN} per department): the next run goes on` : '',
    s.customers ? `${s.customers} customer(s) written` : '',
    s.goods || s.stock ? `${s.goods ?? 0} product(s) written, ${s.stock ?? 0} stock quantities set` : '',
    s.invoices ? `${s.invoices} invoice basis(es) sent as orders` : '',
    s.invoicesFailed ? `${s.invoicesFailed} invoice basis(es) failed, each tried again on the next run once fixed (ledgerbridge log ${ref.tenant} --flow ${FLOW} --outcome failed)` : '',
  ].filter(Boolean);
  const message = `settlement run: ${s.departments} department(s), ${s.read} Z-report(s) to post; ${parts.join('; ')}`;
  await createExportLogRepo(deps.db).record({
    tenant: ref.tenant, flow: FLOW, entityType: 'run', sourceId: ref.workflowId, workflowId: ref.workflowId,
    outcome: s.needsAttention + s.failed + s.held + (s.invoicesFailed ?? 0) > 0 ? 'warning' : 'ok', message,
  });
  return message;
}
