// Referral links /r/<code>: a click sets a signed first-party cookie (code and
// time) and counts a distinct visitor; a later sign-up, registration or join
// attributes the person to the referrer once. No self-referral, nobody who was
// already a lead before the click, one attribution per person (unique index).
import type { AstroCookies } from 'astro';
import { and, countDistinct, eq, sql } from 'drizzle-orm';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Db } from './db';
import { people, referralClicks, referrals } from '../../db/schema';
import { recordActivity } from './activities';
import { enqueueMail } from './mail/outbox';
import { rewardMail } from './mail/templates';
import type { Tx } from './people';
import { randomBytes } from './random';
import { grantReward } from './rewards';
import { sign, verifySignature } from './secrets';
import { sessionCookieOptions } from './sessions';
import { siteUrl } from './site';
import { unsubscribeUrl } from './unsubscribe';

export const REFERRAL_COOKIE = 'fw_ref';
export const VISITOR_ID_COOKIE = 'fw_vid';
const NINETY_DAYS = 60 * 60 * 24 * 90;

/** Gift rules for referrers; the gift ids match content/gifts. */
export const referralGifts = {
  sharing: { giftId: 'sharing-badge', name: 'Connector badge', value: 'First pick of salon seats', visitors: 10 },
  milestones: [
    { giftId: 'recommend-1', name: 'First recommendation', value: 'Flywheel tote and the printed salon playbook', referrals: 1 },
    { giftId: 'recommend-3', name: 'Three recommendations', value: 'One free seat at any paid workshop', referrals: 3 },
    { giftId: 'recommend-10', name: 'Ten recommendations', value: 'Three months of Lead Scoring Desk, free', referrals: 10 },
  ],
};

function giftMail(tx: Tx, db: Db, referrer: typeof people.$inferSelect, gift: { giftId: string; name: string; value: string }, description: string, now: Date): void {
  enqueueMail(tx, {
    template: 'reward',
    to: referrer.email,
    idempotencyKey: `reward:${gift.giftId}:${referrer.id}`,
    ...rewardMail({ name: referrer.name, giftName: gift.name, value: gift.value, description, meUrl: new URL('/me/', siteUrl()).href, unsubscribeUrl: unsubscribeUrl(db, referrer.email) }),
  }, now);
}

/** Handles a click on /r/<code>; returns false for an unknown code. */
export function recordReferralClick(db: Db, code: string, cookies: AstroCookies, url: URL, now: Date = new Date()): boolean {
  if (!/^[a-z2-7]{4,16}$/.test(code)) return false;
  const referrer = db.select().from(people).where(eq(people.referralCode, code)).get();
  if (!referrer) return false;
  let visitor = cookies.get(VISITOR_ID_COOKIE)?.value;
  if (!visitor || !/^[a-z2-7]{16,32}$/.test(visitor)) {
    visitor = encodeBase32LowerCaseNoPadding(randomBytes(12));
    cookies.set(VISITOR_ID_COOKIE, visitor, { ...sessionCookieOptions(url), maxAge: NINETY_DAYS * 4 });
  }
  // The first referrer's link wins until it is used.
  if (!cookies.get(REFERRAL_COOKIE)?.value) {
    const value = `${code}.${now.getTime()}`;
    cookies.set(REFERRAL_COOKIE, `${value}.${sign(db, 'referral', value)}`, { ...sessionCookieOptions(url), maxAge: NINETY_DAYS });
  }
  db.transaction((tx) => {
    tx.insert(referralClicks).values({ referrerId: referrer.id, visitorId: visitor!, createdAt: now }).run();
    const visitors = tx.select({ n: countDistinct(referralClicks.visitorId) }).from(referralClicks).where(eq(referralClicks.referrerId, referrer.id)).get()!.n;
    const s = referralGifts.sharing;
    if (visitors >= s.visitors && grantReward(tx, { personId: referrer.id, giftId: s.giftId }, now)) {
      giftMail(tx, db, referrer, s, `${s.visitors} different people have opened your link.`, now);
    }
  }, { behavior: 'immediate' });
  return true;
}

function readReferralCookie(db: Db, cookies: AstroCookies): { code: string; clickedAt: Date } | null {
  const [code, at, sig] = (cookies.get(REFERRAL_COOKIE)?.value ?? '').split('.');
  if (!code || !at || !sig || !/^\d{10,16}$/.test(at)) return null;
  return verifySignature(db, 'referral', `${code}.${at}`, sig) ? { code, clickedAt: new Date(Number(at)) } : null;
}

export type ReferralOutcome = 'attributed' | 'none' | 'self' | 'existing_lead' | 'already_attributed';

/** Called after a sign-up, a salon registration or a cohort join. */
export function convertReferral(db: Db, cookies: AstroCookies, personId: number, via: 'signup' | 'registration' | 'join' | 'lead', now: Date = new Date()): ReferralOutcome {
  const ref = readReferralCookie(db, cookies);
  if (!ref) return 'none';
  const outcome = attributeReferral(db, ref.code, ref.clickedAt, personId, via, now);
  if (outcome !== 'none') cookies.delete(REFERRAL_COOKIE, { path: '/' });
  return outcome;
}

export function attributeReferral(db: Db, code: string, clickedAt: Date, personId: number, via: 'signup' | 'registration' | 'join' | 'lead', now: Date = new Date()): ReferralOutcome {
  return db.transaction((tx): ReferralOutcome => {
    const referrer = tx.select().from(people).where(eq(people.referralCode, code)).get();
    const person = tx.select().from(people).where(eq(people.id, personId)).get();
    if (!referrer || !person) return 'none';
    if (referrer.id === person.id) return 'self';
    if (person.createdAt.getTime() < clickedAt.getTime()) return 'existing_lead';
    const inserted = tx.insert(referrals).values({ referrerId: referrer.id, referredId: person.id, via, convertedAt: now }).onConflictDoNothing().returning().get();
    if (!inserted) return 'already_attributed';
    recordActivity(tx, { personId: referrer.id, type: 'referral_converted', subject: person.email }, now);
    const total = tx.select({ n: sql<number>`count(*)` }).from(referrals).where(and(eq(referrals.referrerId, referrer.id))).get()!.n;
    for (const m of referralGifts.milestones) {
      if (total >= m.referrals && grantReward(tx, { personId: referrer.id, giftId: m.giftId }, now)) {
        giftMail(tx, db, referrer, m, `${m.referrals === 1 ? 'A colleague has' : `${m.referrals} colleagues have`} joined through your link.`, now);
      }
    }
    return 'attributed';
  }, { behavior: 'immediate' });
}
