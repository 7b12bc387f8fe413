CREATE TABLE `coupon_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`prefix` text NOT NULL,
	`count` integer NOT NULL,
	`percent_off` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`description` text NOT NULL,
	`package_slug` text,
	`redemption_limit` integer,
	`redeemed` integer DEFAULT 0 NOT NULL,
	`created_by_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`created_by_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "coupon_batches_percent_range" CHECK("coupon_batches"."percent_off" BETWEEN 1 AND 100),
	CONSTRAINT "coupon_batches_count_range" CHECK("coupon_batches"."count" BETWEEN 1 AND 5000),
	CONSTRAINT "coupon_batches_within_limit" CHECK("coupon_batches"."redemption_limit" IS NULL OR "coupon_batches"."redeemed" <= "coupon_batches"."redemption_limit")
);
--> statement-breakpoint
CREATE TABLE `packages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`name_zh` text NOT NULL,
	`tagline` text NOT NULL,
	`tagline_zh` text NOT NULL,
	`price_cny` integer NOT NULL,
	`anchor_price_cny` integer,
	`period` text NOT NULL,
	`features` text NOT NULL,
	`features_zh` text NOT NULL,
	`includes` text NOT NULL,
	`sort_order` integer NOT NULL,
	`highlighted` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `packages_slug_unique` ON `packages` (`slug`);--> statement-breakpoint
ALTER TABLE `coupons` ADD `redeemed_by_id` integer REFERENCES people(id) ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE `coupons` ADD `redeemed_note` text;--> statement-breakpoint
ALTER TABLE `coupons` ADD `batch_id` integer REFERENCES coupon_batches(id);--> statement-breakpoint
CREATE INDEX `coupons_batch_idx` ON `coupons` (`batch_id`);