ALTER TABLE "request_budget" ADD COLUMN "next_slot_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "request_budget" ADD COLUMN "hour_start" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "request_budget" ADD COLUMN "hour_used" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "request_budget" ADD COLUMN "day_start" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "request_budget" ADD COLUMN "day_used" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "request_budget" DROP COLUMN "window_start";--> statement-breakpoint
ALTER TABLE "request_budget" DROP COLUMN "used";--> statement-breakpoint
ALTER TABLE "request_budget" DROP COLUMN "hourly_limit";