// Referral links /r/<code>. Each click is a row; its signed cookie names that
// row and converts one person, once. A later sign-up, registration, join or
// lead form attributes the person to the referrer (no self-referral, nobody
// who was a lead before the click, one attribution per person). Gifts count
// only what a script cannot fake cheaply: distinct addresses whose browser
// loaded the page (sharing), and referred people who proved a mailbox or came
// to a salon (recommendations), with a daily cap above which gifts wait for
// operations to approve them.
import { and, count, countDistinct, eq, gte, isNotNull, isNull } from 'drizzle-orm';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { lockFor, writeTransaction, type Db } from '../platform/db';
import { people, referralClicks, referrals, rewards } from '../../../db/tables';
import { recordActivity } from '../leads/activities';
import { enqueueMail } from '../mail/outbox';
import { rewardMail, type RewardReason } from '../mail/templates';
import { pageUrl } from '../mail/links';
import type { Tx } from '../leads/people';
import { randomBytes } from '../platform/random';
import { grantReward } from './rewards';
import { giftLadder, giftsFor, mailGift } from './gift-ladder';
import { sign, verifySignature } from '../platform/secrets';
import { unsubscribeUrl } from '../privacy/unsubscribe';


export async function giftMail(tx: Tx, referrer: typeof people.$inferSelect, gift: { giftId: string; name: string; value: string }, reason: RewardReason, now: Date): Promise<void> {
  await enqueueMail(tx, {
    template: 'reward',
    to: referrer.email,
    topic: 'community',
    idempotencyKey: `reward:${gift.giftId}:${referrer.id}`,
    ...rewardMail({ locale: referrer.locale, name: referrer.name, gift, reason, meUrl: pageUrl('/me/', referrer.locale), unsubscribeUrl: await unsubscribeUrl(tx, referrer.email) }),
  }, now);
}

/** Verified referrals a referrer may gather in 24 hours before further gifts wait for review. */
export const DAILY_VERIFIED_CAP = 3;

/** User agents that are not a person at a browser: scripts, crawlers, link previews, headless browsers. */
const NOT_A_PERSON = /bot|crawl|spider|slurp|curl|wget|python|httpclient|http-client|java\/|go-http|okhttp|axios|node-fetch|undici|headless|phantom|preview|facebookexternalhit|^$/i;

export function looksLikeABrowser(userAgent: string | null): boolean {
  return !NOT_A_PERSON.test(userAgent ?? '');
}

export interface ReferralClickFacts {
  /** The visitor id the browser already carries, if any. */
  visitorId: string | null;
  /** The referral click the browser's cookie already names (the first link wins until used). */
  currentClickId: number | null;
  address: string;
}

/** What the route sets: the visitor id (new or kept) and, when the browser had none, a referral cookie value. */
export interface ReferralClickOutcome {
  visitorId: string;
  referralCookie: string | null;
}

/** Records a click on /r/<code>; null for an unknown code. */
export async function recordReferralClick(db: Db, code: string, facts: ReferralClickFacts, now: Date = new Date()): Promise<ReferralClickOutcome | null> {
  if (!/^[a-z2-7]{4,16}$/.test(code)) return null;
  const [referrer] = await db.select().from(people).where(eq(people.referralCode, code)).limit(1);
  if (!referrer) return null;
  const visitorId = facts.visitorId && /^[a-z2-7]{16,32}$/.test(facts.visitorId) ? facts.visitorId : encodeBase32LowerCaseNoPadding(randomBytes(12));
  return writeTransaction(db, async (tx) => {
    const [click] = await tx.insert(referralClicks).values({ referrerId: referrer.id, visitorId, addressHash: await sign(tx, 'client-address', facts.address), createdAt: now }).returning({ id: referralClicks.id });
    const referralCookie = facts.currentClickId ? null : `${click!.id}.${await sign(tx, 'referral-click', String(click!.id))}`;
    return { visitorId, referralCookie };
  });
}

/** The click a referral cookie names, if its signature holds. */
export async function referralClickOf(db: Db, cookieValue: string | undefined): Promise<number | null> {
  const [id, sig] = (cookieValue ?? '').split('.');
  if (!id || !sig || !/^\d{1,12}$/.test(id)) return null;
  return (await verifySignature(db, 'referral-click', id, sig)) ? Number(id) : null;
}

/**
 * The page after the redirect loaded its beacon with the click's cookie: a
 * browser, not a script. Distinct such addresses earn the sharing gift.
 */
export async function confirmReferralVisit(db: Db, clickId: number | null, userAgent: string | null, now: Date = new Date()): Promise<void> {
  if (!clickId || !looksLikeABrowser(userAgent)) return;
  await writeTransaction(db, async (tx) => {
    const [click] = await tx.update(referralClicks).set({ confirmedAt: now }).where(and(eq(referralClicks.id, clickId), isNull(referralClicks.confirmedAt))).returning();
    if (!click) return;
    const [referrer] = await tx.select().from(people).where(eq(people.id, click.referrerId));
    if (!referrer) return;
    const visitors = await distinctVisitors(tx, referrer.id);
    for (const s of giftsFor(await giftLadder(tx), 'sharing')) {
      if (visitors >= s.threshold! && (await grantReward(tx, { personId: referrer.id, giftId: s.giftId }, now))) await giftMail(tx, referrer, mailGift(s), { kind: 'sharing', visitors: s.threshold! }, now);
    }
  });
}

export async function distinctVisitors(tx: Tx, referrerId: number): Promise<number> {
  const [row] = await tx.select({ n: countDistinct(referralClicks.addressHash) }).from(referralClicks).where(and(eq(referralClicks.referrerId, referrerId), isNotNull(referralClicks.confirmedAt)));
  return row!.n;
}

export type ReferralOutcome = 'attributed' | 'none' | 'self' | 'existing_lead' | 'already_attributed' | 'used';
export type ReferralVia = 'signup' | 'registration' | 'join' | 'lead';

/**
 * Attributes a person to the referrer whose click they followed. Use cases
 * (sign-up, registration, join, lead form) call it inside their own
 * transaction, so the attribution commits with the act or not at all. Any
 * outcome but 'none' means the click is spent: the route drops its cookie.
 */
export async function attributeReferral(db: Db, clickId: number, personId: number, via: ReferralVia, now: Date = new Date()): Promise<ReferralOutcome> {
  return writeTransaction(db, async (tx): Promise<ReferralOutcome> => {
    const [click] = await tx.select().from(referralClicks).where(eq(referralClicks.id, clickId));
    const [person] = await tx.select().from(people).where(eq(people.id, personId));
    if (!click || !person) return 'none';
    if (click.usedAt) return 'used'; // a replayed cookie
    if (click.referrerId === person.id) return 'self';
    if (person.createdAt.getTime() < click.createdAt.getTime()) return 'existing_lead';
    // Someone who has signed in with a code has already proved a mailbox.
    const verifiedAt = via === 'signup' || person.role !== 'lead' ? now : null;
    const [inserted] = await tx.insert(referrals).values({ referrerId: click.referrerId, referredId: person.id, via, convertedAt: now, verifiedAt }).onConflictDoNothing().returning();
    if (!inserted) return 'already_attributed';
    await tx.update(referralClicks).set({ usedAt: now }).where(eq(referralClicks.id, click.id));
    await recordActivity(tx, { personId: click.referrerId, type: 'referral_converted', subject: person.email }, now);
    if (verifiedAt) await grantMilestones(tx, click.referrerId, now);
    return 'attributed';
  });
}

/** The referred person signed in with a code or was checked in: their referral now counts. Call inside that transaction. */
export async function verifyReferral(tx: Tx, personId: number, now: Date = new Date()): Promise<void> {
  const [verified] = await tx.update(referrals).set({ verifiedAt: now }).where(and(eq(referrals.referredId, personId), isNull(referrals.verifiedAt))).returning();
  if (verified) await grantMilestones(tx, verified.referrerId, now);
}

async function grantMilestones(tx: Tx, referrerId: number, now: Date): Promise<void> {
  // Two referrals verified at once must not both see the count below a milestone.
  await lockFor(tx, `referrer:${referrerId}`);
  const [referrer] = await tx.select().from(people).where(eq(people.id, referrerId));
  if (!referrer) return;
  const [total] = await tx.select({ n: count() }).from(referrals).where(and(eq(referrals.referrerId, referrerId), isNotNull(referrals.verifiedAt)));
  const [today] = await tx.select({ n: count() }).from(referrals).where(and(eq(referrals.referrerId, referrerId), gte(referrals.verifiedAt, new Date(now.getTime() - 86_400_000))));
  const held = today!.n > DAILY_VERIFIED_CAP;
  for (const m of giftsFor(await giftLadder(tx), 'recommendation')) {
    if (total!.n < m.threshold!) continue;
    const reward = await grantReward(tx, { personId: referrerId, giftId: m.giftId, ...(held ? { status: 'held' as const } : {}) }, now);
    if (reward && !held) await giftMail(tx, referrer, mailGift(m), { kind: 'referrals', count: m.threshold! }, now);
  }
}

/** Operations approves a gift held over the daily cap: it is granted and mailed. */
export async function approveHeldReward(db: Db, rewardId: number, now: Date = new Date()): Promise<boolean> {
  if (!Number.isSafeInteger(rewardId)) return false;
  return writeTransaction(db, async (tx) => {
    const [reward] = await tx.update(rewards).set({ status: 'granted', grantedAt: now }).where(and(eq(rewards.id, rewardId), eq(rewards.status, 'held'))).returning();
    if (!reward) return false;
    const [referrer] = await tx.select().from(people).where(eq(people.id, reward.personId));
    const m = giftsFor(await giftLadder(tx), 'recommendation').find((g) => g.giftId === reward.giftId);
    if (referrer && m) await giftMail(tx, referrer, mailGift(m), { kind: 'referrals', count: m.threshold! }, now);
    return true;
  });
}

/** What a referrer sees: distinct real visitors and verified referrals. */
export async function referralCounts(db: Db, personId: number): Promise<{ clicks: number; signups: number }> {
  const [signups] = await db.select({ n: count() }).from(referrals).where(and(eq(referrals.referrerId, personId), isNotNull(referrals.verifiedAt)));
  return { clicks: await distinctVisitors(db, personId), signups: signups!.n };
}
