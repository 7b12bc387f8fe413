// The mails of a salon registration, queued inside the caller's transaction:
// ticket (QR code inline and a calendar file), promotion, cancellation,
// reminder, VIP coupon.
import { and, gt, like } from 'drizzle-orm';
import { mailOutbox } from '../../../db/tables';
import type { Person, Tx } from '../leads/people';
import { enqueueMail } from '../mail/outbox';
import { cancellationMail, couponMail, promotionMail, registrationMail, reminderMail, type TicketMailFacts } from '../mail/templates';
import type { MailAttachment } from '../mail/transport';
import { salonCalendar } from './calendar';
import { qrPng } from '../platform/qr';
import { calendarEntryOf, salonUrl, salonWhen, salonWhere, ticketUrl, type SalonInfo } from './salon';
import { formatDay } from '../platform/dates';
import { siteUrl } from '../platform/site';

type Registration = { id: number; ticketCode: string; status: 'confirmed' | 'waitlisted' | 'cancelled' };

/** The inline QR code's Content-ID: the mail's HTML shows it with `<img src="cid:ticket-qr">`. */
export const QR_CONTENT_ID = 'ticket-qr';

function facts(salon: SalonInfo): { title: string; when: string; where: string; eventUrl: string; mapUrl: string | undefined } {
  return { title: salon.title, when: salonWhen(salon), where: salonWhere(salon), eventUrl: salonUrl(salon), mapUrl: salon.format === 'in-person' ? salon.venue?.mapUrl : undefined };
}

/** The page that asks "Cancel my seat?" before cancelling: a plain link in every ticket mail. */
export function cancelUrl(salon: Pick<SalonInfo, 'id'>, ticketCode: string): string {
  return new URL('cancel/', ticketUrl(salon, ticketCode)).href;
}

function ticketFacts(salon: SalonInfo, person: Pick<Person, 'name'>, reg: Pick<Registration, 'ticketCode'>, withQr: boolean): TicketMailFacts {
  return { ...facts(salon), name: person.name, ticketCode: reg.ticketCode, ticketUrl: ticketUrl(salon, reg.ticketCode), cancelUrl: cancelUrl(salon, reg.ticketCode), qrSrc: withQr ? `cid:${QR_CONTENT_ID}` : undefined };
}

function attachments(salon: SalonInfo, ticketCode: string): MailAttachment[] {
  const ics = salonCalendar(calendarEntryOf(salon));
  return [
    // Inline (a Content-ID): mail clients show it in the body where the HTML refers to it.
    { filename: `ticket-${ticketCode}.png`, content: qrPng(ticketCode).toString('base64'), contentType: 'image/png', contentId: QR_CONTENT_ID },
    { filename: `${salon.id}.ics`, content: Buffer.from(ics).toString('base64'), contentType: 'text/calendar' },
  ];
}

/** Someone registered again with this email: the ticket goes again to that mailbox (never to the caller), at most once per 10 minutes. */
export async function resendTicketMail(tx: Tx, salon: SalonInfo, person: Person, reg: Registration, position: number | undefined, now: Date): Promise<boolean> {
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

export async function queueTicketMail(tx: Tx, salon: SalonInfo, person: Person, reg: Registration, position: number | undefined, now: Date, idempotencyKey?: string): Promise<void> {
  await enqueueMail(
    tx,
    {
      template: 'registration',
      to: person.email,
      // Keyed by status too: a re-registration after cancelling gets its own mail.
      idempotencyKey: idempotencyKey ?? `registration:${reg.id}:${reg.status}:${now.getTime()}`,
      tags: { event: salon.id },
      ...registrationMail({ ...ticketFacts(salon, person, reg, reg.status === 'confirmed'), status: reg.status === 'confirmed' ? 'confirmed' : 'waitlisted', position }),
      attachments: reg.status === 'confirmed' ? attachments(salon, reg.ticketCode) : [],
    },
    now,
  );
}

export async function queuePromotionMail(tx: Tx, salon: SalonInfo, person: Person, reg: Registration, now: Date): Promise<void> {
  await enqueueMail(
    tx,
    {
      template: 'waitlist-promotion',
      to: person.email,
      idempotencyKey: `promotion:${reg.id}:${now.getTime()}`,
      tags: { event: salon.id },
      ...promotionMail(ticketFacts(salon, person, reg, true)),
      attachments: attachments(salon, reg.ticketCode),
    },
    now,
  );
}

/** Confirms a cancellation; queued in the transaction that cancels. */
export async function queueCancellationMail(tx: Tx, salon: SalonInfo, person: Pick<Person, 'email' | 'name'>, reg: { id: number; ticketCode: string; status: Registration['status'] }, now: Date): Promise<void> {
  await enqueueMail(
    tx,
    {
      template: 'registration-cancelled',
      to: person.email,
      idempotencyKey: `cancellation:${reg.id}:${now.getTime()}`,
      tags: { event: salon.id },
      ...cancellationMail({ ...facts(salon), name: person.name, ticketCode: reg.ticketCode, wasWaitlisted: reg.status === 'waitlisted' }),
    },
    now,
  );
}

export async function queueReminderMail(tx: Tx, salon: SalonInfo, person: Pick<Person, 'email' | 'name'>, reg: { id: number; ticketCode: string }, hoursBefore: 24 | 2, now: Date): Promise<boolean> {
  return enqueueMail(
    tx,
    {
      template: `reminder-${hoursBefore}h`,
      to: person.email,
      // One reminder of each kind per registration, however often the job runs.
      idempotencyKey: `reminder-${hoursBefore}h:${reg.id}`,
      tags: { event: salon.id },
      ...reminderMail({ ...facts(salon), name: person.name, hoursBefore, ticketCode: reg.ticketCode }),
    },
    now,
  );
}

export async function queueCouponMail(tx: Tx, person: Person, coupon: { id: number; code: string; description: string; percentOff: number; expiresAt: Date }, unsubscribeUrl: string, now: Date): Promise<void> {
  await enqueueMail(
    tx,
    {
      template: 'coupon',
      to: person.email,
      topic: 'salons',
      idempotencyKey: `coupon:${coupon.id}`,
      ...couponMail({ name: person.name, code: coupon.code, description: coupon.description, percentOff: coupon.percentOff, expires: formatDay(coupon.expiresAt), unsubscribeUrl, pricingUrl: new URL('/pricing/', siteUrl()).href }),
    },
    now,
  );
}
