import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { activities, cohorts, mailOutbox, people } from '../../db/schema';
import { excerpt } from '../../src/lib/community/mail';
import { joinCohort } from '../../src/lib/community/cohorts';
import { findOrCreatePerson } from '../../src/lib/leads/people';
import { acceptAnswer, answerQuestion, askQuestion, cohortThreads } from '../../src/lib/community/questions';
import { tempDatabase } from '../support/db';
import type { Db } from '../../src/lib/platform/db';

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

describe('accepting answers and telling the asker', () => {
  it('lets only the asker accept, lists the accepted answer first, and mails the asker once per answer from someone else', () => {
    db.insert(cohorts).values({ number: 1, slug: 'cohort-1', capacity: 10 }).run();
    const [asker, helper, other] = ['asker@x.com', 'helper@x.com', 'other@x.com'].map(person) as [number, number, number];
    for (const id of [asker, helper, other]) joinCohort(db, id);
    db.update(people).set({ name: 'Hana Helper', company: 'Acme' }).where(eq(people.id, helper)).run();
    const q = askQuestion(db, asker, { title: 'Which CRM works with WeChat?', body: 'We need one that syncs contacts.' }) as number;
    const first = answerQuestion(db, helper, { questionId: q, body: 'We use one with WeChat sync <b>and</b> like it.' }) as number;
    const second = answerQuestion(db, other, { questionId: q, body: 'A spreadsheet, honestly.' }) as number;
    answerQuestion(db, asker, { questionId: q, body: 'Thanks, both of you!' });

    const mails = db.select().from(mailOutbox).where(eq(mailOutbox.template, 'question-answered')).all();
    expect(mails.map((m) => [m.to, m.idempotencyKey])).toEqual([
      ['asker@x.com', `answered:${first}`],
      ['asker@x.com', `answered:${second}`],
    ]);
    expect(mails[0]!.text).toContain('Hana Helper, Acme answered your question “Which CRM works with WeChat?”');
    expect(mails[0]!.text).toMatch(/Read the answer: http.*\/community\/q\/#thread-\d+/);
    expect(mails[0]!.html).toContain('&lt;b&gt;and&lt;/b&gt;'); // member text is escaped in the HTML
    expect(mails[0]!.html).toContain('Unsubscribe');

    expect(acceptAnswer(db, helper, second)).toBe('not_found');
    expect(acceptAnswer(db, other, second)).toBe('not_found');
    expect(acceptAnswer(db, asker, Number.NaN)).toBe('not_found');
    expect(acceptAnswer(db, asker, second)).toBe('accepted');
    const [thread] = cohortThreads(db, asker)!;
    expect(thread!.mine).toBe(true);
    expect(thread!.answers.map((a) => [a.id, a.accepted])).toEqual([[second, true], [first, false], [expect.any(Number), false]]);
    expect(cohortThreads(db, helper)![0]!.mine).toBe(false);
  });

  it('keeps unanswered questions apart', () => {
    db.insert(cohorts).values({ number: 1, slug: 'cohort-1', capacity: 10 }).run();
    const [a, b] = ['a@x.com', 'b@x.com'].map(person) as [number, number];
    for (const id of [a, b]) joinCohort(db, id);
    const answered = askQuestion(db, a, { title: 'An answered question', body: 'Somebody will answer this.' }) as number;
    askQuestion(db, a, { title: 'A lonely question', body: 'Nobody has answered this yet.' });
    answerQuestion(db, b, { questionId: answered, body: 'Here you go.' });
    expect(cohortThreads(db, b, 'unanswered')!.map((t) => t.title)).toEqual(['A lonely question']);
    expect(cohortThreads(db, b, 'newest')!.map((t) => t.title)).toEqual(['A lonely question', 'An answered question']);
  });
});

describe('the answered mail', () => {
  it('quotes a long answer up to a whole word', () => {
    expect(excerpt('short')).toBe('short');
    const long = `${'word '.repeat(100)}end`;
    const cut = excerpt(long, 50);
    expect(cut.length).toBeLessThanOrEqual(51);
    expect(cut).toMatch(/word…$/);
  });
});
