DROP INDEX "people_account_idx";--> statement-breakpoint
CREATE INDEX "people_account_idx" ON "people" USING btree ("account_id");