// Salon registrations: seats while they last, then a waitlist in order; a
// cancellation promotes the first waitlisted person; check-in at the door.
// Every change runs in one BEGIN IMMEDIATE transaction with its mail and
// activity rows, so no seat is sold twice and nothing is half-written.
import { and, asc, count, eq, lt } from 'drizzle-orm';
import type { Db } from '../platform/db';
import { people, registrations, rewards } from '../../../db/schema';
import type { Attribution } from '../leads/attribution';
import { recordActivity } from '../leads/activities';
import { issueCoupon } from '../operations/coupons';
import { verifyReferral } from '../community/referrals';
import { upsertLead, type LeadInput } from '../leads/lead-input';
import type { Person, Tx } from '../leads/people';
import { newTicketCode } from '../platform/random';
import { grantReward } from '../community/rewards';
import type { SalonInfo } from './salon';
import { queueCancellationMail, resendTicketMail, queueCouponMail, queuePromotionMail, queueReminderMail, queueTicketMail } from './mail';
import { unsubscribeUrl } from '../privacy/unsubscribe';

export type Registration = typeof registrations.$inferSelect;
export type RegistrationPhase = 'open' | 'closed' | 'ended';

/** Open until the deadline (or the start, whichever comes first); ended once it is over. */
export function registrationPhase(event: { registrationDeadline: Date; start: Date; end: Date }, now: Date = new Date()): RegistrationPhase {
  if (now >= event.end) return 'ended';
  if (now >= event.registrationDeadline || now >= event.start) return 'closed';
  return 'open';
}

export function countConfirmed(db: Tx, eventId: string): number {
  return db.select({ n: count() }).from(registrations).where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'confirmed'))).get()?.n ?? 0;
}

/** The one place capacity is decided: a seat while confirmed registrations are below capacity. */
function nextStatus(tx: Tx, salon: Pick<SalonInfo, 'id' | 'capacity'>): 'confirmed' | 'waitlisted' {
  return countConfirmed(tx, salon.id) < salon.capacity ? 'confirmed' : 'waitlisted';
}

/**
 * 1-based place in the waitlist. The queue is in row-id order: ids are handed
 * out inside the write lock, so they follow the order registrations committed,
 * whatever the clocks of several server processes say.
 */
export function waitlistPosition(db: Tx, reg: Pick<Registration, 'id' | 'eventId' | 'status'>): number | undefined {
  if (reg.status !== 'waitlisted') return undefined;
  const ahead = db
    .select({ n: count() })
    .from(registrations)
    .where(and(eq(registrations.eventId, reg.eventId), eq(registrations.status, 'waitlisted'), lt(registrations.id, reg.id)))
    .get()!.n;
  return ahead + 1;
}

export type RegisterResult =
  | { outcome: 'created' | 'existing'; registration: Registration; position: number | undefined; person: Person }
  | { outcome: 'closed' };

export function registerForSalon(db: Db, salon: SalonInfo, input: LeadInput, attribution: Attribution | null, now: Date = new Date()): RegisterResult {
  if (registrationPhase(salon, now) !== 'open') return { outcome: 'closed' };
  return db.transaction((tx): RegisterResult => {
    const { person } = upsertLead(tx, input, attribution, now);
    const existing = tx.select().from(registrations).where(and(eq(registrations.eventId, salon.id), eq(registrations.personId, person.id))).get();
    if (existing && existing.status !== 'cancelled') {
      // Knowing an email is not enough to see a ticket: it goes again to that mailbox only.
      const position = waitlistPosition(tx, existing);
      resendTicketMail(tx, salon, person, existing, position, now);
      return { outcome: 'existing', registration: existing, position, person };
    }
    const status = nextStatus(tx, salon);
    const source = input.utm?.source ?? attribution?.last.source ?? null;
    // Coming back after cancelling: a new row (at the back of the queue), same ticket code.
    if (existing) tx.delete(registrations).where(eq(registrations.id, existing.id)).run();
    const registration = tx
      .insert(registrations)
      .values({ eventId: salon.id, personId: person.id, ticketCode: existing?.ticketCode ?? newTicketCode(), status, source, createdAt: now })
      .returning()
      .get();
    const position = waitlistPosition(tx, registration);
    recordActivity(tx, { personId: person.id, type: 'salon_registration', subject: salon.id, source, medium: input.utm?.medium ?? attribution?.last.medium ?? null, campaign: input.utm?.campaign ?? attribution?.last.campaign ?? null, data: { status } }, now);
    queueTicketMail(tx, salon, person, registration, position, now);
    return { outcome: 'created', registration, position, person };
  }, { behavior: 'immediate' });
}

export type RegistrationWithPerson = Registration & { email: string; name: string | null; company: string | null; jobTitle: string | null };

/** A registration of this salon by ticket code or, for the door's name search, by its id. */
export type RegistrationKey = { ticketCode: string } | { id: number };

export function findRegistration(db: Tx, eventId: string, key: string | RegistrationKey): RegistrationWithPerson | undefined {
  const k: RegistrationKey = typeof key === 'string' ? { ticketCode: key } : key;
  return db
    .select({ r: registrations, email: people.email, name: people.name, company: people.company, jobTitle: people.jobTitle })
    .from(registrations)
    .innerJoin(people, eq(people.id, registrations.personId))
    .where(and(eq(registrations.eventId, eventId), 'id' in k ? eq(registrations.id, k.id) : eq(registrations.ticketCode, normalizeTicketCode(k.ticketCode))))
    .all()
    .map((row) => ({ ...row.r, email: row.email, name: row.name, company: row.company, jobTitle: row.jobTitle }))[0];
}

/** Scanners and people type codes with or without dashes, in any case. */
export function normalizeTicketCode(code: string): string {
  const raw = code.toUpperCase().replace(/[^A-Z2-7]/g, '');
  return raw.match(/.{1,4}/g)?.join('-') ?? '';
}

export type CancelResult =
  | { outcome: 'cancelled'; registration: Registration; promoted: Registration | null }
  | { outcome: 'already_cancelled'; registration: Registration }
  | { outcome: 'not_found' }
  | { outcome: 'ended' };

export function cancelRegistration(db: Db, salon: SalonInfo, ticketCode: string, now: Date = new Date()): CancelResult {
  return db.transaction((tx): CancelResult => {
    const reg = findRegistration(tx, salon.id, ticketCode);
    if (!reg) return { outcome: 'not_found' };
    if (reg.status === 'cancelled') return { outcome: 'already_cancelled', registration: reg };
    if (registrationPhase(salon, now) === 'ended' || reg.checkedInAt) return { outcome: 'ended' };
    const cancelled = tx.update(registrations).set({ status: 'cancelled', cancelledAt: now }).where(eq(registrations.id, reg.id)).returning().get()!;
    recordActivity(tx, { personId: reg.personId, type: 'salon_cancellation', subject: salon.id }, now);
    queueCancellationMail(tx, salon, reg, reg, now);
    let promoted: Registration | null = null;
    if (reg.status === 'confirmed' && nextStatus(tx, salon) === 'confirmed') {
      const first = tx
        .select()
        .from(registrations)
        .where(and(eq(registrations.eventId, salon.id), eq(registrations.status, 'waitlisted')))
        .orderBy(asc(registrations.id))
        .get();
      if (first) {
        promoted = tx.update(registrations).set({ status: 'confirmed', promotedAt: now }).where(eq(registrations.id, first.id)).returning().get()!;
        const person = tx.select().from(people).where(eq(people.id, first.personId)).get()!;
        queuePromotionMail(tx, salon, person, promoted, now);
      }
    }
    return { outcome: 'cancelled', registration: cancelled, promoted };
  }, { behavior: 'immediate' });
}

export type CheckInResult =
  | { outcome: 'checked_in'; registration: RegistrationWithPerson; couponCode: string | null }
  | { outcome: 'already'; registration: RegistrationWithPerson }
  | { outcome: 'not_confirmed'; registration: RegistrationWithPerson }
  | { outcome: 'not_found' };

/** Marks the attendee in and grants the salon's VIP coupon (once, by the rewards constraint). */
export function checkIn(db: Db, salon: SalonInfo, key: string | RegistrationKey, staffId: number, now: Date = new Date()): CheckInResult {
  return db.transaction((tx): CheckInResult => {
    const reg = findRegistration(tx, salon.id, key);
    if (!reg) return { outcome: 'not_found' };
    if (reg.checkedInAt) return { outcome: 'already', registration: reg };
    if (reg.status !== 'confirmed') return { outcome: 'not_confirmed', registration: reg };
    tx.update(registrations).set({ checkedInAt: now, checkedInBy: staffId }).where(eq(registrations.id, reg.id)).run();
    recordActivity(tx, { personId: reg.personId, type: 'salon_checkin', subject: salon.id }, now);
    // Someone who came to a salon is a real person: a referral of them now counts.
    verifyReferral(tx, reg.personId, now);
    let couponCode: string | null = null;
    const reward = grantReward(tx, { personId: reg.personId, giftId: 'salon-vip', subject: salon.id }, now);
    if (reward) {
      const coupon = issueCoupon(tx, { ...salon.coupon, issuedToId: reg.personId, origin: salon.id }, now);
      tx.update(rewards).set({ couponId: coupon.id }).where(eq(rewards.id, reward.id)).run();
      const person = tx.select().from(people).where(eq(people.id, reg.personId)).get()!;
      queueCouponMail(tx, person, coupon, unsubscribeUrl(db, person.email), now);
      couponCode = coupon.code;
    }
    return { outcome: 'checked_in', registration: { ...reg, checkedInAt: now }, couponCode };
  }, { behavior: 'immediate' });
}

/** Queues the 24-hour and 2-hour reminders that are due; each goes out once (idempotency key). */
export function queueDueReminders(db: Db, salons: SalonInfo[], now: Date = new Date()): number {
  let queued = 0;
  const hour = 3_600_000;
  for (const salon of salons) {
    const untilStart = salon.start.getTime() - now.getTime();
    if (untilStart <= 0 || untilStart > 24 * hour) continue;
    const kind: 24 | 2 = untilStart <= 2 * hour ? 2 : 24;
    db.transaction((tx) => {
      const confirmed = tx
        .select({ id: registrations.id, ticketCode: registrations.ticketCode, email: people.email, name: people.name })
        .from(registrations)
        .innerJoin(people, eq(people.id, registrations.personId))
        .where(and(eq(registrations.eventId, salon.id), eq(registrations.status, 'confirmed')))
        .all();
      for (const r of confirmed) if (queueReminderMail(tx, salon, r, r, kind, now)) queued++;
    });
  }
  return queued;
}
