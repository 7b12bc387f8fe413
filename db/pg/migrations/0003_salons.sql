CREATE TABLE "salons" (
	"id" text PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"data" jsonb NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"translation" jsonb,
	"description_zh" text,
	"capacity" integer NOT NULL,
	"start_at" timestamp (3) with time zone NOT NULL,
	"created_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "salons_capacity_positive" CHECK ("salons"."capacity" > 0)
);
--> statement-breakpoint
ALTER TABLE "salons" ADD CONSTRAINT "salons_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "salons_start_idx" ON "salons" USING btree ("start_at");