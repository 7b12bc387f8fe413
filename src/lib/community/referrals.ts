// Referral links /r/<code>. Each click is a row; its signed cookie names that
// row and converts one person, once. A later sign-up, registration, join or
// lead form attributes the person to the referrer (no self-referral, nobody
// who was a lead before the click, one attribution per person). Gifts count
// only what a script cannot fake cheaply: distinct addresses whose browser
// loaded the page (sharing), and referred people who proved a mailbox or came
// to a salon (recommendations), with a daily cap above which gifts wait for
// operations to approve them.
import type { AstroCookies } from 'astro';
import { and, count, countDistinct, eq, gte, isNotNull, isNull } from 'drizzle-orm';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Db } from '../platform/db';
import { people, referralClicks, referrals, rewards } from '../../../db/schema';
import { recordActivity } from '../leads/activities';
import { enqueueMail } from '../mail/outbox';
import { rewardMail } from '../mail/templates';
import type { Tx } from '../leads/people';
import { randomBytes } from '../platform/random';
import { grantReward } from './rewards';
import { sign, verifySignature } from '../platform/secrets';
import type { Tx as Transaction } from '../leads/people';
import { sessionCookieOptions } from '../auth/sessions';
import { siteUrl } from '../platform/site';
import { unsubscribeUrl } from '../privacy/unsubscribe';

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

export function giftMail(tx: Tx, db: Db, referrer: typeof people.$inferSelect, gift: { giftId: string; name: string; value: string }, description: string, now: Date): void {
  enqueueMail(tx, {
    template: 'reward',
    to: referrer.email,
    topic: 'community',
    idempotencyKey: `reward:${gift.giftId}:${referrer.id}`,
    ...rewardMail({ name: referrer.name, giftName: gift.name, value: gift.value, description, meUrl: new URL('/me/', siteUrl()).href, unsubscribeUrl: unsubscribeUrl(db, referrer.email) }),
  }, now);
}

/** Verified referrals a referrer may gather in 24 hours before further gifts wait for review. */
export const DAILY_VERIFIED_CAP = 3;

/** User agents that are not a person at a browser: scripts, crawlers, link previews, headless browsers. */
const NOT_A_PERSON = /bot|crawl|spider|slurp|curl|wget|python|httpclient|http-client|java\/|go-http|okhttp|axios|node-fetch|undici|headless|phantom|preview|facebookexternalhit|^$/i;

export function looksLikeABrowser(userAgent: string | null): boolean {
  return !NOT_A_PERSON.test(userAgent ?? '');
}

/** Handles a click on /r/<code>; returns false for an unknown code. */
export function recordReferralClick(db: Db, code: string, cookies: AstroCookies, url: URL, client: { address: string; userAgent: string | null }, now: Date = new Date()): boolean {
  if (!/^[a-z2-7]{4,16}$/.test(code)) return false;
  const referrer = db.select().from(people).where(eq(people.referralCode, code)).get();
  if (!referrer) return false;
  let visitor = cookies.get(VISITOR_ID_COOKIE)?.value;
  if (!visitor || !/^[a-z2-7]{16,32}$/.test(visitor)) {
    visitor = encodeBase32LowerCaseNoPadding(randomBytes(12));
    cookies.set(VISITOR_ID_COOKIE, visitor, { ...sessionCookieOptions(url), maxAge: NINETY_DAYS * 4 });
  }
  const click = db.insert(referralClicks).values({ referrerId: referrer.id, visitorId: visitor, addressHash: sign(db, 'client-address', client.address), createdAt: now }).returning({ id: referralClicks.id }).get();
  // The first referrer's link wins until it is used.
  if (!readReferralCookie(db, cookies)) {
    cookies.set(REFERRAL_COOKIE, `${click.id}.${sign(db, 'referral-click', String(click.id))}`, { ...sessionCookieOptions(url), maxAge: NINETY_DAYS });
  }
  return true;
}

/**
 * The page after the redirect loaded its beacon with the click's cookie: a
 * browser, not a script. Distinct such addresses earn the sharing gift.
 */
export function confirmReferralVisit(db: Db, cookies: AstroCookies, userAgent: string | null, now: Date = new Date()): void {
  const clickId = readReferralCookie(db, cookies);
  if (!clickId || !looksLikeABrowser(userAgent)) return;
  db.transaction((tx) => {
    const click = tx.update(referralClicks).set({ confirmedAt: now }).where(and(eq(referralClicks.id, clickId), isNull(referralClicks.confirmedAt))).returning().get();
    if (!click) return;
    const referrer = tx.select().from(people).where(eq(people.id, click.referrerId)).get();
    const s = referralGifts.sharing;
    if (referrer && distinctVisitors(tx, referrer.id) >= s.visitors && grantReward(tx, { personId: referrer.id, giftId: s.giftId }, now)) {
      giftMail(tx, db, referrer, s, `${s.visitors} different people have opened your link.`, now);
    }
  }, { behavior: 'immediate' });
}

function distinctVisitors(tx: Transaction, referrerId: number): number {
  return tx.select({ n: countDistinct(referralClicks.addressHash) }).from(referralClicks).where(and(eq(referralClicks.referrerId, referrerId), isNotNull(referralClicks.confirmedAt))).get()!.n;
}

function readReferralCookie(db: Db, cookies: AstroCookies): number | null {
  const [id, sig] = (cookies.get(REFERRAL_COOKIE)?.value ?? '').split('.');
  if (!id || !sig || !/^\d{1,12}$/.test(id)) return null;
  return verifySignature(db, 'referral-click', id, sig) ? Number(id) : null;
}

export type ReferralOutcome = 'attributed' | 'none' | 'self' | 'existing_lead' | 'already_attributed' | 'used';

/** Called after a sign-up, a salon registration, a cohort join or a lead form. */
export function convertReferral(db: Db, cookies: AstroCookies, personId: number, via: 'signup' | 'registration' | 'join' | 'lead', now: Date = new Date()): ReferralOutcome {
  const clickId = readReferralCookie(db, cookies);
  if (!clickId) return 'none';
  const outcome = attributeReferral(db, clickId, personId, via, now);
  if (outcome !== 'none') cookies.delete(REFERRAL_COOKIE, { path: '/' });
  return outcome;
}

export function attributeReferral(db: Db, clickId: number, personId: number, via: 'signup' | 'registration' | 'join' | 'lead', now: Date = new Date()): ReferralOutcome {
  return db.transaction((tx): ReferralOutcome => {
    const click = tx.select().from(referralClicks).where(eq(referralClicks.id, clickId)).get();
    const person = tx.select().from(people).where(eq(people.id, personId)).get();
    if (!click || !person) return 'none';
    if (click.usedAt) return 'used'; // a replayed cookie
    if (click.referrerId === person.id) return 'self';
    if (person.createdAt.getTime() < click.createdAt.getTime()) return 'existing_lead';
    // Someone who has signed in with a code has already proved a mailbox.
    const verifiedAt = via === 'signup' || person.role !== 'lead' ? now : null;
    const inserted = tx.insert(referrals).values({ referrerId: click.referrerId, referredId: person.id, via, convertedAt: now, verifiedAt }).onConflictDoNothing().returning().get();
    if (!inserted) return 'already_attributed';
    tx.update(referralClicks).set({ usedAt: now }).where(eq(referralClicks.id, click.id)).run();
    recordActivity(tx, { personId: click.referrerId, type: 'referral_converted', subject: person.email }, now);
    if (verifiedAt) grantMilestones(tx, db, click.referrerId, now);
    return 'attributed';
  }, { behavior: 'immediate' });
}

/** The referred person signed in with a code or was checked in: their referral now counts. Call inside that transaction. */
export function verifyReferral(tx: Transaction, personId: number, now: Date = new Date()): void {
  const verified = tx.update(referrals).set({ verifiedAt: now }).where(and(eq(referrals.referredId, personId), isNull(referrals.verifiedAt))).returning().get();
  if (verified) grantMilestones(tx, tx as Db, verified.referrerId, now);
}

function grantMilestones(tx: Transaction, db: Db, referrerId: number, now: Date): void {
  const referrer = tx.select().from(people).where(eq(people.id, referrerId)).get();
  if (!referrer) return;
  const total = tx.select({ n: count() }).from(referrals).where(and(eq(referrals.referrerId, referrerId), isNotNull(referrals.verifiedAt))).get()!.n;
  const today = tx.select({ n: count() }).from(referrals).where(and(eq(referrals.referrerId, referrerId), gte(referrals.verifiedAt, new Date(now.getTime() - 86_400_000)))).get()!.n;
  const held = today > DAILY_VERIFIED_CAP;
  for (const m of referralGifts.milestones) {
    if (total < m.referrals) continue;
    const reward = grantReward(tx, { personId: referrerId, giftId: m.giftId, ...(held ? { status: 'held' as const } : {}) }, now);
    if (reward && !held) giftMail(tx, db, referrer, m, milestoneText(m.referrals), now);
  }
}

const milestoneText = (n: number): string => `${n === 1 ? 'A colleague has' : `${n} colleagues have`} joined through your link.`;

/** Operations approves a gift held over the daily cap: it is granted and mailed. */
export function approveHeldReward(db: Db, rewardId: number, now: Date = new Date()): boolean {
  if (!Number.isSafeInteger(rewardId)) return false;
  return db.transaction((tx) => {
    const reward = tx.update(rewards).set({ status: 'granted', grantedAt: now }).where(and(eq(rewards.id, rewardId), eq(rewards.status, 'held'))).returning().get();
    if (!reward) return false;
    const referrer = tx.select().from(people).where(eq(people.id, reward.personId)).get();
    const m = referralGifts.milestones.find((g) => g.giftId === reward.giftId);
    if (referrer && m) giftMail(tx, db, referrer, m, milestoneText(m.referrals), now);
    return true;
  });
}

/** What a referrer sees: distinct real visitors and verified referrals. */
export function referralCounts(db: Db, personId: number): { clicks: number; signups: number } {
  const signups = db.select({ n: count() }).from(referrals).where(and(eq(referrals.referrerId, personId), isNotNull(referrals.verifiedAt))).get()!.n;
  return { clicks: distinctVisitors(db, personId), signups };
}
