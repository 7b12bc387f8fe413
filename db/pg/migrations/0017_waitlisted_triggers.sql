-- A salon's waitlist length is kept by the database itself, as its seats taken are (0012): every path that
-- changes a registration moves it. A new registration's place in the queue is this count (it is last in line).
CREATE FUNCTION registrations_waitlisted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.status = 'waitlisted') = (NEW.status = 'waitlisted') AND OLD.event_id = NEW.event_id THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'waitlisted' THEN
    UPDATE salons SET waitlisted = waitlisted - 1 WHERE id = OLD.event_id;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.status = 'waitlisted' THEN
    UPDATE salons SET waitlisted = waitlisted + 1 WHERE id = NEW.event_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER registrations_waitlisted AFTER INSERT OR DELETE OR UPDATE OF status, event_id ON registrations FOR EACH ROW EXECUTE FUNCTION registrations_waitlisted();
--> statement-breakpoint
-- A salon row created after registrations for its id already exist starts from their count.
CREATE FUNCTION salons_waitlisted_start() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.waitlisted := (SELECT count(*) FROM registrations WHERE event_id = NEW.id AND status = 'waitlisted');
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER salons_waitlisted_start BEFORE INSERT ON salons FOR EACH ROW EXECUTE FUNCTION salons_waitlisted_start();
--> statement-breakpoint
UPDATE salons SET waitlisted = (SELECT count(*) FROM registrations WHERE registrations.event_id = salons.id AND registrations.status = 'waitlisted');
