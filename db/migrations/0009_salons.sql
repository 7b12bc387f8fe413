CREATE TABLE `salons` (
	`id` text PRIMARY KEY NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`locale` text DEFAULT 'en' NOT NULL,
	`data` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`translation` text,
	`description_zh` text,
	`capacity` integer NOT NULL,
	`start_at` integer NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "salons_capacity_positive" CHECK("salons"."capacity" > 0)
);
--> statement-breakpoint
CREATE INDEX `salons_start_idx` ON `salons` (`start_at`);