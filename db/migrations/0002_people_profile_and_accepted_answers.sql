ALTER TABLE `people` ADD `company_size_raw` text;--> statement-breakpoint
ALTER TABLE `people` ADD `wechat` text;--> statement-breakpoint
ALTER TABLE `people` ADD `shipping_address` text;--> statement-breakpoint
ALTER TABLE `questions` ADD `accepted_answer_id` integer;