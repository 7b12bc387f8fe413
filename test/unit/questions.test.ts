import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activities, cohorts } from '../../db/schema';
import { joinCohort } from '../../src/lib/cohorts';
import { findOrCreatePerson } from '../../src/lib/people';
import { answerQuestion, askQuestion, cohortThreads } from '../../src/lib/questions';
import { tempDatabase } from '../support/db';
import type { Db } from '../../src/lib/db';

let db: Db;
let cleanup: () => void;
beforeEach(() => ({ db, cleanup } = tempDatabase()));
afterEach(() => cleanup());

const person = (email: string) => findOrCreatePerson(db, email).person.id;

describe('cohort Q&A', () => {
  it('is visible inside the cohort only, and answerable only from it', () => {
    db.insert(cohorts).values({ number: 1, slug: 'cohort-1', capacity: 2 }).run();
    const [a, b, c, outsider] = ['a@x.com', 'b@x.com', 'c@x.com', 'out@x.com'].map(person) as [number, number, number, number];
    for (const id of [a, b, c]) joinCohort(db, id); // a, b in cohort 1; c in cohort 2
    const q = askQuestion(db, a, { title: 'How do you cap article reads?', body: 'Ours let one reader outrank a buyer.' });
    expect(typeof q).toBe('number');
    expect(answerQuestion(db, b, { questionId: q as number, body: 'Cap each type at ten points.' })).toEqual(expect.any(Number));
    expect(answerQuestion(db, c, { questionId: q as number, body: 'From another cohort' })).toBe('not_found');
    expect(askQuestion(db, outsider, { title: 'Can I ask without joining?', body: 'Just curious about this.' })).toBe('not_member');
    expect(cohortThreads(db, b)!.map((t) => [t.title, t.answers.length])).toEqual([['How do you cap article reads?', 1]]);
    expect(cohortThreads(db, c)).toEqual([]);
    expect(cohortThreads(db, outsider)).toBeNull();
    expect(db.select().from(activities).all().filter((x) => x.type === 'question' || x.type === 'answer').map((x) => x.type)).toEqual(['question', 'answer']);
  });
});
