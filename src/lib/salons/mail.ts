// The mails of a salon registration, queued inside the caller's transaction:
// ticket (QR code inline and a calendar file), pending, approved, declined,
// a freed seat offered (and its lapse), acceptance, cancellation, reminder,
// VIP coupon.
import { and, gt, like } from 'drizzle-orm';
import { mailOutbox } from '../../../db/tables';
import type { Person, Tx } from '../leads/people';
import { enqueueMail } from '../mail/outbox';
import { pageUrl } from '../mail/links';
import { approvedMail, cancellationMail, couponMail, declinedMail, offerExpiredMail, offerMail, promotionMail, reminderMail, type SalonMailFacts, type TicketMailFacts } from '../mail/templates';
import { calendarEntryOf, salonUrl, salonWhen, salonWhere, ticketUrl, type SalonInfo } from './salon';
import { formatDate } from '../../i18n/format';
import { instantInZone } from '../operations/when';
import type { OutboxAttachment, RegistrationStatus } from '../../../db/tables';
import type { Locale } from '../../i18n/locales';
import { salonIn } from './salon-language';

type Registration = { id: number; ticketCode: string; status: RegistrationStatus; offerExpiresAt?: Date | null };
/** Who a salon mail goes to: their address, name and language. */
type Recipient = Pick<Person, 'email' | 'name' | 'locale'>;

/** The inline QR code's Content-ID: the mail's HTML shows it with `<img src="cid:ticket-qr">`. */
export const QR_CONTENT_ID = 'ticket-qr';

/** The salon as a mail in `locale` states it: its words, dates and page in that language. */
function facts(salon: SalonInfo, locale: Locale): SalonMailFacts {
  return { locale, title: salon.title, when: salonWhen(salon, locale), where: salonWhere(salon, locale), eventUrl: salonUrl(salon, locale), mapUrl: salon.format === 'in-person' ? salon.venue?.mapUrl : undefined };
}

/** The page that asks "Cancel my seat?" before cancelling: a plain link in every ticket mail. */
export function cancelUrl(salon: Pick<SalonInfo, 'id'>, ticketCode: string, locale: Locale = 'en'): string {
  return new URL('cancel/', ticketUrl(salon, ticketCode, locale)).href;
}

function ticketFacts(salon: SalonInfo, person: Recipient, reg: Pick<Registration, 'ticketCode'>, withQr: boolean): TicketMailFacts {
  const locale = person.locale;
  return { ...facts(salon, locale), name: person.name, ticketCode: reg.ticketCode, ticketUrl: ticketUrl(salon, reg.ticketCode, locale), cancelUrl: cancelUrl(salon, reg.ticketCode, locale), qrSrc: withQr ? `cid:${QR_CONTENT_ID}` : undefined, calendarUrl: withQr ? new URL('calendar.ics', salonUrl(salon, locale)).href : undefined };
}

/**
 * The QR code and the calendar file, the calendar in the reader's language (its
 * title, place and page): queued as the facts to make them from, made by the
 * mail worker (src/lib/mail/attachments.ts), never inside the transaction.
 */
function attachments(salon: SalonInfo, ticketCode: string, locale: Locale): OutboxAttachment[] {
  const entry = calendarEntryOf(salon, locale);
  return [
    // Inline (a Content-ID): mail clients show it in the body where the HTML refers to it.
    { filename: `ticket-${ticketCode}.png`, contentType: 'image/png', contentId: QR_CONTENT_ID, render: { kind: 'qr-png', text: ticketCode } },
    { filename: `${salon.id}.ics`, contentType: 'text/calendar', render: { kind: 'ics', event: { ...entry, start: entry.start.toISOString(), end: entry.end.toISOString() } } },
  ];
}

/** Someone registered again with this email: the ticket goes again to that mailbox (never to the caller), at most once per 10 minutes. */
export async function resendTicketMail(tx: Tx, salon: SalonInfo, person: Recipient, reg: Registration, position: number | undefined, now: Date): Promise<boolean> {
  const prefix = `registration-resend:${reg.id}:`;
  const [recent] = await tx
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(like(mailOutbox.idempotencyKey, `${prefix}%`), gt(mailOutbox.createdAt, new Date(now.getTime() - RESEND_INTERVAL_MS))))
    .limit(1);
  if (recent) return false;
  await queueTicketMail(tx, salon, person, reg, position, now, `${prefix}${now.getTime()}`);
  return true;
}

const RESEND_INTERVAL_MS = 10 * 60_000;

/** The mail a registration's state calls for: the ticket, a waitlist place, "we'll confirm" (pending) or the offer of a freed seat. */
export async function queueTicketMail(tx: Tx, salon: SalonInfo, person: Recipient, reg: Registration, position: number | undefined, now: Date, idempotencyKey?: string): Promise<void> {
  if (reg.status === 'offered') return queueOfferMail(tx, salon, person, reg, now, idempotencyKey);
  if (reg.status === 'declined' || reg.status === 'cancelled') return;
  const local = await salonIn(salon, person.locale);
  const confirmed = reg.status === 'confirmed';
  const facts = ticketFacts(local, person, reg, confirmed);
  await enqueueMail(
    tx,
    {
      template: reg.status === 'pending' ? 'registration-pending' : 'registration',
      to: person.email,
      // Keyed by status too: a re-registration after cancelling gets its own mail.
      idempotencyKey: idempotencyKey ?? `registration:${reg.id}:${reg.status}:${now.getTime()}`,
      tags: { event: salon.id },
      // Written by the mail worker when it sends (src/lib/mail/recipes.ts): the transaction stores only the facts.
      recipe: reg.status === 'pending' ? { render: 'registration-pending', facts } : { render: 'registration', facts: { ...facts, status: confirmed ? 'confirmed' : 'waitlisted', position } },
      attachments: confirmed ? attachments(local, reg.ticketCode, person.locale) : [],
    },
    now,
  );
}

/** An accepted offer: the seat is confirmed, with the ticket's QR code and calendar file. */
export async function queuePromotionMail(tx: Tx, salon: SalonInfo, person: Recipient, reg: Registration, now: Date): Promise<void> {
  const local = await salonIn(salon, person.locale);
  await enqueueMail(
    tx,
    {
      template: 'waitlist-promotion',
      to: person.email,
      idempotencyKey: `promotion:${reg.id}:${now.getTime()}`,
      tags: { event: salon.id },
      ...promotionMail(ticketFacts(local, person, reg, true)),
      attachments: attachments(local, reg.ticketCode, person.locale),
    },
    now,
  );
}

/** The ticket page's offer panel, where Accept and Decline are buttons (POST): the mail's links lead there. */
export function offerUrl(salon: Pick<SalonInfo, 'id'>, ticketCode: string, locale: Locale, choice: 'accept' | 'decline'): string {
  return `${ticketUrl(salon, ticketCode, locale)}?offer=${choice}#offer`;
}

/** "A seat is yours if you accept by <time>": the time in the salon's zone, in the person's language. */
export async function queueOfferMail(tx: Tx, salon: SalonInfo, person: Recipient, reg: Registration, now: Date, idempotencyKey?: string): Promise<void> {
  const local = await salonIn(salon, person.locale);
  const until = instantInZone(person.locale, reg.offerExpiresAt ?? now, salon.timezone);
  await enqueueMail(
    tx,
    {
      template: 'waitlist-offer',
      to: person.email,
      idempotencyKey: idempotencyKey ?? `offer:${reg.id}:${now.getTime()}`,
      tags: { event: salon.id },
      ...offerMail({ ...ticketFacts(local, person, reg, false), until, hours: salon.offerHours, acceptUrl: offerUrl(salon, reg.ticketCode, person.locale, 'accept'), declineUrl: offerUrl(salon, reg.ticketCode, person.locale, 'decline') }),
    },
    now,
  );
}

export async function queueOfferExpiredMail(tx: Tx, salon: SalonInfo, person: Recipient, reg: Registration, now: Date): Promise<void> {
  const local = await salonIn(salon, person.locale);
  await enqueueMail(
    tx,
    { template: 'waitlist-offer-expired', to: person.email, idempotencyKey: `offer-expired:${reg.id}:${now.getTime()}`, tags: { event: salon.id }, ...offerExpiredMail({ ...facts(local, person.locale), name: person.name, ticketCode: reg.ticketCode }) },
    now,
  );
}

/** Staff approved a pending registration: the ticket, or the waitlist place when the room filled meanwhile. */
export async function queueApprovedMail(tx: Tx, salon: SalonInfo, person: Recipient, reg: Registration, position: number | undefined, now: Date): Promise<void> {
  const local = await salonIn(salon, person.locale);
  const confirmed = reg.status === 'confirmed';
  await enqueueMail(
    tx,
    {
      template: 'registration-approved',
      to: person.email,
      idempotencyKey: `approved:${reg.id}:${now.getTime()}`,
      tags: { event: salon.id },
      ...approvedMail({ ...ticketFacts(local, person, reg, confirmed), status: confirmed ? 'confirmed' : 'waitlisted', position }),
      attachments: confirmed ? attachments(local, reg.ticketCode, person.locale) : [],
    },
    now,
  );
}

export async function queueDeclinedMail(tx: Tx, salon: SalonInfo, person: Recipient, reg: Registration, reason: string | null, now: Date): Promise<void> {
  const local = await salonIn(salon, person.locale);
  await enqueueMail(
    tx,
    { template: 'registration-declined', to: person.email, idempotencyKey: `declined:${reg.id}:${now.getTime()}`, tags: { event: salon.id }, ...declinedMail({ ...facts(local, person.locale), name: person.name, reason }) },
    now,
  );
}

/** Confirms a cancellation; queued in the transaction that cancels. */
export async function queueCancellationMail(tx: Tx, salon: SalonInfo, person: Recipient, reg: { id: number; ticketCode: string; status: Registration['status'] }, now: Date): Promise<void> {
  const local = await salonIn(salon, person.locale);
  await enqueueMail(
    tx,
    {
      template: 'registration-cancelled',
      to: person.email,
      idempotencyKey: `cancellation:${reg.id}:${now.getTime()}`,
      tags: { event: salon.id },
      ...cancellationMail({ ...facts(local, person.locale), name: person.name, ticketCode: reg.ticketCode, wasWaitlisted: reg.status !== 'confirmed' }),
    },
    now,
  );
}

export async function queueReminderMail(tx: Tx, salon: SalonInfo, person: Recipient, reg: { id: number; ticketCode: string }, hoursBefore: 24 | 2, now: Date): Promise<boolean> {
  const local = await salonIn(salon, person.locale);
  return enqueueMail(
    tx,
    {
      template: `reminder-${hoursBefore}h`,
      to: person.email,
      // One reminder of each kind per registration, however often the job runs.
      idempotencyKey: `reminder-${hoursBefore}h:${reg.id}`,
      tags: { event: salon.id },
      ...reminderMail({ ...facts(local, person.locale), name: person.name, hoursBefore, ticketCode: reg.ticketCode }),
    },
    now,
  );
}

/** The VIP coupon; `coupon.description` in the person's language (the salon's words for it, or what operations wrote). */
export async function queueCouponMail(tx: Tx, person: Recipient, coupon: { id: number; code: string; description: string; percentOff: number; expiresAt: Date }, unsubscribeUrl: string, now: Date): Promise<void> {
  await enqueueMail(
    tx,
    {
      template: 'coupon',
      to: person.email,
      topic: 'salons',
      idempotencyKey: `coupon:${coupon.id}`,
      ...couponMail({ locale: person.locale, name: person.name, code: coupon.code, description: coupon.description, percentOff: coupon.percentOff, expires: formatDate(person.locale, coupon.expiresAt, 'UTC'), unsubscribeUrl, pricingUrl: pageUrl('/pricing/', person.locale) }),
    },
    now,
  );
}
