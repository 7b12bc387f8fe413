// The attendee's ticket pages: the ticket itself and the "Cancel my seat?"
// step. The unguessable ticket code in the URL is the key to both.
import type { Db } from '../platform/db';
import { HttpError } from '../platform/http';
import { pathInLocale, type Locale } from '../../i18n/locales';
import { calendarLinks } from './calendar';
import { acceptOffer, cancelRegistration, findRegistration, registrationPhase, waitlistPosition, type RegistrationWithPerson } from './registrations';
import { getSalon } from './catalogue';
import { calendarEntryOf, type SalonInfo } from './salon';
import { instantInZone } from '../operations/when';

export interface TicketView {
  salon: SalonInfo;
  reg: RegistrationWithPerson;
  position: number | undefined;
  /** Still possible to cancel: not cancelled or declined, not used at the door, the salon not over. */
  cancellable: boolean;
  /** A seat offered to this person: until when (the salon's zone, the page's language), or lapsed. */
  offer: { until: string; lapsed: boolean } | null;
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
    cancellable: reg.status !== 'cancelled' && reg.status !== 'declined' && !reg.checkedInAt && registrationPhase(salon, now) !== 'ended',
    offer: reg.status === 'offered' && reg.offerExpiresAt ? { until: instantInZone(locale, reg.offerExpiresAt, salon.timezone), lapsed: reg.offerExpiresAt <= now } : null,
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

/**
 * Accept or Decline on the ticket page's offer panel (a POST from the page, so
 * a link in a mail alone never decides): where to go next, or why not.
 */
export async function answerOffer(db: Db, view: TicketView, choice: unknown, now: Date = new Date()): Promise<{ ok: true; location: string } | { ok: false; message: string }> {
  if (choice === 'decline') {
    const result = await cancelRegistration(db, view.salon, view.reg.ticketCode, now);
      if (result.outcome === 'cancelled' || result.outcome === 'already_cancelled') return { ok: true, location: `${view.paths.ticket}?cancelled=1` };
    return { ok: false, message: 'This salon is over or the ticket was already used at the door, so it can no longer be cancelled.' };
  }
  if (choice !== 'accept') throw new HttpError('invalid', 'Choose to accept or decline the seat.');
  const result = await acceptOffer(db, view.salon, view.reg.ticketCode, now);
  if (result.outcome === 'accepted') return { ok: true, location: `${view.paths.ticket}?accepted=1` };
  if (result.outcome === 'expired') throw new HttpError('conflict', 'The offer has lapsed: the seat went to the next person on the waitlist.');
  throw new HttpError('conflict', 'There is no seat offered on this ticket any more.');
}
