CREATE TABLE "invoice_transfers" (
	"tenant_id" text NOT NULL,
	"invoice_guid" text NOT NULL,
	"number" text,
	"customer" text DEFAULT '' NOT NULL,
	"total_minor" bigint DEFAULT 0 NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"stage" text NOT NULL,
	"attention" text,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"document" jsonb,
	"document_at" timestamp with time zone,
	"talenom_id" text,
	"workflow_id" text,
	"source_updated_at" text,
	"transferred_at" timestamp with time zone,
	"anomaly" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoice_transfers_tenant_id_invoice_guid_pk" PRIMARY KEY("tenant_id","invoice_guid"),
	CONSTRAINT "invoice_transfers_stage_check" CHECK ("invoice_transfers"."stage" in ('waiting', 'preparing', 'sending', 'marking', 'transferred', 'needs-attention', 'skipped', 'cancelled', 'not-ours'))
);
--> statement-breakpoint
ALTER TABLE "export_log" DROP CONSTRAINT "export_log_outcome_check";--> statement-breakpoint
CREATE INDEX "invoice_transfers_number_idx" ON "invoice_transfers" USING btree ("tenant_id","number");--> statement-breakpoint
ALTER TABLE "export_log" ADD CONSTRAINT "export_log_outcome_check" CHECK ("export_log"."outcome" in ('ok', 'failed', 'skipped', 'duplicate', 'pending', 'warning'));