/**
 * Match decisions per tenant and transaction (matching_results): the cascade's, written in bulk by each run, and a
 * person's, written one at a time by the matching desk. The rule that a person's decision stands is in the SQL of
 * the bulk write (`where matching_results.source = 'auto'`), so no code path of an automatic run can undo it.
 */
import { createHash } from 'node:crypto';
import { and, asc, count, eq, like, sql } from 'drizzle-orm';
import type { MatchResult, RuleVerdict } from '../../domain/matching/types';
import type { Minor } from '../../domain/money';
import { metrics } from '../../platform/metrics';
import type { Db } from '../index';
import { matchingResults, matchingTransactions, matchingVerdictLists, type MatchResultOutcome, type MatchSource } from '../schema';
import { eachChunk, jsonValue, recordset, rowsOf } from './bulk';
import { fromRow as transactionOf, type StagedTransaction } from './matchingTransactions';

/** The cascade's result for one transaction, with what it was decided on and the record CostTracker should hold. */
export interface AutoDecision extends MatchResult {
  /** The transaction's content hash the decision was made on. */
  decidedHash: string;
  /** The match record CostTracker should hold; null when none (and none was ever pushed). */
  recordHash: string | null;
}

export interface ManualDecision {
  transaction: string;
  /** undefined: the person said "no PO". */
  po?: string;
  by: string;
  at: Date;
  decidedHash: string;
  recordHash: string;
}

/** A stored result with its verdicts as the cascade gave them. */
export type MatchResultRow = Omit<typeof matchingResults.$inferSelect, 'verdictsHash'> & { verdicts: RuleVerdict[] };

export interface MatchView {
  result: MatchResultRow;
  transaction: StagedTransaction;
}

/** A transaction the next cascade decides (or, when `manual`, takes as given), with what CostTracker holds for it. */
export interface PendingTransaction {
  transaction: StagedTransaction;
  hash: string;
  manual?: { po?: string };
  /** The PO its current decision (automatic, or a manual one) puts it on. */
  decidedPo?: string;
  /** The PO CostTracker holds a match record of ours for this transaction on. */
  pushedPo?: string;
}

export interface RecordToPush {
  transaction: string;
  outcome: MatchResultOutcome;
  source: MatchSource;
  po: string | null;
  rule: string | null;
  by: string | null;
  at: Date;
  amount: number;
  recordHash: string;
}

export interface MatchQuery {
  outcome?: MatchResultOutcome;
  source?: MatchSource;
  limit?: number;
}

export interface MatchingResultRepo {
  /** Bulk upsert of the cascade's decisions; rows a person decided are left as they are. Answers the rows written. */
  saveAuto(tenant: string, decisions: readonly AutoDecision[]): Promise<number>;
  saveManual(tenant: string, decision: ManualDecision): Promise<void>;
  /** New lines, automatic decisions that may change (unmatched, ambiguous, changed line, refused by CostTracker), and manual ones not yet in CostTracker. */
  pending(tenant: string): Promise<PendingTransaction[]>;
  /** Per PO, the amount of the transactions our decisions put on it (their amounts as staged now). */
  committedByOrder(tenant: string): Promise<Map<string, number>>;
  /** Per PO, the amount CostTracker counts in its invoiced for the records of ours it holds (at the transactions' staged amounts). */
  pushedByOrder(tenant: string): Promise<Map<string, number>>;
  /**
   * Records CostTracker does not hold yet (and has not refused), in the cascade's order (date, then id): CostTracker
   * applies them in that order, so a credit note comes after the invoice it reduces and a PO fills as the cascade filled it.
   */
  toPush(tenant: string, only?: string): Promise<RecordToPush[]>;
  markPushed(tenant: string, pushed: ReadonlyArray<{ transaction: string; hash: string; po: string | null }>): Promise<void>;
  markRefused(tenant: string, refused: ReadonlyArray<{ transaction: string; reason: string }>): Promise<void>;
  get(tenant: string, transaction: string): Promise<MatchView | undefined>;
  /** Ledger line ids are guids: the ids this one is, or begins (at most two, enough to tell unique from not). */
  idsFor(tenant: string, idOrPrefix: string): Promise<string[]>;
  list(tenant: string, query?: MatchQuery): Promise<MatchView[]>;
  counts(tenant: string): Promise<Record<string, number>>;
}

/** A pending transaction as the JSON of pending(): the staged line's columns and its result's, null where none. */
interface PendingRow {
  id: string; voucherNo: number; date: string; supplier: string | null; project: string | null; department: string | null; account: number;
  amount: number | string; currency: string; poField: string | null; description: string | null; hash: string;
  source: MatchSource | null; outcome: MatchResultOutcome | null; po: string | null; pushedPo: string | null;
}

const AUTO_COLUMNS = 'transaction_id text, outcome text, po text, rule text, candidates jsonb, warnings jsonb, verdicts_hash text, decided_hash text, record_hash text';

/**
 * The stored verdict lists of one save, each built, serialised and hashed once: results share the cascade's verdict
 * objects, so a list is known by the identities of its verdicts before its text is ever made.
 */
function verdictListsOf() {
  const ids = new WeakMap<object, number>();
  const byIdentity = new Map<string, { hash: string; verdicts: RuleVerdict[] }>();
  let nextId = 0;
  const idOf = (v: object) => {
    let id = ids.get(v);
    if (id === undefined) ids.set(v, (id = nextId++));
    return id;
  };
  return (decision: AutoDecision): { hash: string; verdicts: RuleVerdict[] } => {
    const { verdicts } = decision;
    const identity = verdicts.map(idOf).join(',');
    let list = byIdentity.get(identity);
    if (!list) {
      byIdentity.set(identity, (list = { hash: createHash('md5').update(JSON.stringify(verdicts)).digest('hex'), verdicts }));
    }
    return list;
  };
}

export function createMatchingResultRepo(db: Db): MatchingResultRepo {
  const joined = () => db.select({ result: matchingResults, transaction: matchingTransactions, verdicts: matchingVerdictLists.verdicts }).from(matchingResults)
    .innerJoin(matchingTransactions, and(eq(matchingTransactions.tenantId, matchingResults.tenantId), eq(matchingTransactions.id, matchingResults.transactionId)))
    .leftJoin(matchingVerdictLists, and(eq(matchingVerdictLists.tenantId, matchingResults.tenantId), eq(matchingVerdictLists.hash, matchingResults.verdictsHash)));
  const viewOf = (row: { result: typeof matchingResults.$inferSelect; transaction: typeof matchingTransactions.$inferSelect; verdicts: RuleVerdict[] | null }): MatchView => {
    const { verdictsHash: _hash, ...result } = row.result;
    return { result: { ...result, verdicts: row.verdicts ?? [] }, transaction: transactionOf(row.transaction) };
  };
  return {
    async saveAuto(tenant, decisions) {
      let written = 0;
      const listOf = verdictListsOf();
      const listsWritten = new Set<string>();
      await eachChunk(decisions, async (chunk) => {
        const lists = new Map<string, RuleVerdict[]>();
        const rows = chunk.map((d) => {
          const list = listOf(d);
          if (!listsWritten.has(list.hash)) lists.set(list.hash, list.verdicts);
          return {
            transaction_id: d.transaction, outcome: d.outcome, po: d.po ?? null, rule: d.rule ?? null, candidates: d.candidates,
            warnings: d.warnings, verdicts_hash: list.hash, decided_hash: d.decidedHash, record_hash: d.recordHash,
          };
        });
        if (lists.size > 0) {
          await db.execute(sql`insert into matching_verdict_lists (tenant_id, hash, verdicts)
            select ${tenant}, x.hash, x.verdicts from ${recordset([...lists].map(([hash, verdicts]) => ({ hash, verdicts })), 'hash text, verdicts jsonb')}
            on conflict do nothing`);
          for (const hash of lists.keys()) listsWritten.add(hash);
        }
        // The WHERE is the guarantee that a person's match or unmatch survives every automatic run.
        const result = await db.execute(sql`insert into matching_results (tenant_id, transaction_id, outcome, po, rule, source, at, candidates, warnings, verdicts_hash, decided_hash, record_hash)
          select ${tenant}, x.transaction_id, x.outcome, x.po, x.rule, 'auto', now(), x.candidates, x.warnings, x.verdicts_hash, x.decided_hash, x.record_hash
          from ${recordset(rows, AUTO_COLUMNS)}
          on conflict (tenant_id, transaction_id) do update set outcome = excluded.outcome, po = excluded.po, rule = excluded.rule, at = excluded.at,
            candidates = excluded.candidates, warnings = excluded.warnings, verdicts_hash = excluded.verdicts_hash, decided_hash = excluded.decided_hash,
            record_hash = excluded.record_hash, refused = null
          where matching_results.source = 'auto'
          returning outcome, rule`);
        const saved = rowsOf<{ outcome: MatchResultOutcome; rule: string | null }>(result);
        written += saved.length;
        // Counted as written: a transaction matched stays out of the next run's pending, so a match counts once.
        for (const { outcome, rule } of saved) if (outcome === 'auto-matched') metrics.matches.add(1, { tenant, rule: rule ?? 'unknown' });
      });
      // Lists no result names any more (decided again differently, or decided by a person).
      await db.execute(sql`delete from matching_verdict_lists as v where v.tenant_id = ${tenant}
        and not exists (select 1 from matching_results as r where r.tenant_id = v.tenant_id and r.verdicts_hash = v.hash)`);
      return written;
    },

    async saveManual(tenant, d) {
      const values = {
        outcome: (d.po ? 'matched' : 'unmatched') as MatchResultOutcome, po: d.po ?? null, rule: null, source: 'manual' as const, by: d.by, at: d.at,
        candidates: [], warnings: [], decidedHash: d.decidedHash, recordHash: d.recordHash, refused: null,
      };
      await db.insert(matchingResults).values({ tenantId: tenant, transactionId: d.transaction, ...values })
        .onConflictDoUpdate({ target: [matchingResults.tenantId, matchingResults.transactionId], set: values });
      if (d.po) metrics.matches.add(1, { tenant, rule: 'manual' });
    },

    async pending(tenant) {
      // One JSON value rather than rows (PGlite hands over a JSON document far faster than as many rows), in the cascade's order.
      const result = await db.execute(sql`select coalesce(json_agg(json_build_object('id', t.id, 'voucherNo', t.voucher_no, 'date', t.date, 'supplier', t.supplier,
          'project', t.project, 'department', t.department, 'account', t.account, 'amount', t.amount_minor, 'currency', t.currency, 'poField', t.po_field,
          'description', t.description, 'hash', t.content_hash, 'source', r.source, 'outcome', r.outcome, 'po', r.po, 'pushedPo', r.pushed_po)
          order by t.date, t.id collate "C"), '[]'::json) as pending
        from matching_transactions as t
        left join matching_results as r on r.tenant_id = t.tenant_id and r.transaction_id = t.id
        where t.tenant_id = ${tenant} and (r.transaction_id is null
          or (r.source = 'auto' and (r.outcome in ('unmatched', 'ambiguous') or r.decided_hash is distinct from t.content_hash or r.refused is not null))
          or (r.source = 'manual' and r.record_hash is distinct from r.pushed_hash))`);
      const rows = jsonValue<PendingRow[]>(rowsOf<{ pending: unknown }>(result)[0]?.pending);
      return rows.map((r) => ({
        transaction: {
          id: r.id, voucherNo: r.voucherNo, date: r.date, account: r.account, amount: Number(r.amount) as Minor, currency: r.currency,
          ...(r.supplier != null && { supplier: r.supplier }), ...(r.project != null && { project: r.project }),
          ...(r.department != null && { department: r.department }), ...(r.poField != null && { poField: r.poField }),
          ...(r.description != null && { description: r.description }),
        },
        hash: r.hash,
        ...(r.source === 'manual' && { manual: r.po ? { po: r.po } : {} }),
        ...(r.pushedPo != null && { pushedPo: r.pushedPo }),
        ...(r.po != null && (r.outcome === 'auto-matched' || r.outcome === 'matched') && { decidedPo: r.po }),
      }));
    },

    async committedByOrder(tenant) {
      const rows = await db.select({ po: matchingResults.po, amount: sql<string>`sum(${matchingTransactions.amountMinor})` }).from(matchingResults)
        .innerJoin(matchingTransactions, and(eq(matchingTransactions.tenantId, matchingResults.tenantId), eq(matchingTransactions.id, matchingResults.transactionId)))
        .where(and(eq(matchingResults.tenantId, tenant), sql`${matchingResults.outcome} in ('auto-matched', 'matched') and ${matchingResults.po} is not null`))
        .groupBy(matchingResults.po);
      return new Map(rows.map((r) => [r.po!, Number(r.amount)]));
    },

    async pushedByOrder(tenant) {
      // CostTracker counts a record at the amount of its transaction as CostTracker holds it: the staged amount once
      // pushTransactions has run, as it has before a run reads the POs.
      const rows = await db.select({ po: matchingResults.pushedPo, amount: sql<string>`sum(${matchingTransactions.amountMinor})` }).from(matchingResults)
        .innerJoin(matchingTransactions, and(eq(matchingTransactions.tenantId, matchingResults.tenantId), eq(matchingTransactions.id, matchingResults.transactionId)))
        .where(and(eq(matchingResults.tenantId, tenant), sql`${matchingResults.pushedPo} is not null`))
        .groupBy(matchingResults.pushedPo);
      return new Map(rows.map((r) => [r.po!, Number(r.amount)]));
    },

    async toPush(tenant, only) {
      // One statement and one JSON value, whatever the count: a page query per 1 000 records re-ran the join each time.
      const result = await db.execute(sql`select coalesce(json_agg(json_build_object('transaction', r.transaction_id, 'outcome', r.outcome, 'source', r.source,
          'po', r.po, 'rule', r.rule, 'by', r.by, 'at', r.at, 'amount', t.amount_minor, 'recordHash', r.record_hash)
          order by t.date, r.transaction_id collate "C"), '[]'::json) as records
        from matching_results as r join matching_transactions as t on t.tenant_id = r.tenant_id and t.id = r.transaction_id
        where r.tenant_id = ${tenant} ${only === undefined ? sql`` : sql`and r.transaction_id = ${only}`}
          and r.record_hash is not null and r.record_hash is distinct from r.pushed_hash and r.refused is null`);
      const records = jsonValue<Array<Omit<RecordToPush, 'at' | 'amount'> & { at: string; amount: number | string }>>(rowsOf<{ records: unknown }>(result)[0]?.records);
      return records.map((r) => ({ ...r, at: new Date(r.at), amount: Number(r.amount) }));
    },

    async markPushed(tenant, pushed) {
      await eachChunk(pushed, async (chunk) => {
        await db.execute(sql`update matching_results as r set pushed_hash = x.hash, pushed_po = x.po
          from ${recordset(chunk, 'transaction text, hash text, po text')} where r.tenant_id = ${tenant} and r.transaction_id = x.transaction`);
      });
    },

    async markRefused(tenant, refused) {
      await eachChunk(refused, async (chunk) => {
        await db.execute(sql`update matching_results as r set refused = x.reason,
            warnings = r.warnings || jsonb_build_array('CostTracker refused the match: ' || x.reason)
          from ${recordset(chunk, 'transaction text, reason text')} where r.tenant_id = ${tenant} and r.transaction_id = x.transaction`);
      });
    },

    async get(tenant, transaction) {
      const [row] = await joined().where(and(eq(matchingResults.tenantId, tenant), eq(matchingResults.transactionId, transaction)));
      return row && viewOf(row);
    },

    async idsFor(tenant, idOrPrefix) {
      const exact = await db.select({ id: matchingResults.transactionId }).from(matchingResults)
        .where(and(eq(matchingResults.tenantId, tenant), eq(matchingResults.transactionId, idOrPrefix)));
      if (exact.length) return [idOrPrefix];
      const escaped = idOrPrefix.replace(/[\\%_]/g, (c) => `\\${c}`);
      const rows = await db.select({ id: matchingResults.transactionId }).from(matchingResults)
        .where(and(eq(matchingResults.tenantId, tenant), like(matchingResults.transactionId, `${escaped}%`))).limit(2);
      return rows.map((r) => r.id);
    },

    async list(tenant, { outcome, source, limit = 200 } = {}) {
      const rows = await joined()
        .where(and(eq(matchingResults.tenantId, tenant), outcome ? eq(matchingResults.outcome, outcome) : undefined, source ? eq(matchingResults.source, source) : undefined))
        .orderBy(asc(matchingTransactions.date), asc(matchingTransactions.id)).limit(limit);
      return rows.map(viewOf);
    },

    async counts(tenant) {
      const rows = await db.select({ outcome: matchingResults.outcome, source: matchingResults.source, n: count() }).from(matchingResults)
        .where(eq(matchingResults.tenantId, tenant)).groupBy(matchingResults.outcome, matchingResults.source);
      const counts: Record<string, number> = {};
      for (const r of rows) counts[r.source === 'manual' ? `manual-${r.outcome}` : r.outcome] = Number(r.n);
      return counts;
    },
  };
}
