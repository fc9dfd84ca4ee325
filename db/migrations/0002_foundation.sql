CREATE TABLE "cross_references" (
	"tenant_id" text NOT NULL,
	"source_system" text NOT NULL,
	"target_system" text NOT NULL,
	"entity" text NOT NULL,
	"source_id" text NOT NULL,
	"target_id" text NOT NULL,
	"origin" text DEFAULT 'engine' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cross_references_tenant_id_source_system_target_system_entity_source_id_pk" PRIMARY KEY("tenant_id","source_system","target_system","entity","source_id"),
	CONSTRAINT "cross_references_target_unique" UNIQUE("tenant_id","source_system","target_system","entity","target_id")
);
--> statement-breakpoint
CREATE TABLE "number_series" (
	"tenant_id" text NOT NULL,
	"entry_series_id" integer NOT NULL,
	"year" integer NOT NULL,
	"next_no" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "number_series_tenant_id_entry_series_id_year_pk" PRIMARY KEY("tenant_id","entry_series_id","year")
);
--> statement-breakpoint
CREATE TABLE "voucher_numbers" (
	"tenant_id" text NOT NULL,
	"entry_series_id" integer NOT NULL,
	"year" integer NOT NULL,
	"transaction_no" integer NOT NULL,
	"owner" text NOT NULL,
	"drawn_at" timestamp with time zone DEFAULT now() NOT NULL,
	"burnt_at" timestamp with time zone,
	"burnt_because" text,
	CONSTRAINT "voucher_numbers_tenant_id_entry_series_id_year_transaction_no_pk" PRIMARY KEY("tenant_id","entry_series_id","year","transaction_no")
);
--> statement-breakpoint
ALTER TABLE "idempotency" DROP CONSTRAINT "idempotency_state_check";--> statement-breakpoint
UPDATE "idempotency" SET "state" = 'refused' WHERE "state" = 'failed';--> statement-breakpoint
ALTER TABLE "idempotency" ADD COLUMN "detail" text;--> statement-breakpoint
ALTER TABLE "idempotency" ADD COLUMN "sends" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "idempotency" ADD CONSTRAINT "idempotency_state_check" CHECK ("idempotency"."state" in ('reserved', 'sent', 'confirmed', 'refused'));--> statement-breakpoint
-- Chunk keys (batch/<id>/chunk/<n>) were positions: a chunk whose outcome was unknown leaves each of its documents
-- "sent" under its own key (telaris/document/<id>) with no request hash, so the next attempt looks it up and never takes it for done.
INSERT INTO "idempotency" ("tenant_id", "system", "key", "state", "detail")
  SELECT v."tenant_id", i."system", 'telaris/document/' || v."source_id", 'sent', 'outcome of its chunk unknown before the upgrade'
  FROM "idempotency" i JOIN "batch_vouchers" v
    ON v."tenant_id" = i."tenant_id" AND i."key" = 'batch/' || v."batch_id" || '/chunk/' || v."chunk"
  WHERE i."state" IN ('reserved', 'sent') AND v."state" IN ('staged', 'sent')
  ON CONFLICT DO NOTHING;--> statement-breakpoint
DELETE FROM "idempotency" WHERE "key" LIKE 'batch/%/chunk/%';--> statement-breakpoint
ALTER TABLE "batch_vouchers" ADD COLUMN "sent" jsonb;--> statement-breakpoint
-- Every mapping so far was Telaris → 24SevenOffice; customer and supplier ids were the engine's, not the operator's.
ALTER TABLE "mappings" ADD COLUMN "source_system" text DEFAULT 'telaris' NOT NULL;--> statement-breakpoint
ALTER TABLE "mappings" ALTER COLUMN "source_system" DROP DEFAULT;--> statement-breakpoint
INSERT INTO "cross_references" ("tenant_id", "source_system", "target_system", "entity", "source_id", "target_id")
  SELECT DISTINCT ON ("tenant_id", "system", "kind", "target_key") "tenant_id", 'telaris', "system", "kind", "source_key", "target_key"
  FROM "mappings" WHERE "kind" IN ('customer', 'supplier')
  ON CONFLICT DO NOTHING;--> statement-breakpoint
DELETE FROM "mappings" WHERE "kind" IN ('customer', 'supplier');--> statement-breakpoint
ALTER TABLE "mappings" DROP CONSTRAINT "mappings_tenant_id_system_kind_source_key_pk";--> statement-breakpoint
ALTER TABLE "mappings" ADD CONSTRAINT "mappings_tenant_id_source_system_system_kind_source_key_pk" PRIMARY KEY("tenant_id","source_system","system","kind","source_key");--> statement-breakpoint
CREATE INDEX "voucher_numbers_owner_idx" ON "voucher_numbers" USING btree ("tenant_id","owner");--> statement-breakpoint
-- Numbers drawn before the allocator existed: it continues above them and knows whose they are.
INSERT INTO "voucher_numbers" ("tenant_id", "entry_series_id", "year", "transaction_no", "owner")
  SELECT "tenant_id", "entry_series_id", left("voucher_date", 4)::int, "transaction_no", 'telaris/document/' || "source_id"
  FROM "batch_vouchers" WHERE "transaction_no" IS NOT NULL AND "entry_series_id" IS NOT NULL
  ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "number_series" ("tenant_id", "entry_series_id", "year", "next_no")
  SELECT "tenant_id", "entry_series_id", "year", max("transaction_no") + 1 FROM "voucher_numbers" GROUP BY 1, 2, 3;
