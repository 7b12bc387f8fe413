CREATE TABLE `commissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deal_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`share_percent` integer NOT NULL,
	`amount` integer NOT NULL,
	`accrued_at` integer NOT NULL,
	`payable_from` integer NOT NULL,
	`paid_at` integer,
	`paid_by` integer,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`paid_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `commissions_deal_id_unique` ON `commissions` (`deal_id`);--> statement-breakpoint
CREATE INDEX `commissions_partner_idx` ON `commissions` (`partner_id`,`accrued_at`);--> statement-breakpoint
CREATE TABLE `deals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`outcome` text NOT NULL,
	`value` integer DEFAULT 0 NOT NULL,
	`currency` text DEFAULT 'CNY' NOT NULL,
	`package_slug` text,
	`lost_reason` text,
	`partner_id` integer,
	`closed_at` integer NOT NULL,
	`recorded_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`recorded_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "deals_value_nonnegative" CHECK("deals"."value" >= 0)
);
--> statement-breakpoint
CREATE INDEX `deals_person_idx` ON `deals` (`person_id`);--> statement-breakpoint
CREATE INDEX `deals_partner_idx` ON `deals` (`partner_id`,`closed_at`);