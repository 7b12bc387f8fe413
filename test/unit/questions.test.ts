import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { activities, cohorts, mailOutbox, people } from '../../db/tables';
import { excerpt } from '../../src/lib/community/mail';
import { joinCohort } from '../../src/lib/community/cohorts';
import { findOrCreatePerson } from '../../src/lib/leads/people';
import { acceptAnswer, answerQuestion, askQuestion, cohortThreads } from '../../src/lib/community/questions';
import { tempDatabase } from '../support/db';
import { writeTransaction, type Db } from '../../src/lib/platform/db';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await tempDatabase()));
afterEach(() => cleanup());

const person = async (email: string) => (await findOrCreatePerson(db, email)).person.id;
/** One after another, so ids follow the order given. */
const persons = async (emails: string[]) => {
  const ids: number[] = [];
  for (const e of emails) ids.push(await person(e));
  return ids;
};
const cohort = (capacity: number) => writeTransaction(db, (tx) => tx.insert(cohorts).values({ number: 1, slug: 'cohort-1', capacity }));

describe('cohort Q&A', () => {
  it('is visible inside the cohort only, and answerable only from it', async () => {
    await cohort(2);
    const [a, b, c, outsider] = (await persons(['a@x.com', 'b@x.com', 'c@x.com', 'out@x.com'])) as [number, number, number, number];
    for (const id of [a, b, c]) await joinCohort(db, id); // a, b in cohort 1; c in cohort 2
    const q = await askQuestion(db, a, { title: 'How do you cap article reads?', body: 'Ours let one reader outrank a buyer.' });
    expect(typeof q).toBe('number');
    expect(await answerQuestion(db, b, { questionId: q as number, body: 'Cap each type at ten points.' })).toEqual(expect.any(Number));
    expect(await answerQuestion(db, c, { questionId: q as number, body: 'From another cohort' })).toBe('not_found');
    expect(await askQuestion(db, outsider, { title: 'Can I ask without joining?', body: 'Just curious about this.' })).toBe('not_member');
    expect((await cohortThreads(db, b))!.map((t) => [t.title, t.answers.length])).toEqual([['How do you cap article reads?', 1]]);
    expect(await cohortThreads(db, c)).toEqual([]);
    expect(await cohortThreads(db, outsider)).toBeNull();
    expect((await db.select().from(activities)).filter((x) => x.type === 'question' || x.type === 'answer').map((x) => x.type)).toEqual(['question', 'answer']);
  });
});

describe('accepting answers and telling the asker', () => {
  it('lets only the asker accept, lists the accepted answer first, and mails the asker once per answer from someone else', async () => {
    await cohort(10);
    const [asker, helper, other] = (await persons(['asker@x.com', 'helper@x.com', 'other@x.com'])) as [number, number, number];
    for (const id of [asker, helper, other]) await joinCohort(db, id);
    await writeTransaction(db, (tx) => tx.update(people).set({ name: 'Hana Helper', company: 'Acme' }).where(eq(people.id, helper)));
    const q = await askQuestion(db, asker, { title: 'Which CRM works with WeChat?', body: 'We need one that syncs contacts.' }) as number;
    const first = await answerQuestion(db, helper, { questionId: q, body: 'We use one with WeChat sync <b>and</b> like it.' }) as number;
    const second = await answerQuestion(db, other, { questionId: q, body: 'A spreadsheet, honestly.' }) as number;
    await answerQuestion(db, asker, { questionId: q, body: 'Thanks, both of you!' });

    const mails = (await db.select().from(mailOutbox).where(eq(mailOutbox.template, 'question-answered')));
    expect(mails.map((m) => [m.to, m.idempotencyKey])).toEqual([
      ['asker@x.com', `answered:${first}`],
      ['asker@x.com', `answered:${second}`],
    ]);
    expect(mails[0]!.text).toContain('Hana Helper, Acme answered your question “Which CRM works with WeChat?”');
    expect(mails[0]!.text).toMatch(/Read the answer: http.*\/community\/q\/#thread-\d+/);
    expect(mails[0]!.html).toContain('&lt;b&gt;and&lt;/b&gt;'); // member text is escaped in the HTML
    expect(mails[0]!.html).toContain('Unsubscribe');

    expect(await acceptAnswer(db, helper, second)).toBe('not_found');
    expect(await acceptAnswer(db, other, second)).toBe('not_found');
    expect(await acceptAnswer(db, asker, Number.NaN)).toBe('not_found');
    expect(await acceptAnswer(db, asker, second)).toBe('accepted');
    const [thread] = (await cohortThreads(db, asker))!;
    expect(thread!.mine).toBe(true);
    expect(thread!.answers.map((a) => [a.id, a.accepted])).toEqual([[second, true], [first, false], [expect.any(Number), false]]);
    expect((await cohortThreads(db, helper))![0]!.mine).toBe(false);
  });

  it('keeps unanswered questions apart', async () => {
    await cohort(10);
    const [a, b] = (await persons(['a@x.com', 'b@x.com'])) as [number, number];
    for (const id of [a, b]) await joinCohort(db, id);
    const answered = await askQuestion(db, a, { title: 'An answered question', body: 'Somebody will answer this.' }) as number;
    await askQuestion(db, a, { title: 'A lonely question', body: 'Nobody has answered this yet.' });
    await answerQuestion(db, b, { questionId: answered, body: 'Here you go.' });
    expect((await cohortThreads(db, b, 'unanswered'))!.map((t) => t.title)).toEqual(['A lonely question']);
    expect((await cohortThreads(db, b, 'newest'))!.map((t) => t.title)).toEqual(['A lonely question', 'An answered question']);
  });
});

describe('the answered mail', () => {
  it('quotes a long answer up to a whole word', async () => {
    expect(excerpt('short')).toBe('short');
    const long = `${'word '.repeat(100)}end`;
    const cut = excerpt(long, 50);
    expect(cut.length).toBeLessThanOrEqual(51);
    expect(cut).toMatch(/word…$/);
  });
});
