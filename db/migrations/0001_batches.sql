CREATE TABLE "batch_parties" (
	"tenant_id" text NOT NULL,
	"batch_id" text NOT NULL,
	"role" text NOT NULL,
	"party_no" text NOT NULL,
	"name" text NOT NULL,
	"organization_number" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "batch_parties_tenant_id_batch_id_role_party_no_pk" PRIMARY KEY("tenant_id","batch_id","role","party_no")
);
--> statement-breakpoint
CREATE TABLE "batch_vouchers" (
	"tenant_id" text NOT NULL,
	"batch_id" text NOT NULL,
	"source_id" text NOT NULL,
	"seq" integer NOT NULL,
	"chunk" integer NOT NULL,
	"kind" text NOT NULL,
	"voucher_date" text NOT NULL,
	"content_hash" text NOT NULL,
	"debit_minor" bigint NOT NULL,
	"document" jsonb NOT NULL,
	"voucher_type" integer,
	"entry_series_id" integer,
	"transaction_no" integer,
	"state" text DEFAULT 'staged' NOT NULL,
	CONSTRAINT "batch_vouchers_tenant_id_batch_id_source_id_pk" PRIMARY KEY("tenant_id","batch_id","source_id"),
	CONSTRAINT "batch_vouchers_state_check" CHECK ("batch_vouchers"."state" in ('staged', 'sent', 'saved', 'posted'))
);
--> statement-breakpoint
CREATE TABLE "batches" (
	"tenant_id" text NOT NULL,
	"batch_id" text NOT NULL,
	"label" text NOT NULL,
	"workflow_id" text NOT NULL,
	"posting_mode" text NOT NULL,
	"stage" text NOT NULL,
	"voucher_count" integer DEFAULT 0 NOT NULL,
	"chunk_count" integer DEFAULT 0 NOT NULL,
	"chunk_size" integer NOT NULL,
	"total_minor" bigint DEFAULT 0 NOT NULL,
	"totals" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"preflight" jsonb,
	"reconciliation" jsonb,
	"attention" text,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"posted_at" timestamp with time zone,
	"exported_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "batches_tenant_id_batch_id_pk" PRIMARY KEY("tenant_id","batch_id"),
	CONSTRAINT "batches_stage_check" CHECK ("batches"."stage" in ('staging', 'preflight', 'needs-attention', 'awaiting-approval', 'sending', 'in-journal', 'reconciling', 'posted', 'nothing-to-export', 'rejected', 'cancelled'))
);
--> statement-breakpoint
CREATE INDEX "batch_vouchers_chunk_idx" ON "batch_vouchers" USING btree ("tenant_id","batch_id","chunk","seq");