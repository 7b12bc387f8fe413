import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cohorts, mailOutbox, memberships, rewards } from '../../db/tables';
import { joinCohort } from '../../src/lib/community/cohorts';
import { findOrCreatePerson } from '../../src/lib/leads/people';
import { tempDatabase } from '../support/db';
import { eq } from 'drizzle-orm';
import { writeTransaction, type Db } from '../../src/lib/platform/db';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await tempDatabase()));
afterEach(() => cleanup());

const person = async (i: number) => (await writeTransaction(db, (tx) => findOrCreatePerson(tx, `member${i}@example.com`))).person.id;
const join = async (i: number) => (await joinCohort(db, await person(i))).seat;

describe('joining a cohort', () => {
  it('takes the next seat; the join that fills a cohort opens the next one', async () => {
    await writeTransaction(db, (tx) => tx.insert(cohorts).values({ number: 1, slug: 'cohort-1', capacity: 3 }));
    const seats = [await join(0), await join(1), await join(2)];
    expect(seats).toEqual([1, 2, 3].map((seat) => ({ cohort: { number: 1, slug: 'cohort-1' }, seat })));
    const all = await db.select().from(cohorts).orderBy(cohorts.number);
    expect(all.map((c) => [c.number, c.memberCount, c.filledAt !== null])).toEqual([[1, 3, true], [2, 0, false]]);
    expect(all[1]!.capacity).toBe(500);
    expect(await join(3)).toEqual({ cohort: { number: 2, slug: 'cohort-2' }, seat: 1 });
  });

  it('gives the same answer to the same member, and the welcome gift once', async () => {
    const id = await person(0);
    const first = await joinCohort(db, id);
    const again = await joinCohort(db, id);
    expect(again).toEqual({ seat: first.seat, joined: false, referral: 'none' });
    expect(await db.select().from(memberships)).toHaveLength(1);
    expect((await db.select().from(rewards)).map((r) => r.giftId)).toEqual(['welcome-kit']);
    expect((await db.select().from(mailOutbox)).filter((m) => m.template === 'reward')).toHaveLength(1);
  });

  it('cannot overfill a cohort even if code tried: the database refuses', async () => {
    await writeTransaction(db, (tx) => tx.insert(cohorts).values({ number: 1, slug: 'cohort-1', capacity: 1, memberCount: 1 }));
    await expect(writeTransaction(db, (tx) => tx.update(cohorts).set({ memberCount: 2 }).where(eq(cohorts.number, 1)))).rejects.toSatisfy((e: Error) => /CHECK|check constraint/.test(`${e} ${e.cause}`));
  });
});
