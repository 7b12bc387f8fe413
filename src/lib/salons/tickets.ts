// The attendee's ticket pages: the ticket itself and the "Cancel my seat?"
// step. The unguessable ticket code in the URL is the key to both.
import type { Db } from '../platform/db';
import { pathInLocale, type Locale } from '../../i18n/locales';
import { calendarLinks } from './calendar';
import { cancelRegistration, findRegistration, registrationPhase, waitlistPosition, type RegistrationWithPerson } from './registrations';
import { getSalon } from './catalogue';
import { calendarEntryOf, type SalonInfo } from './salon';

export interface TicketView {
  salon: SalonInfo;
  reg: RegistrationWithPerson;
  position: number | undefined;
  /** Still possible to cancel: not cancelled, not used at the door, the salon not over. */
  cancellable: boolean;
  calendar: { google: string; outlook: string };
  paths: { ticket: string; cancel: string; salon: string };
}

/** The ticket with its salon's words, links and calendar in `locale`. */
export async function loadTicket(db: Db, slug: string, code: string, locale: Locale = 'en', now: Date = new Date()): Promise<TicketView | undefined> {
  const salon = await getSalon(slug, locale);
  const reg = salon ? await findRegistration(db, salon.id, code) : undefined;
  if (!salon || !reg) return undefined;
  const ticket = pathInLocale(`/events/${salon.id}/ticket/${reg.ticketCode}/`, locale);
  return {
    salon,
    reg,
    position: await waitlistPosition(db, reg),
    cancellable: reg.status !== 'cancelled' && !reg.checkedInAt && registrationPhase(salon, now) !== 'ended',
    calendar: calendarLinks(calendarEntryOf(salon, locale)),
    paths: { ticket, cancel: `${ticket}cancel/`, salon: pathInLocale(`/events/${salon.id}/`, locale) },
  };
}

/** The confirmed "yes, cancel": where to go next, or why it cannot be done. */
export async function cancelTicket(db: Db, view: TicketView, now: Date = new Date()): Promise<{ ok: true; location: string } | { ok: false; message: string }> {
  const result = await cancelRegistration(db, view.salon, view.reg.ticketCode, now);
  if (result.outcome === 'cancelled' || result.outcome === 'already_cancelled') return { ok: true, location: `${view.paths.ticket}?cancelled=1` };
  return { ok: false, message: 'This salon is over or the ticket was already used at the door, so it can no longer be cancelled.' };
}
