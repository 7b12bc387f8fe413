DROP INDEX "activities_person_idx";--> statement-breakpoint
DROP INDEX "people_source_idx";--> statement-breakpoint
CREATE INDEX "activities_person_idx" ON "activities" USING btree ("person_id","occurred_at","type");--> statement-breakpoint
CREATE INDEX "people_source_idx" ON "people" USING btree ("first_source","score","id");