// The mails of a salon registration, queued inside the caller's transaction:
// ticket (with QR code and calendar file), promotion, reminder, VIP coupon.
import type { Person, Tx } from './people';
import { enqueueMail } from './mail/outbox';
import { couponMail, promotionMail, registrationMail, reminderMail } from './mail/templates';
import { salonCalendar } from './calendar';
import { qrPng } from './qr';
import { salonUrl, salonWhen, salonWhere, ticketUrl, type SalonInfo } from './salon-info';
import { formatDay } from './dates';
import { siteUrl } from './site';

type Registration = { id: number; ticketCode: string; status: 'confirmed' | 'waitlisted' | 'cancelled' };

function facts(salon: SalonInfo): { title: string; when: string; where: string; eventUrl: string } {
  return { title: salon.title, when: salonWhen(salon), where: salonWhere(salon), eventUrl: salonUrl(salon) };
}

function attachments(salon: SalonInfo, ticketCode: string): Array<{ filename: string; content: string; contentType: string }> {
  const ics = salonCalendar({ id: salon.id, title: salon.title, summary: salon.summary, start: salon.start, end: salon.end, timezone: salon.timezone, location: salonWhere(salon), url: salonUrl(salon) });
  return [
    { filename: `ticket-${ticketCode}.png`, content: qrPng(ticketCode).toString('base64'), contentType: 'image/png' },
    { filename: `${salon.id}.ics`, content: Buffer.from(ics).toString('base64'), contentType: 'text/calendar' },
  ];
}

export function queueTicketMail(tx: Tx, salon: SalonInfo, person: Person, reg: Registration, position: number | undefined, now: Date): void {
  enqueueMail(
    tx,
    {
      template: 'registration',
      to: person.email,
      // Keyed by status too: a re-registration after cancelling gets its own mail.
      idempotencyKey: `registration:${reg.id}:${reg.status}:${now.getTime()}`,
      tags: { event: salon.id },
      ...registrationMail({ ...facts(salon), name: person.name, status: reg.status === 'confirmed' ? 'confirmed' : 'waitlisted', position, ticketCode: reg.ticketCode, cancelUrl: ticketUrl(salon, reg.ticketCode) }),
      attachments: reg.status === 'confirmed' ? attachments(salon, reg.ticketCode) : [],
    },
    now,
  );
}

export function queuePromotionMail(tx: Tx, salon: SalonInfo, person: Person, reg: Registration, now: Date): void {
  enqueueMail(
    tx,
    {
      template: 'waitlist-promotion',
      to: person.email,
      idempotencyKey: `promotion:${reg.id}:${now.getTime()}`,
      tags: { event: salon.id },
      ...promotionMail({ ...facts(salon), name: person.name, ticketCode: reg.ticketCode, cancelUrl: ticketUrl(salon, reg.ticketCode) }),
      attachments: attachments(salon, reg.ticketCode),
    },
    now,
  );
}

export function queueReminderMail(tx: Tx, salon: SalonInfo, person: Pick<Person, 'email' | 'name'>, reg: { id: number; ticketCode: string }, hoursBefore: 24 | 2, now: Date): boolean {
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

export function queueCouponMail(tx: Tx, person: Person, coupon: { id: number; code: string; description: string; percentOff: number; expiresAt: Date }, unsubscribeUrl: string, now: Date): void {
  enqueueMail(
    tx,
    {
      template: 'coupon',
      to: person.email,
      idempotencyKey: `coupon:${coupon.id}`,
      ...couponMail({ name: person.name, code: coupon.code, description: coupon.description, percentOff: coupon.percentOff, expires: formatDay(coupon.expiresAt), unsubscribeUrl, pricingUrl: new URL('/pricing/', siteUrl()).href }),
    },
    now,
  );
}
