// Salon registrations: seats while they last, then a waitlist in order; a
// freed seat is OFFERED to the first waitlisted person for the salon's offer
// window (accept, decline, or it lapses and passes on); with approval mode a
// registration waits as pending for staff; check-in at the door. Every change
// runs in one BEGIN IMMEDIATE transaction with its mail and activity rows, so
// no seat is sold twice and nothing is half-written.
import { and, asc, count, eq, inArray, lt, lte, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { driverValue, lockFor, reusableQuery, writeTransaction, type Db } from '../platform/db';
import { people, registrations, rewards, salons, type SalonStatus } from '../../../db/tables';
import type { Attribution } from '../leads/attribution';
import { recordActivity } from '../leads/activities';
import { emitRegistrationEvent } from '../webhooks/events';
import { issueCoupon } from '../operations/coupons';
import { attributeReferral, verifyReferral, type ReferralOutcome } from '../community/referrals';
import { upsertLead, type LeadInput } from '../leads/lead-input';
import type { Person, Tx } from '../leads/people';
import { newTicketCode } from '../platform/random';
import { grantReward } from '../community/rewards';
import type { SalonInfo } from './salon';
import { salonIn } from './salon-language';
import type { Locale } from '../../i18n/locales';
import { queueCancellationMail, resendTicketMail, queueCouponMail, queueOfferExpiredMail, queueOfferMail, queuePromotionMail, queueReminderMail, queueTicketMail } from './mail';
import { answerFitOf } from './answer-fit';
import type { RegistrationAnswers, RegistrationStatus } from '../../../db/tables';
import { unsubscribeUrl } from '../privacy/unsubscribe';
import { refreshAccountOf } from '../accounts/account-sync';
import { publicPagesChanged } from '../platform/page-cache';

export type Registration = typeof registrations.$inferSelect;
export type RegistrationPhase = 'open' | 'closed' | 'ended';

/** Open until the deadline (or the start, whichever comes first); ended once it is over. */
export function registrationPhase(event: { registrationDeadline: Date; start: Date; end: Date; status?: SalonStatus | undefined }, now: Date = new Date()): RegistrationPhase {
  if (now >= event.end) return 'ended';
  // Closed early or called off in /admin/salons/.
  if (event.status === 'closed' || event.status === 'cancelled') return 'closed';
  if (now >= event.registrationDeadline || now >= event.start) return 'closed';
  return 'open';
}

/**
 * Seats taken: confirmed, and offered (a seat held for someone until they
 * answer or the offer lapses). Triggers keep the count on the salon's row
 * (migration seats_taken_triggers), so it is one row to read, however full.
 */
export async function countTaken(db: Tx, eventId: string): Promise<number> {
  return (await seatsTakenOf(db, { eventId }))[0]!.n;
}
/**
 * A count the salon's row keeps by triggers (seats taken, the waitlist's
 * length); a salon with no row (one held in memory, as unit tests do) has its
 * registrations of those statuses counted.
 */
function keptCount(column: typeof salons.seatsTaken | typeof salons.waitlisted, statuses: RegistrationStatus[], eventId: Placeholder): SQL<number> {
  const counted = sql`(SELECT count(*) FROM ${registrations} WHERE ${and(eq(registrations.eventId, eventId), inArray(registrations.status, statuses))})`;
  return sql<number>`coalesce((SELECT ${column} FROM ${salons} WHERE ${eq(salons.id, eventId)}), ${counted})`.mapWith(Number);
}
const takenSeats = (eventId: Placeholder): SQL<number> => keptCount(salons.seatsTaken, ['confirmed', 'offered'], eventId);
const seatsTakenOf = reusableQuery('seats_taken_of_salon', (db) => db.select({ n: takenSeats(sql.placeholder('eventId')) }).from(sql`(SELECT 1) AS one`));

/** The one place capacity is decided: seats left while confirmed and offered seats are below capacity. */
export function seatsLeft(salon: Pick<SalonInfo, 'capacity'>, taken: number): number {
  return Math.max(0, salon.capacity - taken);
}

export async function freeSeats(tx: Tx, salon: Pick<SalonInfo, 'id' | 'capacity'>): Promise<number> {
  return seatsLeft(salon, await countTaken(tx, salon.id));
}

/**
 * Every change to a salon's registrations holds the salon's lock: on
 * PostgreSQL two transactions would otherwise both count a free seat; on
 * SQLite the write lock already serialises them. Ids (the waitlist order) are
 * handed out while the lock is held, so they follow the order of commits.
 */
export async function lockSalon<S extends SalonInfo>(tx: Tx, salon: S): Promise<S> {
  await lockFor(tx, `salon:${salon.id}`);
  // The row's capacity and state, read under the lock: another process may have just changed them in /admin/salons/.
  const [row] = await salonUnderLock(tx, { id: salon.id });
  return row ? { ...salon, capacity: row.capacity, status: row.status } : salon;
}

// The statements every registration runs, built once (reusableQuery).
// No LIMIT: the id is the key, and drizzle binds a limit as a parameter, which cost SQLite ~3 µs a run here.
const salonUnderLock = reusableQuery('salon_under_lock', (db) => db.select({ capacity: salons.capacity, status: salons.status }).from(salons).where(eq(salons.id, sql.placeholder('id'))));
const registrationOf = reusableQuery('registration_of_person', (db) =>
  db
    .select()
    .from(registrations)
    .where(and(eq(registrations.eventId, sql.placeholder('eventId')), eq(registrations.personId, sql.placeholder('personId')))),
);
const waitlistedBefore = reusableQuery('waitlisted_before', (db) =>
  db
    .select({ n: count() })
    .from(registrations)
    .where(and(eq(registrations.eventId, sql.placeholder('eventId')), eq(registrations.status, 'waitlisted'), lt(registrations.id, sql.placeholder('id')))),
);

const insertRegistration = reusableQuery('insert_registration', (db) => {
  const p = sql.placeholder;
  return db.insert(registrations).values({ eventId: p('eventId'), personId: p('personId'), ticketCode: p('ticketCode'), status: p('status'), source: p('source'), answers: p('answers'), answerFit: p('answerFit'), createdAt: p('createdAt') }).returning();
});
// The seats taken, lapsed offers and whether anyone waits, in one look (settleSeats). Seats taken are the
// salon row's count, the lapsed offers read only the (event, status, id) index, and "anyone waiting" stops
// at the first: counting the salon's registrations grew with the salon (thousands of rows a registration).
const seatState = reusableQuery('seat_state', (db) => {
  const inSalon = eq(registrations.eventId, sql.placeholder('eventId'));
  const countOf = (where: SQL | undefined): SQL<number> => sql<number>`(SELECT count(*) FROM ${registrations} WHERE ${where})`.mapWith(Number);
  return db
    .select({
      taken: takenSeats(sql.placeholder('eventId')),
      lapsed: countOf(and(inSalon, eq(registrations.status, 'offered'), lte(registrations.offerExpiresAt, sql.placeholder('now')))),
      waiting: sql<number>`(SELECT count(*) FROM (SELECT 1 FROM ${registrations} WHERE ${and(inSalon, eq(registrations.status, 'waitlisted'))} LIMIT 1) AS anyone)`.mapWith(Number),
    })
    .from(sql`(SELECT 1) AS one`);
});

/**
 * 1-based place in the waitlist. The queue is in row-id order: ids are handed
 * out inside the write lock, so they follow the order registrations committed,
 * whatever the clocks of several server processes say.
 */
export async function waitlistPosition(db: Tx, reg: Pick<Registration, 'id' | 'eventId' | 'status'>): Promise<number | undefined> {
  if (reg.status !== 'waitlisted') return undefined;
  const [ahead] = await waitlistedBefore(db, { eventId: reg.eventId, id: reg.id });
  return ahead!.n + 1;
}

// The waitlist's length (migration waitlisted_triggers).
const waitlistLength = reusableQuery('waitlist_length', (db) => db.select({ n: keptCount(salons.waitlisted, ['waitlisted'], sql.placeholder('eventId')) }).from(sql`(SELECT 1) AS one`));

/**
 * The place of a registration just added, under the salon's lock: last in
 * line, so the waitlist's length, read from one row (counting those ahead
 * grew with the queue: 54 µs a registration with 1,500 waiting).
 */
async function newcomersPlace(tx: Tx, reg: Pick<Registration, 'eventId' | 'status'>): Promise<number | undefined> {
  if (reg.status !== 'waitlisted') return undefined;
  return (await waitlistLength(tx, { eventId: reg.eventId }))[0]!.n;
}

export type RegisterResult =
  | { outcome: 'created' | 'existing'; registration: Registration; position: number | undefined; person: Person; referral: ReferralOutcome }
  | { outcome: 'closed' };

/** What a registration starts from: the form, where the person came from, the referral link they followed. */
export interface RegistrationFacts {
  input: LeadInput;
  attribution: Attribution | null;
  /** The referral click a signed cookie names, or null. */
  referralClickId: number | null;
  /** The language of the page registered on: the person's mail goes out in it (absent: unchanged). */
  locale?: Locale | undefined;
  /** Answers to the salon's own questions, already checked against them (src/web/salon-requests.ts). */
  answers?: RegistrationAnswers | undefined;
}

/**
 * Registers a person for a salon: the lead, the seat, waitlist place or
 * pending request, the activity, the mail and the referral conversion commit
 * together. Lapsed offers are settled first, so nobody jumps the queue.
 */
export async function registerForSalon(db: Db, salon: SalonInfo, facts: RegistrationFacts, now: Date = new Date()): Promise<RegisterResult> {
  if (registrationPhase(salon, now) !== 'open') return { outcome: 'closed' };
  const { input, attribution } = facts;
  const answers = facts.answers ?? {};
  // Seats left show on the public pages the server keeps a few seconds (page-cache): each seat change drops them.
  return writeTransaction(db, async (tx): Promise<RegisterResult> => {
    // The person first: merging the form needs no seat, and on PostgreSQL the salon's lock is held to the
    // commit, so every statement before it is one the salon's other registrations do not wait for.
    const { person } = await upsertLead(tx, input, attribution, now, 'form', facts.locale, { rescoreFollows: true });
    salon = await lockSalon(tx, salon);
    // Closed meanwhile (in /admin/salons/, by another process): nothing of this form is kept.
    if (registrationPhase(salon, now) !== 'open') throw new ClosedMeanwhile();
    const { free } = await settleSeats(tx, salon, now);
    const [existing] = await registrationOf(tx, { eventId: salon.id, personId: person.id });
    if (existing && existing.status !== 'cancelled') {
      // No activity, so no rescore: the account takes in what the form may have changed (its people, a company name) here.
      await refreshAccountOf(tx, person.id, now);
      // Knowing an email is not enough to see a ticket: it goes again to that mailbox only.
      const position = await waitlistPosition(tx, existing);
      await resendTicketMail(tx, salon, person, existing, position, now);
      return { outcome: 'existing', registration: existing, position, person, referral: 'none' };
    }
    const status = salon.approval ? 'pending' : free > 0 ? 'confirmed' : 'waitlisted';
    const source = input.utm?.source ?? attribution?.last.source ?? null;
    // Coming back after cancelling: a new row (at the back of the queue), same ticket code.
    if (existing) await tx.delete(registrations).where(eq(registrations.id, existing.id));
    const [registration] = await insertRegistration(tx, { eventId: salon.id, personId: person.id, ticketCode: existing?.ticketCode ?? newTicketCode(), status, source, answers, answerFit: answerFitOf(salon, answers), createdAt: now });
    const position = await newcomersPlace(tx, registration!);
    await recordActivity(tx, { personId: person.id, type: 'salon_registration', subject: salon.id, source, medium: input.utm?.medium ?? attribution?.last.medium ?? null, campaign: input.utm?.campaign ?? attribution?.last.campaign ?? null, data: { status } }, now);
    await queueTicketMail(tx, salon, person, registration!, position, now);
    await emitRegistrationEvent(tx, 'registration.created', registration!.id, now);
    const referral = facts.referralClickId ? await attributeReferral(tx, facts.referralClickId, person.id, 'registration', now) : 'none';
    return { outcome: 'created', registration: registration!, position, person, referral };
  })
    .catch((error: unknown): RegisterResult => {
      if (error instanceof ClosedMeanwhile) return { outcome: 'closed' };
      throw error;
    })
    .finally(publicPagesChanged);
}

/** Thrown inside a registration to undo what it wrote: the salon closed between the form and the lock. */
class ClosedMeanwhile extends Error {}

/**
 * Ends every offer of this salon whose window has passed (the person is off
 * the list: status cancelled, with a mail saying the seat passed on), then
 * offers every free seat to the waitlist, first come first served: status
 * offered until now + salon.offerHours, with a mail to accept or decline.
 * Runs inside the caller's transaction, which holds the salon's lock: after a
 * cancellation, a declined offer, staff approving or raising capacity, and in
 * the offers job. Returns the registrations offered a seat.
 */
export async function offerFreedSeats(tx: Tx, salon: SalonInfo, now: Date): Promise<Registration[]> {
  return (await settleSeats(tx, salon, now)).offered;
}

/** offerFreedSeats, also saying how many seats are still free after it (none while anyone waits). */
async function settleSeats(tx: Tx, salon: SalonInfo, now: Date): Promise<{ offered: Registration[]; free: number }> {
  // One look first (this runs inside every change, under the salon's lock): most of the time there is nothing to settle.
  const [state] = await seatState(tx, { eventId: salon.id, now: driverValue(registrations.offerExpiresAt, now) });
  if (!state!.lapsed && (!state!.waiting || seatsLeft(salon, state!.taken) === 0)) return { offered: [], free: seatsLeft(salon, state!.taken) };
  const lapsed = await tx
    .update(registrations)
    .set({ status: 'cancelled', cancelledAt: now, offerExpiresAt: null })
    .where(and(eq(registrations.eventId, salon.id), eq(registrations.status, 'offered'), lte(registrations.offerExpiresAt, now)))
    .returning();
  for (const reg of lapsed) {
    await recordActivity(tx, { personId: reg.personId, type: 'salon_cancellation', subject: salon.id, data: { reason: 'offer_expired' } }, now);
    await queueOfferExpiredMail(tx, salon, await personOf(tx, reg.personId), reg, now);
  }
  const free = seatsLeft(salon, state!.taken - lapsed.length);
  // Never offered once the salon has begun: nobody could use the seat in time.
  if (free === 0 || now >= salon.start) return { offered: [], free };
  const next = await tx
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.eventId, salon.id), eq(registrations.status, 'waitlisted')))
    .orderBy(asc(registrations.id))
    .limit(free);
  if (next.length === 0) return { offered: [], free };
  // Never past the start: an offer answered after the salon began would be a seat nobody can use.
  const offerExpiresAt = new Date(Math.min(now.getTime() + salon.offerHours * 3_600_000, salon.start.getTime()));
  const offered = await tx
    .update(registrations)
    .set({ status: 'offered', offerExpiresAt })
    .where(inArray(registrations.id, next.map((r) => r.id)))
    .returning();
  offered.sort((a, b) => a.id - b.id);
  for (const reg of offered) await queueOfferMail(tx, salon, await personOf(tx, reg.personId), reg, now);
  return { offered, free: free - offered.length };
}

export async function personOf(tx: Tx, personId: number): Promise<Person> {
  return (await tx.select().from(people).where(eq(people.id, personId)))[0]!;
}

export type RegistrationWithPerson = Registration & { email: string; name: string | null; company: string | null; jobTitle: string | null; locale: Locale };

/** A registration of this salon by ticket code or, for the door's name search, by its id. */
export type RegistrationKey = { ticketCode: string } | { id: number };

export async function findRegistration(db: Tx, eventId: string, key: string | RegistrationKey): Promise<RegistrationWithPerson | undefined> {
  const k: RegistrationKey = typeof key === 'string' ? { ticketCode: key } : key;
  const found = await db
    .select({ r: registrations, email: people.email, name: people.name, company: people.company, jobTitle: people.jobTitle, locale: people.locale })
    .from(registrations)
    .innerJoin(people, eq(people.id, registrations.personId))
    .where(and(eq(registrations.eventId, eventId), 'id' in k ? eq(registrations.id, k.id) : eq(registrations.ticketCode, normalizeTicketCode(k.ticketCode))))
    .limit(1);
  return found.map((row) => ({ ...row.r, email: row.email, name: row.name, company: row.company, jobTitle: row.jobTitle, locale: row.locale }))[0];
}

/** Scanners and people type codes with or without dashes, in any case. */
export function normalizeTicketCode(code: string): string {
  const raw = code.toUpperCase().replace(/[^A-Z2-7]/g, '');
  return raw.match(/.{1,4}/g)?.join('-') ?? '';
}

export type CancelResult =
  | { outcome: 'cancelled'; registration: Registration; offered: Registration[] }
  | { outcome: 'already_cancelled'; registration: Registration }
  | { outcome: 'not_found' }
  | { outcome: 'ended' };

/**
 * The person gives up their seat, waitlist place, pending request or the seat
 * offered to them (declining the offer): they are off the list (cancelled,
 * they may register again at the back) and any freed seat is offered on.
 */
export async function cancelRegistration(db: Db, salon: SalonInfo, ticketCode: string, now: Date = new Date()): Promise<CancelResult> {
  return writeTransaction(db, async (tx): Promise<CancelResult> => {
    salon = await lockSalon(tx, salon);
    const reg = await findRegistration(tx, salon.id, ticketCode);
    if (!reg) return { outcome: 'not_found' };
    if (reg.status === 'cancelled' || reg.status === 'declined') return { outcome: 'already_cancelled', registration: reg };
    if (registrationPhase(salon, now) === 'ended' || reg.checkedInAt) return { outcome: 'ended' };
    const [cancelled] = await tx.update(registrations).set({ status: 'cancelled', cancelledAt: now, offerExpiresAt: null }).where(eq(registrations.id, reg.id)).returning();
    await recordActivity(tx, { personId: reg.personId, type: 'salon_cancellation', subject: salon.id }, now);
    await queueCancellationMail(tx, salon, reg, reg, now);
    const offered = await offerFreedSeats(tx, salon, now);
    return { outcome: 'cancelled', registration: cancelled!, offered };
  }).finally(publicPagesChanged);
}

export type AcceptResult =
  | { outcome: 'accepted'; registration: Registration }
  | { outcome: 'expired' | 'not_offered' | 'ended'; registration: Registration }
  | { outcome: 'not_found' };

/** The person takes the seat offered to them, while the offer stands: confirmed, with the ticket mail. */
export async function acceptOffer(db: Db, salon: SalonInfo, ticketCode: string, now: Date = new Date()): Promise<AcceptResult> {
  return writeTransaction(db, async (tx): Promise<AcceptResult> => {
    salon = await lockSalon(tx, salon);
    const reg = await findRegistration(tx, salon.id, ticketCode);
    if (!reg) return { outcome: 'not_found' };
    if (registrationPhase(salon, now) === 'ended') return { outcome: 'ended', registration: reg };
    if (reg.status === 'offered' && reg.offerExpiresAt! <= now) {
      // Lapsed: its seat belongs to the next person now, and this person is told so.
      await offerFreedSeats(tx, salon, now);
      return { outcome: 'expired', registration: reg };
    }
    if (reg.status !== 'offered') return { outcome: 'not_offered', registration: reg };
    const [accepted] = await tx.update(registrations).set({ status: 'confirmed', promotedAt: now, offerExpiresAt: null }).where(eq(registrations.id, reg.id)).returning();
    await recordActivity(tx, { personId: reg.personId, type: 'salon_registration', subject: salon.id, data: { status: 'confirmed', offer: 'accepted' } }, now);
    await queuePromotionMail(tx, salon, reg, accepted!, now);
    return { outcome: 'accepted', registration: accepted! };
  }).finally(publicPagesChanged);
}

/** Declining an offered seat: the person leaves the list and the seat goes to the next person straight away. */
export async function declineOffer(db: Db, salon: SalonInfo, ticketCode: string, now: Date = new Date()): Promise<CancelResult> {
  return cancelRegistration(db, salon, ticketCode, now);
}

export type CheckInResult =
  | { outcome: 'checked_in'; registration: RegistrationWithPerson; couponCode: string | null }
  | { outcome: 'already'; registration: RegistrationWithPerson }
  | { outcome: 'not_confirmed'; registration: RegistrationWithPerson }
  | { outcome: 'not_found' };

/** Marks the attendee in and grants the salon's VIP coupon (once, by the rewards constraint). */
export async function checkIn(db: Db, salon: SalonInfo, key: string | RegistrationKey, staffId: number, now: Date = new Date()): Promise<CheckInResult> {
  return writeTransaction(db, async (tx): Promise<CheckInResult> => {
    salon = await lockSalon(tx, salon);
    const reg = await findRegistration(tx, salon.id, key);
    if (!reg) return { outcome: 'not_found' };
    if (reg.checkedInAt) return { outcome: 'already', registration: reg };
    // Pending, waitlisted, offered (not yet accepted), declined and cancelled registrations are not attendees.
    if (reg.status !== 'confirmed') return { outcome: 'not_confirmed', registration: reg };
    await tx.update(registrations).set({ checkedInAt: now, checkedInBy: staffId }).where(eq(registrations.id, reg.id));
    await recordActivity(tx, { personId: reg.personId, type: 'salon_checkin', subject: salon.id }, now);
    await emitRegistrationEvent(tx, 'registration.checked_in', reg.id, now);
    // Someone who came to a salon is a real person: a referral of them now counts.
    await verifyReferral(tx, reg.personId, now);
    let couponCode: string | null = null;
    const reward = await grantReward(tx, { personId: reg.personId, giftId: 'salon-vip', subject: salon.id }, now);
    if (reward) {
      const coupon = await issueCoupon(tx, { ...salon.coupon, issuedToId: reg.personId, origin: salon.id }, now);
      await tx.update(rewards).set({ couponId: coupon.id }).where(eq(rewards.id, reward.id));
      const [person] = await tx.select().from(people).where(eq(people.id, reg.personId));
      // The coupon's terms in the attendee's language: the salon's own words for it.
      const description = (await salonIn(salon, person!.locale)).coupon.description;
      await queueCouponMail(tx, person!, { ...coupon, description }, await unsubscribeUrl(tx, person!.email), now);
      couponCode = coupon.code;
    }
    return { outcome: 'checked_in', registration: { ...reg, checkedInAt: now }, couponCode };
  });
}

/** Queues the 24-hour and 2-hour reminders that are due; each goes out once (idempotency key). */
export async function queueDueReminders(db: Db, salons: SalonInfo[], now: Date = new Date()): Promise<number> {
  let queued = 0;
  const hour = 3_600_000;
  for (const salon of salons) {
    const untilStart = salon.start.getTime() - now.getTime();
    if (untilStart <= 0 || untilStart > 24 * hour) continue;
    const kind: 24 | 2 = untilStart <= 2 * hour ? 2 : 24;
    await writeTransaction(db, async (tx) => {
      const confirmed = await tx
        .select({ id: registrations.id, ticketCode: registrations.ticketCode, email: people.email, name: people.name, locale: people.locale })
        .from(registrations)
        .innerJoin(people, eq(people.id, registrations.personId))
        .where(and(eq(registrations.eventId, salon.id), eq(registrations.status, 'confirmed')));
      for (const r of confirmed) if (await queueReminderMail(tx, salon, r, r, kind, now)) queued++;
    });
  }
  return queued;
}
