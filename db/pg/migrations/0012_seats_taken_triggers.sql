-- A salon's seats taken (its confirmed and offered registrations) are kept by the database itself, so every path
-- that changes a registration moves them: the use cases, an erased person's cascade, a script at the console.
CREATE FUNCTION registrations_seats_taken() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.status IN ('confirmed', 'offered')) = (NEW.status IN ('confirmed', 'offered')) AND OLD.event_id = NEW.event_id THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status IN ('confirmed', 'offered') THEN
    UPDATE salons SET seats_taken = seats_taken - 1 WHERE id = OLD.event_id;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.status IN ('confirmed', 'offered') THEN
    UPDATE salons SET seats_taken = seats_taken + 1 WHERE id = NEW.event_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER registrations_seats_taken AFTER INSERT OR DELETE OR UPDATE OF status, event_id ON registrations FOR EACH ROW EXECUTE FUNCTION registrations_seats_taken();
--> statement-breakpoint
-- A salon row created after registrations for its id already exist starts from their count.
CREATE FUNCTION salons_seats_taken_start() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.seats_taken := (SELECT count(*) FROM registrations WHERE event_id = NEW.id AND status IN ('confirmed', 'offered'));
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER salons_seats_taken_start BEFORE INSERT ON salons FOR EACH ROW EXECUTE FUNCTION salons_seats_taken_start();
--> statement-breakpoint
UPDATE salons SET seats_taken = (SELECT count(*) FROM registrations WHERE registrations.event_id = salons.id AND registrations.status IN ('confirmed', 'offered'));
