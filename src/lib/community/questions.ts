// Cohort Q&A: members ask and answer inside their own cohort; nobody else
// sees it. Every question and answer is an activity on the person's lead.
import { z } from 'astro/zod';
import { and, asc, desc, eq, inArray, notExists } from 'drizzle-orm';
import { writeTransaction, type Db } from '../platform/db';
import { answers, memberships, people, questions } from '../../../db/tables';
import { recordActivity } from '../leads/activities';
import { hasControlCharacters } from '../leads/lead-input';
import { HttpError, parseWith } from '../platform/http';
import { answeredMail } from './mail';
import { enqueueMail } from '../mail/outbox';
import { pageUrl } from '../mail/links';
import type { Tx } from '../leads/people';
import { unsubscribeUrl } from '../privacy/unsubscribe';

export const questionSchema = z.object({
  title: z.string({ error: 'Give the question a title.' }).trim().min(8, { error: 'A title of at least 8 characters helps others find it.' }).max(160, { error: 'Keep the title under 160 characters.' }).refine((v) => !hasControlCharacters(v), { error: 'The title is one line: no line breaks or control characters.' }),
  body: z.string({ error: 'Describe the question.' }).trim().min(10, { error: 'Add a little context (10 characters or more).' }).max(5000, { error: 'Keep it under 5,000 characters.' }),
});
export const answerSchema = z.object({
  questionId: z.coerce.number({ error: 'Which question?' }).int().positive(),
  body: z.string({ error: 'Write an answer.' }).trim().min(2, { error: 'Write an answer.' }).max(5000, { error: 'Keep it under 5,000 characters.' }),
});

export async function cohortOf(db: Db, personId: number): Promise<number | null> {
  const [row] = await db.select({ cohortId: memberships.cohortId }).from(memberships).where(eq(memberships.personId, personId));
  return row?.cohortId ?? null;
}

export interface Thread {
  id: number;
  title: string;
  body: string;
  author: string;
  /** The viewer asked it: they may accept an answer. */
  mine: boolean;
  createdAt: Date;
  acceptedAnswerId: number | null;
  /** The accepted answer first, then oldest first. */
  answers: Array<{ id: number; body: string; author: string; createdAt: Date; accepted: boolean }>;
}

export type ThreadView = 'newest' | 'unanswered';

const displayName = (p: { name: string | null; company: string | null }): string => [p.name ?? 'A member', p.company].filter(Boolean).join(', ');

/** The Q&A of the viewer's own cohort; nothing for people outside it. */
export async function cohortThreads(db: Db, viewerId: number, view: ThreadView = 'newest', limit = 50): Promise<Thread[] | null> {
  const cohortId = await cohortOf(db, viewerId);
  if (cohortId === null) return null;
  const qs = await db
    .select({ id: questions.id, title: questions.title, body: questions.body, createdAt: questions.createdAt, authorId: questions.authorId, acceptedAnswerId: questions.acceptedAnswerId, name: people.name, company: people.company })
    .from(questions)
    .innerJoin(people, eq(people.id, questions.authorId))
    .where(and(eq(questions.cohortId, cohortId), view === 'unanswered' ? notExists(db.select({ id: answers.id }).from(answers).where(eq(answers.questionId, questions.id))) : undefined))
    .orderBy(desc(questions.createdAt), desc(questions.id))
    .limit(limit);
  const ans = qs.length
    ? await db
        .select({ id: answers.id, questionId: answers.questionId, body: answers.body, createdAt: answers.createdAt, name: people.name, company: people.company })
        .from(answers)
        .innerJoin(people, eq(people.id, answers.authorId))
        .where(inArray(answers.questionId, qs.map((q) => q.id)))
        .orderBy(asc(answers.createdAt), asc(answers.id))
    : [];
  return qs.map((q) => ({
    id: q.id,
    title: q.title,
    body: q.body,
    author: displayName(q),
    mine: q.authorId === viewerId,
    createdAt: q.createdAt,
    acceptedAnswerId: q.acceptedAnswerId,
    answers: ans
      .filter((a) => a.questionId === q.id)
      .map((a) => ({ id: a.id, body: a.body, author: displayName(a), createdAt: a.createdAt, accepted: a.id === q.acceptedAnswerId }))
      .sort((a, b) => Number(b.accepted) - Number(a.accepted)),
  }));
}

export async function askQuestion(db: Db, personId: number, input: z.infer<typeof questionSchema>, now: Date = new Date()): Promise<number | 'not_member'> {
  return writeTransaction(db, async (tx) => {
    const cohortId = await cohortOf(tx, personId);
    if (!cohortId) return 'not_member' as const;
    const [{ id }] = (await tx.insert(questions).values({ cohortId, authorId: personId, title: input.title, body: input.body, createdAt: now }).returning({ id: questions.id })) as [{ id: number }];
    await recordActivity(tx, { personId, type: 'question', subject: String(id) }, now);
    return id;
  });
}

/** Answers only within one's own cohort: another cohort's question is "not found". */
export async function answerQuestion(db: Db, personId: number, input: z.infer<typeof answerSchema>, now: Date = new Date()): Promise<number | 'not_found'> {
  return writeTransaction(db, async (tx) => {
    const [q] = await tx
      .select({ id: questions.id, title: questions.title, askerId: questions.authorId })
      .from(questions)
      .innerJoin(memberships, and(eq(memberships.cohortId, questions.cohortId), eq(memberships.personId, personId)))
      .where(eq(questions.id, input.questionId));
    if (!q) return 'not_found' as const;
    const [{ id }] = (await tx.insert(answers).values({ questionId: q.id, authorId: personId, body: input.body, createdAt: now }).returning({ id: answers.id })) as [{ id: number }];
    await recordActivity(tx, { personId, type: 'answer', subject: String(q.id) }, now);
    if (q.askerId !== personId) await queueAnsweredMail(tx, q, { id, authorId: personId, body: input.body }, now);
    return id;
  });
}

/** The asker accepts one answer to their own question; anyone else gets "not_found". */
export async function acceptAnswer(db: Db, askerId: number, answerId: number): Promise<'accepted' | 'not_found'> {
  if (!Number.isSafeInteger(answerId)) return 'not_found';
  return writeTransaction(db, async (tx) => {
    const [a] = await tx
      .select({ questionId: answers.questionId })
      .from(answers)
      .innerJoin(questions, eq(questions.id, answers.questionId))
      .where(and(eq(answers.id, answerId), eq(questions.authorId, askerId)));
    if (!a) return 'not_found' as const;
    await tx.update(questions).set({ acceptedAnswerId: answerId }).where(eq(questions.id, a.questionId));
    return 'accepted' as const;
  });
}

/** The asker hears about each answer from someone else, in the answer's own transaction (one mail per answer). */
async function queueAnsweredMail(tx: Tx, q: { id: number; title: string; askerId: number }, answer: { id: number; authorId: number; body: string }, now: Date): Promise<void> {
  const [asker] = await tx.select({ email: people.email, name: people.name, locale: people.locale }).from(people).where(eq(people.id, q.askerId));
  const [answerer] = await tx.select({ name: people.name, company: people.company }).from(people).where(eq(people.id, answer.authorId));
  if (!asker || !answerer) return;
  const url = pageUrl(`/community/q/#thread-${q.id}`, asker.locale);
  await enqueueMail(tx, {
    template: 'question-answered',
    to: asker.email,
    topic: 'community',
    idempotencyKey: `answered:${answer.id}`,
    ...answeredMail({ locale: asker.locale, name: asker.name, title: q.title, answerer: answerer.name ? displayName(answerer) : null, answer: answer.body, url, unsubscribeUrl: await unsubscribeUrl(tx, asker.email) }),
  }, now);
}

/** The Q&A page's forms: ask, answer, accept. Returns what to tell the person. */
export async function qaFormAction(db: Db, personId: number, form: Record<string, string>): Promise<string> {
  if (form.action === 'accept') {
    if (await acceptAnswer(db, personId, Number(form.answerId)) === 'not_found') throw new HttpError('not_found', 'Only the person who asked can accept an answer.');
    return 'Marked as the accepted answer. Thank you for closing the loop.';
  }
  if (form.action === 'answer') {
    if (await answerQuestion(db, personId, parseWith(answerSchema, form)) === 'not_found') throw new HttpError('not_found', 'That question is not in your cohort.');
    return 'Thank you — your answer is posted, and the person who asked has been told.';
  }
  if (await askQuestion(db, personId, parseWith(questionSchema, form)) === 'not_member') throw new HttpError('forbidden', 'Join a cohort to ask questions.');
  return 'Your question is posted. Members usually answer within a working day.';
}
