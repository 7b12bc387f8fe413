DROP INDEX `people_account_idx`;--> statement-breakpoint
CREATE INDEX `people_account_idx` ON `people` (`account_id`);