CREATE TABLE "settlements" (
	"tenant_id" text NOT NULL,
	"department_id" text NOT NULL,
	"z_number" integer NOT NULL,
	"date" text NOT NULL,
	"content_hash" text NOT NULL,
	"stage" text NOT NULL,
	"attention" text,
	"voucher" jsonb,
	"transaction_no" integer,
	"stamp_no" integer,
	"save_to" text,
	"workflow_id" text,
	"posted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "settlements_tenant_id_department_id_z_number_pk" PRIMARY KEY("tenant_id","department_id","z_number"),
	CONSTRAINT "settlements_stage_check" CHECK ("settlements"."stage" in ('waiting', 'preparing', 'posting', 'posted', 'needs-attention', 'skipped', 'cancelled'))
);
