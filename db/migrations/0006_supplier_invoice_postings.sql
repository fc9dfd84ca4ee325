CREATE TABLE "supplier_invoice_postings" (
	"tenant_id" text NOT NULL,
	"invoice_id" text NOT NULL,
	"invoice_number" text,
	"supplier" text DEFAULT '' NOT NULL,
	"total_minor" bigint DEFAULT 0 NOT NULL,
	"currency" text DEFAULT 'NOK' NOT NULL,
	"stage" text NOT NULL,
	"attention" text,
	"voucher" jsonb,
	"transaction_no" integer,
	"workflow_id" text,
	"posted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supplier_invoice_postings_tenant_id_invoice_id_pk" PRIMARY KEY("tenant_id","invoice_id"),
	CONSTRAINT "supplier_invoice_postings_stage_check" CHECK ("supplier_invoice_postings"."stage" in ('waiting', 'preparing', 'posting', 'marking', 'posted', 'needs-attention', 'skipped', 'cancelled'))
);
--> statement-breakpoint
CREATE INDEX "supplier_invoice_postings_number_idx" ON "supplier_invoice_postings" USING btree ("tenant_id","invoice_number");