import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cohorts, mailOutbox, memberships, rewards } from '../../db/schema';
import { joinCohort } from '../../src/lib/community/cohorts';
import { findOrCreatePerson } from '../../src/lib/leads/people';
import { tempDatabase } from '../support/db';
import type { Db } from '../../src/lib/platform/db';

let db: Db;
let cleanup: () => void;
beforeEach(() => ({ db, cleanup } = tempDatabase()));
afterEach(() => cleanup());

const person = (i: number) => findOrCreatePerson(db, `member${i}@example.com`).person.id;

describe('joining a cohort', () => {
  it('takes the next seat; the join that fills a cohort opens the next one', () => {
    db.insert(cohorts).values({ number: 1, slug: 'cohort-1', capacity: 3 }).run();
    const seats = [0, 1, 2].map((i) => joinCohort(db, person(i)).seat);
    expect(seats).toEqual([1, 2, 3].map((seat) => ({ cohort: { number: 1, slug: 'cohort-1' }, seat })));
    const all = db.select().from(cohorts).all();
    expect(all.map((c) => [c.number, c.memberCount, c.filledAt !== null])).toEqual([[1, 3, true], [2, 0, false]]);
    expect(all[1]!.capacity).toBe(500);
    expect(joinCohort(db, person(3)).seat).toEqual({ cohort: { number: 2, slug: 'cohort-2' }, seat: 1 });
  });

  it('gives the same answer to the same member, and the welcome gift once', () => {
    const id = person(0);
    const first = joinCohort(db, id);
    const again = joinCohort(db, id);
    expect(again).toEqual({ seat: first.seat, joined: false });
    expect(db.select().from(memberships).all()).toHaveLength(1);
    expect(db.select().from(rewards).all().map((r) => r.giftId)).toEqual(['welcome-kit']);
    expect(db.select().from(mailOutbox).all().filter((m) => m.template === 'reward')).toHaveLength(1);
  });

  it('cannot overfill a cohort even if code tried: the database refuses', () => {
    db.insert(cohorts).values({ number: 1, slug: 'cohort-1', capacity: 1, memberCount: 1 }).run();
    expect(() => db.$client.prepare('UPDATE cohorts SET member_count = 2 WHERE number = 1').run()).toThrow(/CHECK/);
  });
});
