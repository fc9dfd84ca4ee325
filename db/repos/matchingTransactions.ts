/**
 * The ledger's supplier cost lines a matching run read from 24SevenOffice (matching_transactions), one row per line
 * id: a line read again is an upsert over its row, written only when its content changed, so an overlapping window
 * doubles nothing and a changed line is staged (and pushed, and decided) again.
 */
import { and, count, eq, gt, sql } from 'drizzle-orm';
import type { MatchTransaction } from '../../domain/matching/types';
import type { Minor } from '../../domain/money';
import type { Db } from '../index';
import { matchingTransactions } from '../schema';
import { eachChunk, jsonValue, recordset, rowsOf } from './bulk';

/** A cost line as staged: the matching model plus the voucher it belongs to (the invoice in 24SevenOffice). */
export interface StagedTransaction extends MatchTransaction {
  voucherNo: number;
}

export interface UnpushedTransaction extends StagedTransaction {
  hash: string;
}

export interface MatchingTransactionRepo {
  /**
   * Upserts by line id; answers how many lines were new and how many changed (the rest were read again unchanged), and
   * those written with their content hash: what CostTracker needs now, sent straight from memory.
   */
  stage(tenant: string, transactions: readonly StagedTransaction[]): Promise<{ added: number; changed: number; written: Array<{ id: string; hash: string }> }>;
  /** Lines whose content CostTracker has not received yet, in id order after `after`. */
  unpushed(tenant: string, after: string, limit: number): Promise<UnpushedTransaction[]>;
  markPushed(tenant: string, lines: ReadonlyArray<{ id: string; hash: string }>): Promise<void>;
  get(tenant: string, id: string): Promise<StagedTransaction | undefined>;
  count(tenant: string): Promise<number>;
}

const COLUMNS = 'id text, voucher_no int, date text, supplier text, project text, department text, account int, amount_minor bigint, currency text, po_field text, description text';

export function createMatchingTransactionRepo(db: Db): MatchingTransactionRepo {
  return {
    async stage(tenant, transactions) {
      // One line id twice in a statement would be an error (ON CONFLICT touches a row once): the last read wins.
      const unique = [...new Map(transactions.map((t) => [t.id, t])).values()];
      let added = 0;
      let changed = 0;
      const written: Array<{ id: string; hash: string }> = [];
      await eachChunk(unique, async (chunk) => {
        const result = await db.execute(sql`with up as (
            insert into matching_transactions (tenant_id, id, voucher_no, date, supplier, project, department, account, amount_minor, currency, po_field, description, content_hash)
            select ${tenant}, x.id, x.voucher_no, x.date, x.supplier, x.project, x.department, x.account, x.amount_minor, x.currency, x.po_field, x.description,
              md5(jsonb_build_array(x.voucher_no, x.date, x.supplier, x.project, x.department, x.account, x.amount_minor, x.currency, x.po_field, x.description)::text)
            from ${recordset(chunk.map(toRecord), COLUMNS)}
            on conflict (tenant_id, id) do update set voucher_no = excluded.voucher_no, date = excluded.date, supplier = excluded.supplier,
              project = excluded.project, department = excluded.department, account = excluded.account, amount_minor = excluded.amount_minor,
              currency = excluded.currency, po_field = excluded.po_field, description = excluded.description, content_hash = excluded.content_hash, staged_at = now()
            where matching_transactions.content_hash <> excluded.content_hash
            returning id, content_hash, (xmax = 0) as added)
          select count(*) filter (where added)::int as added, count(*) filter (where not added)::int as changed,
            coalesce(json_agg(json_build_array(id, content_hash)), '[]'::json) as written from up`);
        const [row] = rowsOf<{ added: number; changed: number; written: unknown }>(result);
        added += Number(row?.added ?? 0);
        changed += Number(row?.changed ?? 0);
        for (const [id, hash] of jsonValue<Array<[string, string]>>(row?.written ?? '[]')) written.push({ id, hash });
      });
      return { added, changed, written };
    },

    async unpushed(tenant, after, limit) {
      const rows = await db.select().from(matchingTransactions)
        .where(and(eq(matchingTransactions.tenantId, tenant), gt(matchingTransactions.id, after),
          sql`${matchingTransactions.pushedHash} is distinct from ${matchingTransactions.contentHash}`))
        .orderBy(matchingTransactions.id).limit(limit);
      return rows.map((r) => ({ ...fromRow(r), hash: r.contentHash }));
    },

    async markPushed(tenant, lines) {
      await eachChunk(lines, async (chunk) => {
        await db.execute(sql`update matching_transactions as t set pushed_hash = x.hash
          from ${recordset(chunk, 'id text, hash text')} where t.tenant_id = ${tenant} and t.id = x.id`);
      });
    },

    async get(tenant, id) {
      const [row] = await db.select().from(matchingTransactions).where(and(eq(matchingTransactions.tenantId, tenant), eq(matchingTransactions.id, id)));
      return row && fromRow(row);
    },

    async count(tenant) {
      const [row] = await db.select({ n: count() }).from(matchingTransactions).where(eq(matchingTransactions.tenantId, tenant));
      return Number(row?.n ?? 0);
    },
  };
}

function toRecord(t: StagedTransaction) {
  return {
    id: t.id, voucher_no: t.voucherNo, date: t.date, supplier: t.supplier ?? null, project: t.project ?? null, department: t.department ?? null,
    account: t.account, amount_minor: t.amount, currency: t.currency, po_field: t.poField ?? null, description: t.description ?? null,
  };
}

export function fromRow(r: typeof matchingTransactions.$inferSelect): StagedTransaction {
  return {
    id: r.id, voucherNo: r.voucherNo, date: r.date, account: r.account, amount: Number(r.amountMinor) as Minor, currency: r.currency,
    ...(r.supplier != null && { supplier: r.supplier }), ...(r.project != null && { project: r.project }),
    ...(r.department != null && { department: r.department }), ...(r.poField != null && { poField: r.poField }),
    ...(r.description != null && { description: r.description }),
  };
}
