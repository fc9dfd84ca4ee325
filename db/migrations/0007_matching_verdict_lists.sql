CREATE TABLE "matching_verdict_lists" (
	"tenant_id" text NOT NULL,
	"hash" text NOT NULL,
	"verdicts" jsonb NOT NULL,
	CONSTRAINT "matching_verdict_lists_tenant_id_hash_pk" PRIMARY KEY("tenant_id","hash")
);
--> statement-breakpoint
ALTER TABLE "matching_results" ADD COLUMN "verdicts_hash" text;--> statement-breakpoint
-- Lists stored inline move here once each (older ones name the matched PO in its verdict and read back as they are).
INSERT INTO "matching_verdict_lists" ("tenant_id", "hash", "verdicts")
  SELECT DISTINCT "tenant_id", md5("verdicts"::text), "verdicts" FROM "matching_results" WHERE "verdicts" <> '[]'::jsonb;--> statement-breakpoint
UPDATE "matching_results" SET "verdicts_hash" = md5("verdicts"::text) WHERE "verdicts" <> '[]'::jsonb;
