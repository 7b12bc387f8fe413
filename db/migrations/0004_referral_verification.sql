ALTER TABLE `referral_clicks` ADD `address_hash` text;--> statement-breakpoint
ALTER TABLE `referral_clicks` ADD `confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `referral_clicks` ADD `used_at` integer;--> statement-breakpoint
ALTER TABLE `referrals` ADD `verified_at` integer;