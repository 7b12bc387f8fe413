-- A salon's waitlist length is kept by the database itself, as its seats taken are (0018): every path that
-- changes a registration moves it. A new registration's place in the queue is this count (it is last in line).
CREATE TRIGGER `registrations_waitlisted_insert` AFTER INSERT ON `registrations`
WHEN NEW.`status` = 'waitlisted'
BEGIN
  UPDATE `salons` SET `waitlisted` = `waitlisted` + 1 WHERE `id` = NEW.`event_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `registrations_waitlisted_delete` AFTER DELETE ON `registrations`
WHEN OLD.`status` = 'waitlisted'
BEGIN
  UPDATE `salons` SET `waitlisted` = `waitlisted` - 1 WHERE `id` = OLD.`event_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `registrations_waitlisted_update` AFTER UPDATE OF `status`, `event_id` ON `registrations`
WHEN (OLD.`status` = 'waitlisted') <> (NEW.`status` = 'waitlisted') OR OLD.`event_id` <> NEW.`event_id`
BEGIN
  UPDATE `salons` SET `waitlisted` = `waitlisted` - 1 WHERE `id` = OLD.`event_id` AND OLD.`status` = 'waitlisted';
  UPDATE `salons` SET `waitlisted` = `waitlisted` + 1 WHERE `id` = NEW.`event_id` AND NEW.`status` = 'waitlisted';
END;
--> statement-breakpoint
-- A salon row created after registrations for its id already exist starts from their count.
CREATE TRIGGER `salons_waitlisted_start` AFTER INSERT ON `salons`
BEGIN
  UPDATE `salons` SET `waitlisted` = (SELECT count(*) FROM `registrations` WHERE `event_id` = NEW.`id` AND `status` = 'waitlisted') WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
UPDATE `salons` SET `waitlisted` = (SELECT count(*) FROM `registrations` WHERE `registrations`.`event_id` = `salons`.`id` AND `registrations`.`status` = 'waitlisted');
