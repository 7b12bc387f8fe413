-- A salon's seats taken (its confirmed and offered registrations) are kept by the database itself, so every path
-- that changes a registration moves them: the use cases, an erased person's cascade, a script at the console.
CREATE TRIGGER `registrations_seats_insert` AFTER INSERT ON `registrations`
WHEN NEW.`status` IN ('confirmed', 'offered')
BEGIN
  UPDATE `salons` SET `seats_taken` = `seats_taken` + 1 WHERE `id` = NEW.`event_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `registrations_seats_delete` AFTER DELETE ON `registrations`
WHEN OLD.`status` IN ('confirmed', 'offered')
BEGIN
  UPDATE `salons` SET `seats_taken` = `seats_taken` - 1 WHERE `id` = OLD.`event_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `registrations_seats_update` AFTER UPDATE OF `status`, `event_id` ON `registrations`
WHEN (OLD.`status` IN ('confirmed', 'offered')) <> (NEW.`status` IN ('confirmed', 'offered')) OR OLD.`event_id` <> NEW.`event_id`
BEGIN
  UPDATE `salons` SET `seats_taken` = `seats_taken` - 1 WHERE `id` = OLD.`event_id` AND OLD.`status` IN ('confirmed', 'offered');
  UPDATE `salons` SET `seats_taken` = `seats_taken` + 1 WHERE `id` = NEW.`event_id` AND NEW.`status` IN ('confirmed', 'offered');
END;
--> statement-breakpoint
-- A salon row created after registrations for its id already exist starts from their count.
CREATE TRIGGER `salons_seats_taken_start` AFTER INSERT ON `salons`
BEGIN
  UPDATE `salons` SET `seats_taken` = (SELECT count(*) FROM `registrations` WHERE `event_id` = NEW.`id` AND `status` IN ('confirmed', 'offered')) WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
UPDATE `salons` SET `seats_taken` = (SELECT count(*) FROM `registrations` WHERE `registrations`.`event_id` = `salons`.`id` AND `registrations`.`status` IN ('confirmed', 'offered'));
