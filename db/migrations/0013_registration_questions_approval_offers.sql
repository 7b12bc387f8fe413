PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_registrations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` text NOT NULL,
	`person_id` integer NOT NULL,
	`status` text NOT NULL,
	`ticket_code` text NOT NULL,
	`source` text,
	`answers` text DEFAULT '{}' NOT NULL,
	`answer_fit` text DEFAULT '[]' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`promoted_at` integer,
	`offer_expires_at` integer,
	`decided_at` integer,
	`decided_by` integer,
	`decline_reason` text,
	`cancelled_at` integer,
	`checked_in_at` integer,
	`checked_in_by` integer,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`decided_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`checked_in_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "registrations_status_known" CHECK("__new_registrations"."status" IN ('pending', 'confirmed', 'waitlisted', 'offered', 'declined', 'cancelled')),
	CONSTRAINT "registrations_offer_has_expiry" CHECK("__new_registrations"."status" <> 'offered' OR "__new_registrations"."offer_expires_at" IS NOT NULL)
);
--> statement-breakpoint
INSERT INTO `__new_registrations`("id", "event_id", "person_id", "status", "ticket_code", "source", "created_at", "promoted_at", "cancelled_at", "checked_in_at", "checked_in_by") SELECT "id", "event_id", "person_id", "status", "ticket_code", "source", "created_at", "promoted_at", "cancelled_at", "checked_in_at", "checked_in_by" FROM `registrations`;--> statement-breakpoint
DROP TABLE `registrations`;--> statement-breakpoint
ALTER TABLE `__new_registrations` RENAME TO `registrations`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_ticket_code_unique` ON `registrations` (`ticket_code`);--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_event_person_uq` ON `registrations` (`event_id`,`person_id`);--> statement-breakpoint
CREATE INDEX `registrations_event_status_idx` ON `registrations` (`event_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `registrations_person_idx` ON `registrations` (`person_id`);