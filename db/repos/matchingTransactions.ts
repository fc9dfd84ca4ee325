/**
 * The ledger's supplier cost lines a matching run read from 24SevenOffice (matching_transactions), one row per line
 * id: a line read again is an upsert over its row, written only when its content changed, so an overlapping window
 * doubles nothing and a changed line is staged (and pushed, and decided) again.
 */
import { createHash } from 'node:crypto';
import { and, count, eq, gt, sql } from 'drizzle-orm';
import type { MatchTransaction } from '../../domain/matching/types';
import type { Minor } from '../../domain/money';
import type { Db } from '../index';
import { matchingTransactions } from '../schema';
import { eachChunk, recordset, rowsOf } from './bulk';

/** A cost line as staged: the matching model plus the voucher it belongs to (the invoice in 24SevenOffice). */
export interface StagedTransaction extends MatchTransaction {
  voucherNo: number;
}

export interface UnpushedTransaction extends StagedTransaction {
  hash: string;
}

export interface MatchingTransactionRepo {
  /**
   * Upserts by line id. Lines new, changed, or read before but never delivered go to `deliver` first (CostTracker's
   * upsert by id) and are written after, as delivered; lines read again unchanged write nothing. A crash between the
   * two leaves them unstaged: the window is read again and they are delivered again, which CostTracker takes as
   * unchanged. Without `deliver` the lines are staged as not delivered (`unpushed` finds them).
   */
  stage(tenant: string, transactions: readonly StagedTransaction[], deliver?: (lines: readonly StagedTransaction[]) => Promise<void>): Promise<{ added: number; changed: number; delivered: number }>;
  /** Lines whose content CostTracker has not received yet, in id order after `after`. */
  unpushed(tenant: string, after: string, limit: number): Promise<UnpushedTransaction[]>;
  markPushed(tenant: string, lines: ReadonlyArray<{ id: string; hash: string }>): Promise<void>;
  get(tenant: string, id: string): Promise<StagedTransaction | undefined>;
  count(tenant: string): Promise<number>;
}

const COLUMNS = 'id text, voucher_no int, date text, supplier text, project text, department text, account int, amount_minor bigint, currency text, po_field text, description text';

export function createMatchingTransactionRepo(db: Db): MatchingTransactionRepo {
  return {
    async stage(tenant, transactions, deliver) {
      // One line id twice in a statement would be an error (ON CONFLICT touches a row once): the last read wins.
      const unique = [...new Map(transactions.map((t) => [t.id, t])).values()];
      const counts = { added: 0, changed: 0, delivered: 0 };
      await eachChunk(unique, async (chunk) => {
        const known = new Map(rowsOf<{ id: string; content_hash: string; pushed_hash: string | null }>(await db.execute(sql`
          select id, content_hash, pushed_hash from matching_transactions
          where tenant_id = ${tenant} and id in (select jsonb_array_elements_text(${JSON.stringify(chunk.map((t) => t.id))}::jsonb))`)).map((r) => [r.id, r]));
        const toWrite: Array<{ line: StagedTransaction; hash: string }> = [];
        for (const line of chunk) {
          const hash = contentHash(line);
          const before = known.get(line.id);
          if (!before) counts.added++;
          else if (before.content_hash !== hash) counts.changed++;
          else if (!deliver || before.pushed_hash === hash) continue;
          toWrite.push({ line, hash });
        }
        if (toWrite.length === 0) return;
        if (deliver) {
          await deliver(toWrite.map((w) => w.line));
          counts.delivered += toWrite.length;
        }
        await db.execute(sql`insert into matching_transactions (tenant_id, id, voucher_no, date, supplier, project, department, account, amount_minor, currency, po_field, description, content_hash, pushed_hash)
          select ${tenant}, x.id, x.voucher_no, x.date, x.supplier, x.project, x.department, x.account, x.amount_minor, x.currency, x.po_field, x.description, x.content_hash, x.pushed_hash
          from ${recordset(toWrite.map((w) => ({ ...toRecord(w.line), content_hash: w.hash, pushed_hash: deliver ? w.hash : null })), `${COLUMNS}, content_hash text, pushed_hash text`)}
          on conflict (tenant_id, id) do update set voucher_no = excluded.voucher_no, date = excluded.date, supplier = excluded.supplier,
            project = excluded.project, department = excluded.department, account = excluded.account, amount_minor = excluded.amount_minor,
            currency = excluded.currency, po_field = excluded.po_field, description = excluded.description, content_hash = excluded.content_hash,
            pushed_hash = excluded.pushed_hash, staged_at = now()`);
      });
      return counts;
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

/**
 * What decides "changed": the md5 of the line's fields as PostgreSQL prints them as a jsonb array (`[1001, "2026-11-02",
 * null, …]`), the form the first stagings computed in SQL, so lines staged then are not all "changed" now.
 */
export function contentHash(t: StagedTransaction): string {
  const r = toRecord(t);
  const fields = [r.voucher_no, r.date, r.supplier, r.project, r.department, r.account, r.amount_minor, r.currency, r.po_field, r.description];
  return createHash('md5').update(`[${fields.map((f) => JSON.stringify(f)).join(', ')}]`).digest('hex');
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
