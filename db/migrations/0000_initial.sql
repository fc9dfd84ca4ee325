CREATE TABLE "connections" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"system" text NOT NULL,
	"name" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"credentials_encrypted" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_check" jsonb,
	CONSTRAINT "connections_tenant_name_unique" UNIQUE("tenant_id","name"),
	CONSTRAINT "connections_system_check" CHECK ("connections"."system" in ('24sevenoffice', 'telaris', 'duell', 'severa', 'talenom', 'costtracker', 'rackbeat'))
);
--> statement-breakpoint
CREATE TABLE "export_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "export_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"flow" text NOT NULL,
	"entity_type" text NOT NULL,
	"source_id" text NOT NULL,
	"target_id" text,
	"outcome" text NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"attempt" integer DEFAULT 1 NOT NULL,
	"workflow_id" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "export_log_outcome_check" CHECK ("export_log"."outcome" in ('ok', 'failed', 'skipped', 'duplicate', 'pending'))
);
--> statement-breakpoint
CREATE TABLE "external_sessions" (
	"tenant_id" text NOT NULL,
	"key" text NOT NULL,
	"session_encrypted" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "external_sessions_tenant_id_key_pk" PRIMARY KEY("tenant_id","key")
);
--> statement-breakpoint
CREATE TABLE "idempotency" (
	"tenant_id" text NOT NULL,
	"system" text NOT NULL,
	"key" text NOT NULL,
	"external_id" text,
	"state" text NOT NULL,
	"request_hash" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_tenant_id_system_key_pk" PRIMARY KEY("tenant_id","system","key"),
	CONSTRAINT "idempotency_state_check" CHECK ("idempotency"."state" in ('reserved', 'sent', 'confirmed', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "mappings" (
	"tenant_id" text NOT NULL,
	"system" text NOT NULL,
	"kind" text NOT NULL,
	"source_key" text NOT NULL,
	"target_key" text NOT NULL,
	CONSTRAINT "mappings_tenant_id_system_kind_source_key_pk" PRIMARY KEY("tenant_id","system","kind","source_key")
);
--> statement-breakpoint
CREATE TABLE "request_budget" (
	"tenant_id" text NOT NULL,
	"system" text NOT NULL,
	"window_start" timestamp with time zone DEFAULT now() NOT NULL,
	"used" integer DEFAULT 0 NOT NULL,
	"hourly_limit" integer NOT NULL,
	"quarantined_until" timestamp with time zone,
	"reason" text DEFAULT '' NOT NULL,
	CONSTRAINT "request_budget_tenant_id_system_pk" PRIMARY KEY("tenant_id","system")
);
--> statement-breakpoint
CREATE TABLE "sync_cursors" (
	"tenant_id" text NOT NULL,
	"system" text NOT NULL,
	"stream" text NOT NULL,
	"cursor" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_cursors_tenant_id_system_stream_pk" PRIMARY KEY("tenant_id","system","stream")
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mappings" ADD CONSTRAINT "mappings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "export_log_tenant_flow_at_idx" ON "export_log" USING btree ("tenant_id","flow","at");