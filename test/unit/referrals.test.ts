import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activities, referrals, rewards } from '../../db/schema';
import { attributeReferral } from '../../src/lib/referrals';
import { findOrCreatePerson, setRole } from '../../src/lib/people';
import { tempDatabase } from '../support/db';
import type { Db } from '../../src/lib/db';

let db: Db;
let cleanup: () => void;
beforeEach(() => ({ db, cleanup } = tempDatabase()));
afterEach(() => cleanup());

const click = new Date('2026-11-20T10:00:00Z');
const later = new Date('2026-11-21T10:00:00Z');
const newPerson = (email: string) => {
  const { person } = findOrCreatePerson(db, email);
  db.$client.prepare('UPDATE people SET created_at = ? WHERE id = ?').run(later.getTime(), person.id);
  return person.id;
};

describe('attributing referrals', () => {
  it('attributes a new person once, and records the act for the referrer', () => {
    const referrer = setRole(db, 'ref@example.com', 'member');
    const friend = newPerson('friend@example.com');
    expect(attributeReferral(db, referrer.referralCode!, click, friend, 'registration', later)).toBe('attributed');
    expect(attributeReferral(db, referrer.referralCode!, click, friend, 'join', later)).toBe('already_attributed');
    expect(db.select().from(referrals).all()).toHaveLength(1);
    expect(db.select().from(activities).all().map((a) => [a.personId, a.type])).toEqual([[referrer.id, 'referral_converted']]);
  });

  it('refuses self-referral and people who were leads before the click', () => {
    const referrer = setRole(db, 'ref@example.com', 'member');
    db.$client.prepare('UPDATE people SET created_at = ? WHERE id = ?').run(later.getTime(), referrer.id);
    expect(attributeReferral(db, referrer.referralCode!, click, referrer.id, 'signup', later)).toBe('self');
    const old = findOrCreatePerson(db, 'old.lead@example.com').person.id;
    db.$client.prepare('UPDATE people SET created_at = ? WHERE id = ?').run(click.getTime() - 1, old);
    expect(attributeReferral(db, referrer.referralCode!, click, old, 'signup', later)).toBe('existing_lead');
    expect(attributeReferral(db, 'nosuchcode', click, newPerson('x@example.com'), 'signup', later)).toBe('none');
    expect(db.select().from(referrals).all()).toHaveLength(0);
  });

  it('grants the 1, 3 and 10 recommendation gifts once each', () => {
    const referrer = setRole(db, 'ref@example.com', 'member');
    for (let i = 0; i < 11; i++) attributeReferral(db, referrer.referralCode!, click, newPerson(`f${i}@example.com`), 'join', later);
    expect(db.select().from(rewards).all().map((r) => r.giftId).sort()).toEqual(['recommend-1', 'recommend-10', 'recommend-3']);
  });
});
