CREATE TABLE `accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`domain` text NOT NULL,
	`name` text NOT NULL,
	`people_count` integer DEFAULT 0 NOT NULL,
	`engaged_count` integer DEFAULT 0 NOT NULL,
	`committee` text,
	`engaged_decision_maker` integer DEFAULT false NOT NULL,
	`fit_score` integer DEFAULT 0 NOT NULL,
	`engagement_score` integer DEFAULT 0 NOT NULL,
	`breadth_score` integer DEFAULT 0 NOT NULL,
	`score` integer DEFAULT 0 NOT NULL,
	`grade` text DEFAULT 'D' NOT NULL,
	`last_activity_at` integer,
	`won_value_12m` integer DEFAULT 0 NOT NULL,
	`won_deals` integer DEFAULT 0 NOT NULL,
	`customer_since` integer,
	`customer_grade` text,
	`scale_tier` text,
	`payment_tier` text,
	`activity_tier` text,
	`previous_activity_tier` text,
	`engagement_90d` integer DEFAULT 0 NOT NULL,
	`attention_since` integer,
	`graded_at` integer,
	`scored_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_domain_unique` ON `accounts` (`domain`);--> statement-breakpoint
CREATE INDEX `accounts_score_idx` ON `accounts` (`score`,`id`);--> statement-breakpoint
CREATE INDEX `accounts_grade_score_idx` ON `accounts` (`grade`,`score`,`id`);--> statement-breakpoint
CREATE INDEX `accounts_recent_idx` ON `accounts` (`last_activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `accounts_customer_idx` ON `accounts` (`customer_grade`,`score`,`id`);--> statement-breakpoint
CREATE INDEX `accounts_attention_idx` ON `accounts` (`attention_since`);--> statement-breakpoint
CREATE TABLE `sales_routing` (
	`person_id` integer PRIMARY KEY NOT NULL,
	`available` integer DEFAULT true NOT NULL,
	`weight` integer DEFAULT 1 NOT NULL,
	`away_until` integer,
	`credit` integer DEFAULT 0 NOT NULL,
	`assigned_count` integer DEFAULT 0 NOT NULL,
	`last_assigned_at` integer,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "sales_routing_weight_range" CHECK("sales_routing"."weight" BETWEEN 0 AND 10)
);
--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`webhook_id` integer NOT NULL,
	`event_id` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`locked_until` integer,
	`last_status` integer,
	`last_error` text,
	`last_attempt_at` integer,
	`delivered_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`webhook_id`) REFERENCES `webhooks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_id`) REFERENCES `webhook_events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_deliveries_uq` ON `webhook_deliveries` (`webhook_id`,`event_id`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_due_idx` ON `webhook_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_recent_idx` ON `webhook_deliveries` (`webhook_id`,`id`);--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`data` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_events_dedupe_key_unique` ON `webhook_events` (`dedupe_key`);--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text DEFAULT 'json' NOT NULL,
	`url` text NOT NULL,
	`events` text NOT NULL,
	`secret` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
ALTER TABLE `deals` ADD `account_id` integer REFERENCES accounts(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `deals` ADD `value_cny` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `deals` ADD `first_source` text;--> statement-breakpoint
ALTER TABLE `deals` ADD `first_medium` text;--> statement-breakpoint
ALTER TABLE `deals` ADD `first_campaign` text;--> statement-breakpoint
ALTER TABLE `deals` ADD `last_source` text;--> statement-breakpoint
ALTER TABLE `deals` ADD `last_medium` text;--> statement-breakpoint
ALTER TABLE `deals` ADD `last_campaign` text;--> statement-breakpoint
CREATE INDEX `deals_account_idx` ON `deals` (`account_id`,`closed_at`);--> statement-breakpoint
CREATE INDEX `deals_closed_idx` ON `deals` (`closed_at`);--> statement-breakpoint
ALTER TABLE `people` ADD `account_id` integer REFERENCES accounts(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `people` ADD `assigned_at` integer;--> statement-breakpoint
ALTER TABLE `people` ADD `sla_due_at` integer;--> statement-breakpoint
ALTER TABLE `people` ADD `first_touch_at` integer;--> statement-breakpoint
CREATE INDEX `people_account_idx` ON `people` (`account_id`,`score`);--> statement-breakpoint
CREATE INDEX `people_sla_idx` ON `people` (`sla_due_at`);--> statement-breakpoint
UPDATE `deals` SET `value_cny` = `value`, `first_source` = (SELECT `first_source` FROM `people` WHERE `people`.`id` = `deals`.`person_id`), `first_medium` = (SELECT `first_medium` FROM `people` WHERE `people`.`id` = `deals`.`person_id`), `first_campaign` = (SELECT `first_campaign` FROM `people` WHERE `people`.`id` = `deals`.`person_id`), `last_source` = (SELECT `last_source` FROM `people` WHERE `people`.`id` = `deals`.`person_id`), `last_medium` = (SELECT `last_medium` FROM `people` WHERE `people`.`id` = `deals`.`person_id`), `last_campaign` = (SELECT `last_campaign` FROM `people` WHERE `people`.`id` = `deals`.`person_id`);
