CREATE TABLE "matching_orders" (
	"tenant_id" text NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"supplier" text NOT NULL,
	"project" text,
	"department" text,
	"amount_minor" bigint NOT NULL,
	"invoiced_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"status" text NOT NULL,
	CONSTRAINT "matching_orders_tenant_id_seq_pk" PRIMARY KEY("tenant_id","seq")
);
--> statement-breakpoint
CREATE TABLE "matching_results" (
	"tenant_id" text NOT NULL,
	"transaction_id" text NOT NULL,
	"outcome" text NOT NULL,
	"po" text,
	"rule" text,
	"source" text NOT NULL,
	"by" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"candidates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"verdicts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decided_hash" text,
	"record_hash" text,
	"pushed_po" text,
	"pushed_amount_minor" bigint,
	"pushed_hash" text,
	"refused" text,
	CONSTRAINT "matching_results_tenant_id_transaction_id_pk" PRIMARY KEY("tenant_id","transaction_id"),
	CONSTRAINT "matching_results_outcome_check" CHECK ("matching_results"."outcome" in ('auto-matched', 'ambiguous', 'unmatched', 'matched')),
	CONSTRAINT "matching_results_source_check" CHECK ("matching_results"."source" in ('auto', 'manual'))
);
--> statement-breakpoint
CREATE TABLE "matching_transactions" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"voucher_no" integer NOT NULL,
	"date" text NOT NULL,
	"supplier" text,
	"project" text,
	"department" text,
	"account" integer NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"po_field" text,
	"description" text,
	"content_hash" text NOT NULL,
	"pushed_hash" text,
	"staged_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matching_transactions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "matching_orders_number_idx" ON "matching_orders" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "matching_results_outcome_idx" ON "matching_results" USING btree ("tenant_id","outcome");--> statement-breakpoint
CREATE INDEX "matching_transactions_date_idx" ON "matching_transactions" USING btree ("tenant_id","date","id");