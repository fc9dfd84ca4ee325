/**
 * The database of ledgerbridge: tenants, their connections and mappings, and the durable facts that make the
 * flows safe to retry (idempotency keys, sync cursors, request budgets, the export log).
 *
 * Every row carries its tenant (design principle 7). Secrets are never stored in clear: `credentials_encrypted`
 * and `session_encrypted` hold SecretBox ciphertext (db/secrets.ts). Change this file, then run
 * `npm run db:generate` to add a migration to db/migrations/; migrations are applied when the database opens.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import type { CheckReport, SystemName } from '../connectors/types';
import { BATCH_STAGES, INVOICE_STAGES, MATCH_RESULT_OUTCOMES, MATCH_SOURCES, SETTLEMENT_STAGES, SUPPLIER_POSTING_STAGES } from './schemaTypes';

export const SYSTEMS = ['24sevenoffice', 'telaris', 'duell', 'severa', 'talenom', 'costtracker', 'rackbeat'] as const satisfies readonly SystemName[];
export const EXPORT_OUTCOMES = ['ok', 'failed', 'skipped', 'duplicate', 'pending', 'warning'] as const;
export const IDEMPOTENCY_STATES = ['reserved', 'sent', 'confirmed', 'refused'] as const;

export type ExportOutcome = (typeof EXPORT_OUTCOMES)[number];
export type IdempotencyState = (typeof IDEMPOTENCY_STATES)[number];
/** Flow settings of a tenant, e.g. `{ "batch": { "postingMode": "journal" } }`; validated by the flow that reads them. */
export type TenantSettings = Record<string, unknown>;
/** Non-secret settings of a connection (base URL, identity, company number …); validated by its connector. */
export type ConnectionSettings = Record<string, unknown>;

/** `'a','b'` for a CHECK constraint: the list comes from the same constant the TypeScript types use. */
const oneOf = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));
const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const tenants = pgTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  settings: jsonb('settings').$type<TenantSettings>().notNull().default({}),
  createdAt: tz('created_at').notNull().defaultNow(),
});

export const connections = pgTable(
  'connections',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    system: text('system', { enum: SYSTEMS }).notNull(),
    name: text('name').notNull(),
    settings: jsonb('settings').$type<ConnectionSettings>().notNull().default({}),
    /** `<keyId>:<base64 iv|tag|ciphertext>`; readable only with the LEDGERBRIDGE_SECRET_KEY it was written with. */
    credentialsEncrypted: text('credentials_encrypted').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
    /** The report of the last "test integration"; CheckReport items never carry secrets. */
    lastCheck: jsonb('last_check').$type<CheckReport & { at: string }>(),
  },
  (t) => [
    unique('connections_tenant_name_unique').on(t.tenantId, t.name),
    check('connections_system_check', sql`${t.system} in (${oneOf(SYSTEMS)})`),
  ],
);

/**
 * The operator's translations, per route: account 3010 in Telaris is 3000 in 24SevenOffice, while DUELL's 3010 may
 * be something else. Keyed by source and target system so two sources of one tenant never share a mapping.
 */
export const mappings = pgTable(
  'mappings',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    sourceSystem: text('source_system', { enum: SYSTEMS }).notNull(),
    /** The target system. */
    system: text('system', { enum: SYSTEMS }).notNull(),
    /** 'account' | 'vat-code' | 'voucher-type' | 'department' | 'project' | 'product' | 'payment-type' …: open on purpose. */
    kind: text('kind').notNull(),
    sourceKey: text('source_key').notNull(),
    targetKey: text('target_key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.sourceSystem, t.system, t.kind, t.sourceKey] })],
);

/**
 * Ids the engine learnt, apart from the operator's mappings: Telaris customer 10001 is company 501 in
 * 24SevenOffice. Unique both ways, so a two-way sync (Rackbeat ↔ 24SevenOffice) finds the source id from the
 * target's as cheaply as the other way round.
 */
export const crossReferences = pgTable(
  'cross_references',
  {
    tenantId: text('tenant_id').notNull(),
    sourceSystem: text('source_system', { enum: SYSTEMS }).notNull(),
    targetSystem: text('target_system', { enum: SYSTEMS }).notNull(),
    /** 'customer' | 'supplier' | 'product' | 'order' …: open on purpose. */
    entity: text('entity').notNull(),
    sourceId: text('source_id').notNull(),
    targetId: text('target_id').notNull(),
    /** 'engine' when a flow wrote it, or the operator who set it by hand. */
    origin: text('origin').notNull().default('engine'),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.sourceSystem, t.targetSystem, t.entity, t.sourceId] }),
    unique('cross_references_target_unique').on(t.tenantId, t.sourceSystem, t.targetSystem, t.entity, t.targetId),
  ],
);

/**
 * The voucher-number allocator's high-water mark per tenant, 24SevenOffice number series and fiscal year: the
 * next number it hands out. One row per series, locked by the UPSERT that draws from it (db/repos/voucherNumbers.ts).
 */
export const numberSeries = pgTable(
  'number_series',
  {
    tenantId: text('tenant_id').notNull(),
    entrySeriesId: integer('entry_series_id').notNull(),
    year: integer('year').notNull(),
    nextNo: integer('next_no').notNull(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.entrySeriesId, t.year] })],
);

/**
 * Every voucher number the allocator handed out, with the document it belongs to: a number is drawn once per
 * tenant, series and year, whichever flow (Telaris batch, DUELL settlement) draws it. A number that collided in
 * the target stays here, burnt: renumbering draws a fresh one.
 */
export const voucherNumbers = pgTable(
  'voucher_numbers',
  {
    tenantId: text('tenant_id').notNull(),
    entrySeriesId: integer('entry_series_id').notNull(),
    year: integer('year').notNull(),
    transactionNo: integer('transaction_no').notNull(),
    /** The document's business identity, e.g. `telaris/document/INV-1042`. */
    owner: text('owner').notNull(),
    drawnAt: tz('drawn_at').notNull().defaultNow(),
    /** Set when the target turned out to hold another document under this number: never handed out again. */
    burntAt: tz('burnt_at'),
    burntBecause: text('burnt_because'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.entrySeriesId, t.year, t.transactionNo] }),
    index('voucher_numbers_owner_idx').on(t.tenantId, t.owner),
  ],
);

// Operational tables below carry tenant_id without a foreign key on purpose: they are written on every step of
// every flow, and a log or budget row must never make a write fail or keep a tenant from being removed.
export const exportLog = pgTable(
  'export_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: text('tenant_id').notNull(),
    flow: text('flow').notNull(),
    entityType: text('entity_type').notNull(),
    sourceId: text('source_id').notNull(),
    targetId: text('target_id'),
    outcome: text('outcome', { enum: EXPORT_OUTCOMES }).notNull(),
    message: text('message').notNull().default(''),
    attempt: integer('attempt').notNull().default(1),
    workflowId: text('workflow_id'),
    at: tz('at').notNull().defaultNow(),
  },
  (t) => [
    // The operator's first question is "what happened to tenant X's flow Y lately": newest first.
    index('export_log_tenant_flow_at_idx').on(t.tenantId, t.flow, t.at),
    check('export_log_outcome_check', sql`${t.outcome} in (${oneOf(EXPORT_OUTCOMES)})`),
  ],
);

export const idempotency = pgTable(
  'idempotency',
  {
    tenantId: text('tenant_id').notNull(),
    system: text('system', { enum: SYSTEMS }).notNull(),
    key: text('key').notNull(),
    externalId: text('external_id'),
    state: text('state', { enum: IDEMPOTENCY_STATES }).notNull(),
    requestHash: text('request_hash'),
    /** Why it was refused, or how it was confirmed: what an operator reads. */
    detail: text('detail'),
    /** How many times the request went out. */
    sends: integer('sends').notNull().default(0),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.system, t.key] }),
    check('idempotency_state_check', sql`${t.state} in (${oneOf(IDEMPOTENCY_STATES)})`),
  ],
);

export const syncCursors = pgTable(
  'sync_cursors',
  {
    tenantId: text('tenant_id').notNull(),
    system: text('system', { enum: SYSTEMS }).notNull(),
    stream: text('stream').notNull(),
    cursor: text('cursor').notNull(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.system, t.stream] })],
);

/**
 * One row per tenant and system, written by db/repos/requestBudget.ts in one statement per request: the pacing
 * slot, the counts of the current UTC hour and day (a count whose window start lies in an earlier window is
 * read as 0, so nothing has to reset them), and a quarantine the external system imposed.
 */
export const requestBudget = pgTable(
  'request_budget',
  {
    tenantId: text('tenant_id').notNull(),
    system: text('system', { enum: SYSTEMS }).notNull(),
    /** The earliest start of the next request: each request moves it on by 1/perSecond. */
    nextSlotAt: tz('next_slot_at').notNull().defaultNow(),
    hourStart: tz('hour_start').notNull().defaultNow(),
    hourUsed: integer('hour_used').notNull().default(0),
    dayStart: tz('day_start').notNull().defaultNow(),
    dayUsed: integer('day_used').notNull().default(0),
    quarantinedUntil: tz('quarantined_until'),
    reason: text('reason').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.system] })],
);

export const externalSessions = pgTable(
  'external_sessions',
  {
    tenantId: text('tenant_id').notNull(),
    key: text('key').notNull(),
    sessionEncrypted: text('session_encrypted').notNull(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] })],
);

/**
 * Accounting batches (Telaris → 24SevenOffice): one row per source batch, the operator's view of where it is.
 * `stage` mirrors the workflow's Stage search attribute; the preflight report and reconciliation are kept here
 * because they can be long (every problem, every difference) and large data never rides in workflow history.
 */
export { BATCH_STAGES, type BatchStage } from './schemaTypes';

export const batches = pgTable(
  'batches',
  {
    tenantId: text('tenant_id').notNull(),
    batchId: text('batch_id').notNull(),
    label: text('label').notNull(),
    workflowId: text('workflow_id').notNull(),
    postingMode: text('posting_mode').notNull(),
    stage: text('stage', { enum: BATCH_STAGES }).notNull(),
    voucherCount: integer('voucher_count').notNull().default(0),
    chunkCount: integer('chunk_count').notNull().default(0),
    chunkSize: integer('chunk_size').notNull(),
    /** Sum of debits, minor units. */
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull().default(0),
    totals: jsonb('totals').$type<Record<string, { vouchers: number; debit: number }>>().notNull().default({}),
    preflight: jsonb('preflight').$type<{ ok: boolean; at: string; problems: { code: string; sourceId?: string; line?: number; message: string }[] }>(),
    reconciliation: jsonb('reconciliation').$type<{ ok: boolean; at: string; differences: { dimension: string; key: string; sent: number; found: number; message: string }[] }>(),
    attention: text('attention'),
    approvedBy: text('approved_by'),
    approvedAt: tz('approved_at'),
    postedAt: tz('posted_at'),
    exportedAt: tz('exported_at'),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.batchId] }),
    check('batches_stage_check', sql`${t.stage} in (${oneOf(BATCH_STAGES)})`),
  ],
);

export const VOUCHER_STATES = ['staged', 'sent', 'saved', 'posted'] as const;

/** The staged vouchers of a batch, in source order; `chunk` is the unit the workflow sends. */
export const batchVouchers = pgTable(
  'batch_vouchers',
  {
    tenantId: text('tenant_id').notNull(),
    batchId: text('batch_id').notNull(),
    sourceId: text('source_id').notNull(),
    seq: integer('seq').notNull(),
    chunk: integer('chunk').notNull(),
    kind: text('kind').notNull(),
    voucherDate: text('voucher_date').notNull(),
    /** Hash of the document, to tell a repeated document from a different one with the same id. */
    contentHash: text('content_hash').notNull(),
    /** Sum of the voucher's debits, minor units: batch totals are one query, not a pass over every document. */
    debitMinor: bigint('debit_minor', { mode: 'number' }).notNull(),
    document: jsonb('document').$type<import('../domain/batch/voucher').StagedVoucher>().notNull(),
    voucherType: integer('voucher_type'),
    entrySeriesId: integer('entry_series_id'),
    transactionNo: integer('transaction_no'),
    /** The entries as they went to 24SevenOffice: look-ups and reconciliation compare with these, not a re-mapping. */
    sent: jsonb('sent').$type<import('../connectors/24sevenoffice').Entry[]>(),
    state: text('state', { enum: VOUCHER_STATES }).notNull().default('staged'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.batchId, t.sourceId] }),
    index('batch_vouchers_chunk_idx').on(t.tenantId, t.batchId, t.chunk, t.seq),
    check('batch_vouchers_state_check', sql`${t.state} in (${oneOf(VOUCHER_STATES)})`),
  ],
);

/** Customers and suppliers a batch refers to, as the source described them; synced before sending. */
export const batchParties = pgTable(
  'batch_parties',
  {
    tenantId: text('tenant_id').notNull(),
    batchId: text('batch_id').notNull(),
    role: text('role', { enum: ['customer', 'supplier'] }).notNull(),
    partyNo: text('party_no').notNull(),
    name: text('name').notNull(),
    organizationNumber: text('organization_number'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.batchId, t.role, t.partyNo] })],
);

/**
 * Sales invoices on their way from Visma Severa to Talenom, one row per tenant and Severa invoice: the operator's
 * `invoices list`. `document` is the invoice as it was sent (the neutral SalesInvoice), kept so a later change in
 * Severa can be named field by field and an uncertain send is compared with exactly what went out; `anomaly` says
 * what is wrong with an invoice ledgerbridge did not move (set to Transferred by hand) or that changed after it.
 */
export { INVOICE_STAGES, type InvoiceStage } from './schemaTypes';

export const invoiceTransfers = pgTable(
  'invoice_transfers',
  {
    tenantId: text('tenant_id').notNull(),
    invoiceGuid: text('invoice_guid').notNull(),
    number: text('number'),
    customer: text('customer').notNull().default(''),
    /** Gross, cents. */
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull().default(0),
    currency: text('currency').notNull().default('EUR'),
    stage: text('stage', { enum: INVOICE_STAGES }).notNull(),
    attention: text('attention'),
    warnings: jsonb('warnings').$type<string[]>().notNull().default([]),
    document: jsonb('document').$type<unknown>(),
    /** When the Finvoice document was first written: its MessageTimeStamp, so the same invoice gives the same bytes. */
    documentAt: tz('document_at'),
    talenomId: text('talenom_id'),
    workflowId: text('workflow_id'),
    /** Severa's lastUpdatedDateTime once we set the status: a later one means the invoice changed after the transfer. */
    sourceUpdatedAt: text('source_updated_at'),
    transferredAt: tz('transferred_at'),
    anomaly: text('anomaly'),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.invoiceGuid] }),
    index('invoice_transfers_number_idx').on(t.tenantId, t.number),
    check('invoice_transfers_stage_check', sql`${t.stage} in (${oneOf(INVOICE_STAGES)})`),
  ],
);

export { SUPPLIER_POSTING_STAGES, type SupplierPostingStage } from './schemaTypes';

/** Supplier invoices received in CostTracker, posted to 24SevenOffice as vouchers (post mode of the matching). */
export const supplierInvoicePostings = pgTable(
  'supplier_invoice_postings',
  {
    tenantId: text('tenant_id').notNull(),
    /** CostTracker's id of the received invoice. */
    invoiceId: text('invoice_id').notNull(),
    /** The supplier's invoice number. */
    invoiceNumber: text('invoice_number'),
    /** The supplier as CostTracker names it (the accounting system's company id). */
    supplier: text('supplier').notNull().default(''),
    /** Including VAT, minor units. */
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull().default(0),
    currency: text('currency').notNull().default('NOK'),
    stage: text('stage', { enum: SUPPLIER_POSTING_STAGES }).notNull(),
    attention: text('attention'),
    /** The voucher as it goes (or went) to 24SevenOffice: look-ups compare with it, so a later mapping change makes no false difference. */
    voucher: jsonb('voucher').$type<unknown>(),
    /** The voucher number drawn for it (db/repos/voucherNumbers.ts, owner `costtracker/invoice/<id>`). */
    transactionNo: integer('transaction_no'),
    workflowId: text('workflow_id'),
    postedAt: tz('posted_at'),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.invoiceId] }),
    index('supplier_invoice_postings_number_idx').on(t.tenantId, t.invoiceNumber),
    check('supplier_invoice_postings_stage_check', sql`${t.stage} in (${oneOf(SUPPLIER_POSTING_STAGES)})`),
  ],
);

export { SETTLEMENT_STAGES, type SettlementStage } from './schemaTypes';

/**
 * DUELL Z-reports posted (or on their way) to 24SevenOffice, one row per tenant, department and Z number: the
 * department's progress (the next run reads DUELL after the highest posted number) and the series' memory (the
 * content hash of each posted report, so the same Z with other content is a conflict, never a second posting).
 */
export const settlements = pgTable(
  'settlements',
  {
    tenantId: text('tenant_id').notNull(),
    /** DUELL's department id. */
    departmentId: text('department_id').notNull(),
    zNumber: integer('z_number').notNull(),
    /** YYYY-MM-DD: the business day the report closes. */
    date: text('date').notNull(),
    /** The report's content hash (activities/exactlyOnce.ts requestHash). */
    contentHash: text('content_hash').notNull(),
    stage: text('stage', { enum: SETTLEMENT_STAGES }).notNull(),
    attention: text('attention'),
    /** The voucher as it goes (or went) to 24SevenOffice, without its number and stamp. */
    voucher: jsonb('voucher').$type<unknown>(),
    /** Owner `duell/<department>/z/<n>` in db/repos/voucherNumbers.ts. */
    transactionNo: integer('transaction_no'),
    /** The PDF's stamp number in 24SevenOffice, referenced by every entry (Entry.StampNo). */
    stampNo: integer('stamp_no'),
    saveTo: text('save_to'),
    workflowId: text('workflow_id'),
    postedAt: tz('posted_at'),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.departmentId, t.zNumber] }),
    check('settlements_stage_check', sql`${t.stage} in (${oneOf(SETTLEMENT_STAGES)})`),
  ],
);

/**
 * Purchase-order matching (24SevenOffice ↔ CostTracker, fetch mode). The ledger's supplier cost lines as the last
 * run read them, one row per 24SevenOffice line id (a changed line is upserted over its row; `content_hash` tells a
 * change apart from a re-read), with the hash of what CostTracker last received (`pushed_hash`).
 */
export { MATCH_RESULT_OUTCOMES, MATCH_SOURCES, type MatchResultOutcome, type MatchSource } from './schemaTypes';

export const matchingTransactions = pgTable(
  'matching_transactions',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    /** 24SevenOffice TransactionNo of the voucher: the invoice's link. */
    voucherNo: integer('voucher_no').notNull(),
    date: text('date').notNull(),
    supplier: text('supplier'),
    project: text('project'),
    department: text('department'),
    account: integer('account').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    poField: text('po_field'),
    description: text('description'),
    contentHash: text('content_hash').notNull(),
    pushedHash: text('pushed_hash'),
    stagedAt: tz('staged_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('matching_transactions_date_idx').on(t.tenantId, t.date, t.id)],
);

/** CostTracker's purchase orders as the last run read them (replaced each run; a PO number may come twice). */
export const matchingOrders = pgTable(
  'matching_orders',
  {
    tenantId: text('tenant_id').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull(),
    supplier: text('supplier').notNull(),
    project: text('project'),
    department: text('department'),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    /**
     * What CostTracker counts as invoiced from elsewhere: its invoiced less the amounts of our own match records it
     * held when the PO was read. Our decisions are added from matching_results, so none is counted twice.
     */
    invoicedMinor: bigint('invoiced_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    status: text('status').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.seq] }), index('matching_orders_number_idx').on(t.tenantId, t.number)],
);

/**
 * One decision per tenant and transaction: the cascade's (`source` auto) or a person's (`manual`: outcome
 * `matched` or `unmatched`, with who and when). An automatic write never replaces a manual row: the bulk upsert
 * says so in its WHERE. `decided_hash` is the transaction's content hash the decision was made on (a changed line
 * is decided again); `record_hash` the record CostTracker should hold, `pushed_*` is the match record CostTracker holds for it (its PO and the amount it counts in
 * that PO's invoiced), `refused` CostTracker's reason when it would not take the record.
 */
/** Verdict lists of matching results, by the md5 of their JSON: stored once however many results share one (a run's results share a few hundred). */
export const matchingVerdictLists = pgTable(
  'matching_verdict_lists',
  {
    tenantId: text('tenant_id').notNull(),
    hash: text('hash').notNull(),
    verdicts: jsonb('verdicts').$type<import('../domain/matching/types').RuleVerdict[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.hash] })],
);

export const matchingResults = pgTable(
  'matching_results',
  {
    tenantId: text('tenant_id').notNull(),
    transactionId: text('transaction_id').notNull(),
    outcome: text('outcome', { enum: MATCH_RESULT_OUTCOMES }).notNull(),
    po: text('po'),
    rule: text('rule'),
    source: text('source', { enum: MATCH_SOURCES }).notNull(),
    by: text('by'),
    at: tz('at').notNull().defaultNow(),
    candidates: jsonb('candidates').$type<string[]>().notNull().default([]),
    warnings: jsonb('warnings').$type<string[]>().notNull().default([]),
    /** The result's verdict list in matching_verdict_lists; null: none (a person's decision). */
    verdictsHash: text('verdicts_hash'),
    decidedHash: text('decided_hash'),
    /** The match record CostTracker should hold (null: none wanted); pushed when it differs from `pushed_hash`. */
    recordHash: text('record_hash'),
    pushedPo: text('pushed_po'),
    pushedHash: text('pushed_hash'),
    refused: text('refused'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.transactionId] }),
    index('matching_results_outcome_idx').on(t.tenantId, t.outcome),
    check('matching_results_outcome_check', sql`${t.outcome} in (${oneOf(MATCH_RESULT_OUTCOMES)})`),
    check('matching_results_source_check', sql`${t.source} in (${oneOf(MATCH_SOURCES)})`),
  ],
);
