// Community cohorts: numbered groups of (by default) 500. Joining takes the
// open cohort's next seat; the join that fills it opens the next cohort. The
// whole decision runs in one BEGIN IMMEDIATE transaction, and the database's
// CHECK (member_count <= capacity) refuses anything else.
import { asc, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../platform/db';
import { cohorts, memberships, people } from '../../../db/schema';
import { recordActivity } from '../leads/activities';
import { ensureMember, type Tx } from '../leads/people';
import { grantReward } from './rewards';
import { enqueueMail } from '../mail/outbox';
import { rewardMail } from '../mail/templates';
import { unsubscribeUrl } from '../privacy/unsubscribe';
import { siteUrl } from '../platform/site';

export const COHORT_CAPACITY = 500;

export interface Seat {
  cohort: { number: number; slug: string };
  seat: number;
}

/** The cohort and seat of a member, if they joined. */
export function seatOf(tx: Tx, personId: number): Seat | undefined {
  const row = tx
    .select({ number: cohorts.number, slug: cohorts.slug, seat: memberships.seat })
    .from(memberships)
    .innerJoin(cohorts, eq(cohorts.id, memberships.cohortId))
    .where(eq(memberships.personId, personId))
    .get();
  return row ? { cohort: { number: row.number, slug: row.slug }, seat: row.seat } : undefined;
}

/** The lowest-numbered cohort with a free seat, opening the next one if all are full. */
function openCohort(tx: Tx, now: Date): typeof cohorts.$inferSelect {
  const open = tx.select().from(cohorts).where(lt(cohorts.memberCount, cohorts.capacity)).orderBy(asc(cohorts.number)).get();
  if (open) return open;
  const last = tx.select({ n: sql<number>`coalesce(max(${cohorts.number}), 0)` }).from(cohorts).get()!.n;
  return tx.insert(cohorts).values({ number: last + 1, slug: `cohort-${last + 1}`, capacity: COHORT_CAPACITY, openedAt: now }).returning().get();
}

/** Joins the open cohort, or returns the seat this person already has. */
export function joinCohort(db: Db, personId: number, now: Date = new Date()): { seat: Seat; joined: boolean } {
  return db.transaction((tx) => {
    const existing = seatOf(tx, personId);
    if (existing) return { seat: existing, joined: false };
    const person = tx.select().from(people).where(eq(people.id, personId)).get();
    if (!person) throw new Error(`no person ${personId}`);
    ensureMember(tx, person);
    const cohort = openCohort(tx, now);
    const seat = cohort.memberCount + 1;
    tx.insert(memberships).values({ cohortId: cohort.id, personId, seat, joinedAt: now }).run();
    const filled = seat === cohort.capacity;
    tx.update(cohorts).set({ memberCount: seat, ...(filled ? { filledAt: now } : {}) }).where(eq(cohorts.id, cohort.id)).run();
    // The join that fills a cohort opens the next one.
    if (filled) openCohort(tx, now);
    recordActivity(tx, { personId, type: 'cohort_join', subject: cohort.slug }, now);
    // The registration gift: once per person, by the rewards table's unique index.
    if (grantReward(tx, { personId, giftId: 'welcome-kit' }, now)) {
      enqueueMail(tx, {
        template: 'reward',
        to: person.email,
        idempotencyKey: `reward:welcome-kit:${personId}`,
        ...rewardMail({ name: person.name, giftName: 'Welcome kit', value: 'Printed B2B Growth Field Guide and a Flywheel notebook', description: 'Welcome to the community: your field guide is on its way.', meUrl: new URL('/me/', siteUrl()).href, unsubscribeUrl: unsubscribeUrl(db, person.email) }),
      }, now);
    }
    return { seat: { cohort: { number: cohort.number, slug: cohort.slug }, seat }, joined: true };
  }, { behavior: 'immediate' });
}
