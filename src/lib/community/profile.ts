// What a signed-in person sees of themselves: role, cohort seat, referral
// link with its numbers, and gifts.
import { and, eq, desc } from 'drizzle-orm';
import type { Db } from '../platform/db';
import { people, rewards } from '../../../db/tables';
import { referralCounts } from './referrals';
import { seatOf } from './cohorts';
import { siteUrl } from '../platform/site';

export interface Profile {
  email: string;
  name: string | null;
  role: string;
  cohort: { number: number; slug: string; seat: number } | null;
  referral: { code: string | null; link: string | null; clicks: number; signups: number };
  rewards: Array<{ gift: string; subject: string; status: string; grantedAt: string; fulfilledAt: string | null }>;
}

export async function getProfile(db: Db, personId: number): Promise<Profile | null> {
  const [person] = await db.select().from(people).where(eq(people.id, personId));
  if (!person) return null;
  const seat = await seatOf(db, personId);
  const cohort = seat ? { ...seat.cohort, seat: seat.seat } : undefined;
  const { clicks, signups } = await referralCounts(db, personId);
  const gifts = await db.select().from(rewards).where(and(eq(rewards.personId, personId))).orderBy(desc(rewards.grantedAt));
  return {
    email: person.email,
    name: person.name,
    role: person.role,
    cohort: cohort ?? null,
    referral: {
      code: person.referralCode,
      link: person.referralCode ? new URL(`/r/${person.referralCode}`, siteUrl()).href : null,
      clicks,
      signups,
    },
    rewards: gifts.map((g) => ({ gift: g.giftId, subject: g.subject, status: g.status, grantedAt: g.grantedAt.toISOString(), fulfilledAt: g.fulfilledAt?.toISOString() ?? null })),
  };
}
