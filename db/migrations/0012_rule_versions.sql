CREATE TABLE `rule_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`version` integer NOT NULL,
	`body` text NOT NULL,
	`digest` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`restored_from` integer,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "rule_versions_version_positive" CHECK("rule_versions"."version" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rule_versions_kind_version_uq` ON `rule_versions` (`kind`,`version`);