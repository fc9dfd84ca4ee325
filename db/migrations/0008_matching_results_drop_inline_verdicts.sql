ALTER TABLE "matching_results" DROP COLUMN "verdicts";--> statement-breakpoint
ALTER TABLE "matching_results" DROP COLUMN "pushed_amount_minor";