import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activities, mailOutbox, referralClicks, referrals, rewards } from '../../db/schema';
import { approveHeldReward, attributeReferral, DAILY_VERIFIED_CAP, looksLikeABrowser, verifyReferral } from '../../src/lib/community/referrals';
import { findOrCreatePerson, setRole } from '../../src/lib/leads/people';
import { tempDatabase } from '../support/db';
import type { Db } from '../../src/lib/platform/db';

let db: Db;
let cleanup: () => void;
beforeEach(() => ({ db, cleanup } = tempDatabase()));
afterEach(() => cleanup());

const clickedAt = new Date('2026-11-20T10:00:00Z');
const later = new Date('2026-11-21T10:00:00Z');
const day = 86_400_000;
const newPerson = (email: string) => {
  const { person } = findOrCreatePerson(db, email);
  db.$client.prepare('UPDATE people SET created_at = ? WHERE id = ?').run(later.getTime(), person.id);
  return person.id;
};
const clickFor = (referrerId: number, at = clickedAt): number =>
  db.insert(referralClicks).values({ referrerId, visitorId: 'v'.repeat(20), addressHash: 'h', createdAt: at }).returning().get().id;
const giftsOf = (status?: string) => db.select().from(rewards).all().filter((r) => !status || r.status === status).map((r) => r.giftId).sort();

describe('attributing referrals', () => {
  it('attributes a new person once, records the act for the referrer, and a click converts only once', () => {
    const referrer = setRole(db, 'ref@example.com', 'member');
    const friend = newPerson('friend@example.com');
    const click = clickFor(referrer.id);
    expect(attributeReferral(db, click, friend, 'registration', later)).toBe('attributed');
    expect(attributeReferral(db, clickFor(referrer.id), friend, 'join', later)).toBe('already_attributed');
    // The same cookie replayed for an invented person does nothing.
    expect(attributeReferral(db, click, newPerson('invented@example.com'), 'lead', later)).toBe('used');
    expect(db.select().from(referrals).all()).toHaveLength(1);
    expect(db.select().from(activities).all().map((a) => [a.personId, a.type])).toEqual([[referrer.id, 'referral_converted']]);
  });

  it('refuses self-referral and people who were leads before the click', () => {
    const referrer = setRole(db, 'ref@example.com', 'member');
    db.$client.prepare('UPDATE people SET created_at = ? WHERE id = ?').run(later.getTime(), referrer.id);
    expect(attributeReferral(db, clickFor(referrer.id), referrer.id, 'signup', later)).toBe('self');
    const old = findOrCreatePerson(db, 'old.lead@example.com').person.id;
    db.$client.prepare('UPDATE people SET created_at = ? WHERE id = ?').run(clickedAt.getTime() - 1, old);
    expect(attributeReferral(db, clickFor(referrer.id), old, 'signup', later)).toBe('existing_lead');
    expect(attributeReferral(db, 99_999, newPerson('x@example.com'), 'signup', later)).toBe('none');
    expect(db.select().from(referrals).all()).toHaveLength(0);
  });
});

describe('recommendation gifts', () => {
  it('count only verified referrals: forms with invented emails earn nothing', () => {
    const referrer = setRole(db, 'ref@example.com', 'member');
    const friends = Array.from({ length: 11 }, (_, i) => newPerson(`f${i}@example.com`));
    for (const f of friends) expect(attributeReferral(db, clickFor(referrer.id), f, 'lead', later)).toBe('attributed');
    expect(giftsOf()).toEqual([]);
    // Each friend proves a mailbox on a different day: the 1, 3 and 10 gifts, once each.
    friends.forEach((f, i) => db.transaction((tx) => verifyReferral(tx, f, new Date(later.getTime() + (i + 1) * day))));
    expect(giftsOf('granted')).toEqual(['recommend-1', 'recommend-10', 'recommend-3']);
  });

  it('holds gifts for review when one referrer gathers more than the daily cap in 24 hours, and mails them once approved', () => {
    const referrer = setRole(db, 'ref@example.com', 'member');
    const friends = Array.from({ length: 10 }, (_, i) => newPerson(`f${i}@example.com`));
    for (const f of friends) attributeReferral(db, clickFor(referrer.id), f, 'lead', later);
    friends.forEach((f, i) => db.transaction((tx) => verifyReferral(tx, f, new Date(later.getTime() + i * 60_000))));
    expect(DAILY_VERIFIED_CAP).toBeLessThan(10);
    expect(giftsOf('granted')).toEqual(['recommend-1', 'recommend-3']);
    expect(giftsOf('held')).toEqual(['recommend-10']);
    const mailsBefore = db.select().from(mailOutbox).all().length;
    const held = db.select().from(rewards).all().find((r) => r.status === 'held')!;
    expect(approveHeldReward(db, held.id)).toBe(true);
    expect(approveHeldReward(db, held.id)).toBe(false);
    expect(giftsOf('granted')).toEqual(['recommend-1', 'recommend-10', 'recommend-3']);
    expect(db.select().from(mailOutbox).all().length).toBe(mailsBefore + 1);
  });

  it('a person who signs up with a code is verified at once', () => {
    const referrer = setRole(db, 'ref@example.com', 'member');
    attributeReferral(db, clickFor(referrer.id), newPerson('coder@example.com'), 'signup', later);
    expect(giftsOf('granted')).toEqual(['recommend-1']);
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
