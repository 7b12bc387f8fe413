import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activities, mailOutbox, referralClicks, referrals, rewards } from '../../db/tables';
import { approveHeldReward, attributeReferral, DAILY_VERIFIED_CAP, looksLikeABrowser, verifyReferral } from '../../src/lib/community/referrals';
import { findOrCreatePerson, setRole } from '../../src/lib/leads/people';
import { tempDatabase } from '../support/db';
import { eq } from 'drizzle-orm';
import { people } from '../../db/tables';
import { writeTransaction, type Db } from '../../src/lib/platform/db';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await tempDatabase()));
afterEach(() => cleanup());

const clickedAt = new Date('2026-11-20T10:00:00Z');
const later = new Date('2026-11-21T10:00:00Z');
const day = 86_400_000;
const createdAt = (id: number, at: Date) => writeTransaction(db, (tx) => tx.update(people).set({ createdAt: at }).where(eq(people.id, id)));
const newPerson = async (email: string) => {
  const { person } = await findOrCreatePerson(db, email);
  await createdAt(person.id, later);
  return person.id;
};
const newPeople = async (n: number) => {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push(await newPerson(`f${i}@example.com`));
  return ids;
};
const clickFor = async (referrerId: number, at = clickedAt): Promise<number> =>
  (await writeTransaction(db, (tx) => tx.insert(referralClicks).values({ referrerId, visitorId: 'v'.repeat(20), addressHash: 'h', createdAt: at }).returning()))[0]!.id;
const giftsOf = async (status?: string) => (await db.select().from(rewards)).filter((r) => !status || r.status === status).map((r) => r.giftId).sort();

describe('attributing referrals', () => {
  it('attributes a new person once, records the act for the referrer, and a click converts only once', async () => {
    const referrer = await setRole(db, 'ref@example.com', 'member');
    const friend = await newPerson('friend@example.com');
    const click = await clickFor(referrer.id);
    expect(await attributeReferral(db, click, friend, 'registration', later)).toBe('attributed');
    expect(await attributeReferral(db, await clickFor(referrer.id), friend, 'join', later)).toBe('already_attributed');
    // The same cookie replayed for an invented person does nothing.
    expect(await attributeReferral(db, click, await newPerson('invented@example.com'), 'lead', later)).toBe('used');
    expect((await db.select().from(referrals))).toHaveLength(1);
    expect((await db.select().from(activities)).map((a) => [a.personId, a.type])).toEqual([[referrer.id, 'referral_converted']]);
  });

  it('refuses self-referral and people who were leads before the click', async () => {
    const referrer = await setRole(db, 'ref@example.com', 'member');
    await createdAt(referrer.id, later);
    expect(await attributeReferral(db, await clickFor(referrer.id), referrer.id, 'signup', later)).toBe('self');
    const old = (await findOrCreatePerson(db, 'old.lead@example.com')).person.id;
    await createdAt(old, new Date(clickedAt.getTime() - 1));
    expect(await attributeReferral(db, await clickFor(referrer.id), old, 'signup', later)).toBe('existing_lead');
    expect(await attributeReferral(db, 99_999, await newPerson('x@example.com'), 'signup', later)).toBe('none');
    expect((await db.select().from(referrals))).toHaveLength(0);
  });
});

describe('recommendation gifts', () => {
  it('count only verified referrals: forms with invented emails earn nothing', async () => {
    const referrer = await setRole(db, 'ref@example.com', 'member');
    const friends = await newPeople(11);
    for (const f of friends) expect(await attributeReferral(db, await clickFor(referrer.id), f, 'lead', later)).toBe('attributed');
    expect(await giftsOf()).toEqual([]);
    // Each friend proves a mailbox on a different day: the 1, 3 and 10 gifts, once each.
    for (const [i, f] of friends.entries()) await writeTransaction(db, (tx) => verifyReferral(tx, f, new Date(later.getTime() + (i + 1) * day)));
    expect(await giftsOf('granted')).toEqual(['recommend-1', 'recommend-10', 'recommend-3']);
  });

  it('holds gifts for review when one referrer gathers more than the daily cap in 24 hours, and mails them once approved', async () => {
    const referrer = await setRole(db, 'ref@example.com', 'member');
    const friends = await newPeople(10);
    for (const f of friends) await attributeReferral(db, await clickFor(referrer.id), f, 'lead', later);
    for (const [i, f] of friends.entries()) await writeTransaction(db, (tx) => verifyReferral(tx, f, new Date(later.getTime() + i * 60_000)));
    expect(DAILY_VERIFIED_CAP).toBeLessThan(10);
    expect(await giftsOf('granted')).toEqual(['recommend-1', 'recommend-3']);
    expect(await giftsOf('held')).toEqual(['recommend-10']);
    const mailsBefore = (await db.select().from(mailOutbox)).length;
    const held = (await db.select().from(rewards)).find((r) => r.status === 'held')!;
    expect(await approveHeldReward(db, held.id)).toBe(true);
    expect(await approveHeldReward(db, held.id)).toBe(false);
    expect(await giftsOf('granted')).toEqual(['recommend-1', 'recommend-10', 'recommend-3']);
    expect((await db.select().from(mailOutbox)).length).toBe(mailsBefore + 1);
  });

  it('a person who signs up with a code is verified at once', async () => {
    const referrer = await setRole(db, 'ref@example.com', 'member');
    await attributeReferral(db, await clickFor(referrer.id), await newPerson('coder@example.com'), 'signup', later);
    expect(await giftsOf('granted')).toEqual(['recommend-1']);
  });
});

describe('who counts as a visitor', () => {
  it.each([
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile MicroMessenger/8.0.50', true],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36', true],
    ['curl/8.5.0', false],
    ['python-requests/2.32', false],
    ['Mozilla/5.0 (compatible; Googlebot/2.1)', false],
    ['Mozilla/5.0 HeadlessChrome/131.0', false],
    ['', false],
  ])('%j → %s', (ua, person) => expect(looksLikeABrowser(ua)).toBe(person));
});
