CREATE INDEX `people_recent_idx` ON `people` (`last_activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `people_created_idx` ON `people` (`created_at`,`id`);