DROP INDEX `activities_person_idx`;--> statement-breakpoint
CREATE INDEX `activities_person_idx` ON `activities` (`person_id`,`occurred_at`,`type`);--> statement-breakpoint
DROP INDEX `people_source_idx`;--> statement-breakpoint
CREATE INDEX `people_source_idx` ON `people` (`first_source`,`score`,`id`);