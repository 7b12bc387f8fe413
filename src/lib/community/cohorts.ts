// Community cohorts: numbered groups of (by default) 500. Joining takes the
// open cohort's next seat; the join that fills it opens the next cohort. The
// whole decision runs in one write transaction holding the cohort lock, and the database's
// CHECK (member_count <= capacity) refuses anything else.
import { asc, eq, lt, sql } from 'drizzle-orm';
import { lockFor, writeTransaction, type Db } from '../platform/db';
import { attributeReferral, type ReferralOutcome } from './referrals';
import { cohorts, memberships, people } from '../../../db/tables';
import { recordActivity } from '../leads/activities';
import { ensureMember, recordLocale, type Tx } from '../leads/people';
import { grantReward } from './rewards';
import { defaultLadder, giftLadder, giftsFor, mailGift } from './gift-ladder';
import { enqueueMail } from '../mail/outbox';
import { rewardMail } from '../mail/templates';
import { pageUrl } from '../mail/links';
import { unsubscribeUrl } from '../privacy/unsubscribe';
import type { Locale } from '../../i18n/locales';


/** The registration gift of the shipped ladder (the demo data's welcome mails name it). */
export const welcomeKit = mailGift({ giftId: 'welcome-kit', ...defaultLadder.gifts['welcome-kit']! });

export const COHORT_CAPACITY = 500;

export interface Seat {
  cohort: { number: number; slug: string };
  seat: number;
}

/** The cohort and seat of a member, if they joined. */
export async function seatOf(tx: Tx, personId: number): Promise<Seat | undefined> {
  const [row] = await tx
    .select({ number: cohorts.number, slug: cohorts.slug, seat: memberships.seat })
    .from(memberships)
    .innerJoin(cohorts, eq(cohorts.id, memberships.cohortId))
    .where(eq(memberships.personId, personId));
  return row ? { cohort: { number: row.number, slug: row.slug }, seat: row.seat } : undefined;
}

/** The lowest-numbered cohort with a free seat, opening the next one if all are full. */
async function openCohort(tx: Tx, now: Date): Promise<typeof cohorts.$inferSelect> {
  const [open] = await tx.select().from(cohorts).where(lt(cohorts.memberCount, cohorts.capacity)).orderBy(asc(cohorts.number)).limit(1);
  if (open) return open;
  const [last] = await tx.select({ n: sql<number>`coalesce(max(${cohorts.number}), 0)`.mapWith(Number) }).from(cohorts);
  const [opened] = await tx.insert(cohorts).values({ number: last!.n + 1, slug: `cohort-${last!.n + 1}`, capacity: COHORT_CAPACITY, openedAt: now }).returning();
  return opened!;
}

export interface JoinResult {
  seat: Seat;
  joined: boolean;
  referral: ReferralOutcome;
}

/**
 * Joins the open cohort, or returns the seat this person already has. The
 * seat, the activity, the welcome gift and its mail, and the referral
 * conversion commit together. One join at a time takes the cohort lock, so
 * seats are numbered without gaps and the cohort that fills opens the next.
 */
export async function joinCohort(db: Db, personId: number, referralClickId: number | null = null, now: Date = new Date(), locale?: Locale): Promise<JoinResult> {
  return writeTransaction(db, async (tx): Promise<JoinResult> => {
    await lockFor(tx, 'cohorts');
    // Joining from a page in a language makes it the language of this member's mail.
    if (locale) await recordLocale(tx, { id: personId }, locale);
    const existing = await seatOf(tx, personId);
    if (existing) return { seat: existing, joined: false, referral: 'none' };
    const [person] = await tx.select().from(people).where(eq(people.id, personId));
    if (!person) throw new Error(`no person ${personId}`);
    await ensureMember(tx, person);
    const cohort = await openCohort(tx, now);
    const seat = cohort.memberCount + 1;
    await tx.insert(memberships).values({ cohortId: cohort.id, personId, seat, joinedAt: now });
    const filled = seat === cohort.capacity;
    await tx.update(cohorts).set({ memberCount: seat, ...(filled ? { filledAt: now } : {}) }).where(eq(cohorts.id, cohort.id));
    // The join that fills a cohort opens the next one.
    if (filled) await openCohort(tx, now);
    await recordActivity(tx, { personId, type: 'cohort_join', subject: cohort.slug }, now);
    // The registration gift of the active ladder: once per person, by the rewards table's unique index.
    for (const gift of giftsFor(await giftLadder(tx), 'registration')) {
      if (!(await grantReward(tx, { personId, giftId: gift.giftId }, now))) continue;
      await enqueueMail(tx, {
        template: 'reward',
        to: person.email,
        idempotencyKey: `reward:${gift.giftId}:${personId}`,
        ...rewardMail({ locale: person.locale, name: person.name, gift: mailGift(gift), reason: { kind: 'welcome' }, meUrl: pageUrl('/me/', person.locale), unsubscribeUrl: await unsubscribeUrl(tx, person.email) }),
      }, now);
    }
    const referral = referralClickId ? await attributeReferral(tx, referralClickId, personId, 'join', now) : 'none';
    return { seat: { cohort: { number: cohort.number, slug: cohort.slug }, seat }, joined: true, referral };
  });
}
