/**
 * The baseline: what posting the same batch costs without the workflow. The same documents are read from
 * Telaris, mapped with the activities' own toPost (activities/batch/entries.ts) and the connector's bundlesOf, numbered from
 * GetEntryId, chunked as the workflow chunks them, and sent with a plain sequential loop of SaveBundleList
 * calls, chunk after chunk, through the
 * same 24SevenOffice connector (opened from a stored connection, as activities open it) to a fresh sandbox.
 *
 * Only that loop is timed. Reading Telaris, creating the customers the entries reference (so both runs send
 * the same entries, CustomerId included) and drawing numbers are setup, timed separately for context.
 */
import type { Telaris, TelarisDocument } from '../connectors/telaris';
import type { TwentyFourSevenOffice } from '../connectors/24sevenoffice';
import { telarisBatchId } from '../connectors/telaris';
import { ROUTES, createCrossReferenceRepo } from '../db/repos';
import type { ActivityDeps } from '../activities';
import { openConnector } from '../activities/openConnector';
import { loadMapping, loadSettings } from '../activities/batch/context';
import { toPost } from '../activities/batch/entries';
import { bundlesOf } from '../connectors/24sevenoffice/posting';
import { batchLabel } from '../domain/batch/flow';
import type { StagedVoucher } from '../domain/batch/voucher';
import { normalizeOrgNumber } from '../domain/orgNumber';

interface NumberedVoucher {
  sourceId: string;
  transactionNo: number;
  voucherType: number;
  document: StagedVoucher;
}

export interface RawResult {
  vouchers: number;
  chunks: number;
  /** The timed SaveBundleList loop. */
  loopMs: number;
  /** Reading Telaris, customers, numbering: not part of the loop. */
  setupMs: number;
  chunkMs: { min: number; median: number; max: number };
}

export async function rawSaveBundleLoop(
  deps: ActivityDeps,
  ref: { tenant: string; source: string; target: string; batchId: string },
  chunkSize: number,
  say: (line: string) => void,
  /** Called just before the timed loop (the benchmark resets its I/O tallies there). */
  beforeLoop: () => void = () => {},
): Promise<RawResult> {
  const t0 = performance.now();
  const telaris = (await openConnector<Telaris>(deps, ref.tenant, ref.source)).connector;
  const target = (await openConnector<TwentyFourSevenOffice>(deps, ref.tenant, ref.target)).connector;
  const documents: StagedVoucher[] = [];
  for await (const doc of telaris.documents(telarisBatchId(ref.batchId))) documents.push(asStaged(doc));
  await createCustomers(deps, ref.tenant, telaris, target, documents);

  const [mapping, settings] = await Promise.all([loadMapping(deps, ref.tenant), loadSettings(deps, ref.tenant)]);
  const vouchers = chunkOrder(await numberVouchers(target, documents, mapping.voucherType));
  const subledger = new Set(settings.subledgerAccounts);
  const name = `Telaris ${batchLabel(ref.batchId)}`;
  const setupMs = performance.now() - t0;

  say(`raw: ${vouchers.length} vouchers read and numbered in ${(setupMs / 1000).toFixed(1)} s; sending ${Math.ceil(vouchers.length / chunkSize)} chunks…`);
  const chunkMs: number[] = [];
  beforeLoop();
  const loopStart = performance.now();
  for (let i = 0; i < vouchers.length; i += chunkSize) {
    const c0 = performance.now();
    const bundles = bundlesOf(vouchers.slice(i, i + chunkSize).map((v) => toPost({ ...v, sent: null }, mapping, subledger).request), name);
    const outcome = await target.saveBundles(bundles, { mode: 'ledger' });
    if (outcome.kind !== 'ok') throw new Error(`raw loop: chunk ${chunkMs.length + 1} answered ${outcome.kind}: ${outcome.description.slice(0, 300)}`);
    chunkMs.push(performance.now() - c0);
    if (chunkMs.length % 20 === 0) say(`raw: ${chunkMs.length} chunks sent`);
  }
  const loopMs = performance.now() - loopStart;
  const sorted = [...chunkMs].sort((a, b) => a - b);
  const r = (x: number | undefined) => Math.round(x ?? 0);
  return {
    vouchers: vouchers.length, chunks: chunkMs.length, loopMs: r(loopMs), setupMs: r(setupMs),
    chunkMs: { min: r(sorted[0]), median: r(sorted[Math.floor(sorted.length / 2)]), max: r(sorted[sorted.length - 1]) },
  };
}

/**
 * The workflow's chunk composition (db/repos/batches.ts seal): kind by kind, source order within a kind, so
 * both runs send the very same SaveBundleList requests. Array sort is stable: document order stays within a kind.
 */
function chunkOrder(vouchers: NumberedVoucher[]): NumberedVoucher[] {
  return [...vouchers].sort((a, b) => (a.document.kind < b.document.kind ? -1 : a.document.kind > b.document.kind ? 1 : 0));
}

/** As the staging activity stores a document (its toStaged is private to activities/batch/stage.ts). */
function asStaged(doc: TelarisDocument): StagedVoucher {
  const { id, type, currency: _currency, ...rest } = doc;
  return { sourceId: id, kind: type, ...rest };
}

/** The customers the vouchers name, upserted 100 per SaveCompanies as syncParties does; ids become mappings. */
async function createCustomers(deps: ActivityDeps, tenant: string, telaris: Telaris, target: TwentyFourSevenOffice, documents: StagedVoucher[]) {
  const wanted = new Set(documents.map((d) => d.customerNo).filter((no): no is string => no !== undefined));
  const customers = [];
  for await (const c of telaris.customers()) if (wanted.has(c.customerNo)) customers.push(c);
  const xrefs = createCrossReferenceRepo(deps.db);
  for (let i = 0; i < customers.length; i += 100) {
    const results = await target.saveCompanies(customers.slice(i, i + 100).map((c) => ({
      externalId: c.customerNo, name: c.name, type: 'Business' as const, email: c.email, postAddress: c.address,
      organizationNumber: c.organizationNumber ? normalizeOrgNumber(c.organizationNumber) : undefined,
    })));
    for (const r of results) {
      if (!r.ok) throw new Error(`raw setup: 24SevenOffice refused customer ${r.item.externalId}: ${r.error}`);
      await xrefs.link(tenant, ROUTES.telarisTo24so, 'customer', r.item.externalId!, String(r.item.id));
    }
  }
}

/** Numbers from GetEntryId, one series and year at a time, in document order (as reserveTransactionNumbers). */
async function numberVouchers(target: TwentyFourSevenOffice, documents: StagedVoucher[], typeOf: (kind: StagedVoucher['kind']) => number | undefined): Promise<NumberedVoucher[]> {
  const series = new Map((await target.voucherTypes()).map((t) => [t.typeNo, t.entrySeriesId]));
  const next = new Map<string, number>();
  const out: NumberedVoucher[] = [];
  for (const document of documents) {
    const voucherType = typeOf(document.kind);
    const entrySeriesId = voucherType === undefined ? undefined : series.get(voucherType);
    if (voucherType === undefined || entrySeriesId === undefined) throw new Error(`raw setup: no voucher type for ${document.kind}`);
    const year = document.date.slice(0, 4);
    const key = `${entrySeriesId}/${year}`;
    const no = next.get(key) ?? (await target.nextTransactionNo({ date: `${year}-01-01`, entrySeriesId }));
    next.set(key, no + 1);
    out.push({ sourceId: document.sourceId, transactionNo: no, voucherType, document });
  }
  return out;
}
