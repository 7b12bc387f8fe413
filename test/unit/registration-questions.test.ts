// A salon's own registration questions: answers checked against them (required,
// unknown option, control characters, oversize, wrong type, unknown question),
// stored on the registration, and a choice answer's fit points added to the
// lead's fit score as an explained, capped signal.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registrations } from '../../db/tables';
import { registerForSalon } from '../../src/lib/salons/registrations';
import { readAnswers } from '../../src/lib/salons/registration-answers';
import { ANSWER_FIT_MAX, answerFitSignals } from '../../src/lib/salons/answer-fit';
import { parseRegistration } from '../../src/web/salon-requests';
import { explainScore, rescoreAll } from '../../src/lib/leads/rescore';
import { reasonIn } from '../../src/lib/sales/words';
import { HttpError } from '../../src/lib/platform/http';
import type { SalonQuestion } from '../../src/lib/salons/salon-schema';
import type { Db } from '../../src/lib/platform/db';
import { tempDatabase } from '../support/db';
import { salonFixture } from '../support/salons';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await tempDatabase()));
afterEach(async () => await cleanup());

const questions: SalonQuestion[] = [
  {
    id: 'role',
    kind: 'choice',
    label: 'Your role in buying software',
    labelZh: '你在软件采购中的角色',
    required: true,
    options: [
      { value: 'budget', label: 'Budget holder', labelZh: '预算负责人', fitPoints: 6 },
      { value: 'influencer', label: 'Influencer', fitPoints: 2 },
      { value: 'user', label: 'User', fitPoints: 0 },
    ],
  },
  { id: 'team', kind: 'choice', label: 'Sales team size', required: false, options: [{ value: 'big', label: 'Over 50 reps', fitPoints: 8 }, { value: 'small', label: 'Under 50 reps', fitPoints: 1 }] },
  { id: 'topic', kind: 'text', label: 'What should we discuss?', required: false, options: [] },
];

const salon = salonFixture({ questions });
const now = new Date('2026-11-22T10:00:00Z');

describe('checking answers', () => {
  it('reads the JSON answers object and names each problem answers.<id>', () => {
    expect(readAnswers(questions, { answers: { role: 'budget', topic: '  Lead routing  ' } }, 'api')).toEqual({ answers: { role: 'budget', topic: 'Lead routing' }, errors: {} });
    expect(readAnswers(questions, {}, 'api').errors).toEqual({ 'answers.role': 'Choose an answer to this question.' });
    expect(readAnswers(questions, { answers: { role: 'ceo' } }, 'api').errors).toEqual({ 'answers.role': 'Choose one of the options given.' });
    expect(readAnswers(questions, { answers: { role: 'budget', topic: 'a\u0000b' } }, 'api').errors).toEqual({ 'answers.topic': 'The answer has characters that cannot be used: write it on one line.' });
    expect(readAnswers(questions, { answers: { role: 'budget', topic: 'line one\nline two' } }, 'api').errors).toHaveProperty('answers.topic');
    expect(readAnswers(questions, { answers: { role: 'budget', topic: 'x'.repeat(501) } }, 'api').errors).toEqual({ 'answers.topic': 'Keep the answer to 500 characters.' });
    expect(readAnswers(questions, { answers: { role: 'budget', topic: '好'.repeat(500) } }, 'api').errors).toEqual({});
    expect(readAnswers(questions, { answers: { role: 3 } }, 'api').errors).toEqual({ 'answers.role': 'The answer must be text.' });
    expect(readAnswers(questions, { answers: ['budget'] }, 'api').errors).toMatchObject({ answers: 'Send the answers as an object of question ids and answers.' });
    expect(readAnswers(questions, { answers: { role: 'budget', salary: 'lots' } }, 'api').errors).toEqual({ 'answers.salary': 'This salon does not ask that question.' });
  });

  it('reads the HTML form fields answer.<id> and names each problem after its field', () => {
    expect(readAnswers(questions, { 'answer.role': 'influencer', 'answer.team': '' }, 'form')).toEqual({ answers: { role: 'influencer' }, errors: {} });
    expect(readAnswers(questions, { 'answer.role': '' }, 'form').errors).toEqual({ 'answer.role': 'Choose an answer to this question.' });
  });

  it('reports the lead fields and the answers together, in one 400', () => {
    try {
      parseRegistration(salon, { email: 'not-an-email', answers: { role: 'nope' } }, 'api');
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(HttpError);
      expect(Object.keys((error as HttpError).fields!).sort()).toEqual(['answers.role', 'email']);
    }
  });
});

describe('answers on the registration and in the score', () => {
  it('stores the answers and adds the fit of a choice as an explained signal', async () => {
    const r = await registerForSalon(db, salon, { input: { email: 'ana@gmail.com', name: 'Ana' }, answers: { role: 'budget', topic: 'Lead routing' }, attribution: null, referralClickId: null }, now);
    if (r.outcome === 'closed') throw new Error('closed');
    const [row] = await db.select().from(registrations);
    expect(row!.answers).toEqual({ role: 'budget', topic: 'Lead routing' });
    const scored = (await explainScore(db, r.person.id, now))!;
    const signal = scored.signals.find((s) => s.why.fact === 'salonAnswer')!;
    expect(signal).toMatchObject({ kind: 'fit', points: 6, reason: `Answered 'Budget holder' at ${salon.title}` });
    expect(reasonIn(signal, 'zh')).toBe('沙龙报名时选择“Budget holder”');
    expect(scored.fitScore).toBe(6);
    const { people } = await import('../../db/tables');
    expect((await db.select().from(people))[0]!.fitScore).toBe(6); // scored when the registration's activity was recorded
  });

  it('caps the answers: the best answer per question counts, and all together at most ANSWER_FIT_MAX', async () => {
    const signals = answerFitSignals([
      { eventId: 'a', fit: [{ questionId: 'role', answer: 'Budget holder', salon: 'A', points: 6 }, { questionId: 'team', answer: 'Over 50 reps', salon: 'A', points: 8 }] },
      { eventId: 'b', fit: [{ questionId: 'role', answer: 'Influencer', salon: 'B', points: 2 }] },
    ]);
    expect(ANSWER_FIT_MAX).toBe(10);
    expect(signals.map((s) => [s.reason, s.points])).toEqual([
      ["Answered 'Over 50 reps' at A", 8],
      ["Answered 'Budget holder' at A", 2],
    ]);
    expect(signals[1]!.label).toContain('(capped)');
    // The same question answered again at the same salon (re-registering) counts once, the best answer.
    expect(answerFitSignals([{ eventId: 'a', fit: [{ questionId: 'role', answer: 'Influencer', salon: 'A', points: 2 }] }, { eventId: 'a', fit: [{ questionId: 'role', answer: 'Budget holder', salon: 'A', points: 6 }] }]).map((s) => s.points)).toEqual([6]);
  });

  it('puts the answers in the person\'s data export and erases them with the person', async () => {
    const { exportPersonalData, erasePerson } = await import('../../src/lib/privacy/personal-data');
    const r = await registerForSalon(db, salon, { input: { email: 'cy@gmail.com' }, answers: { role: 'budget', topic: 'My team in Suzhou' }, attribution: null, referralClickId: null }, now);
    if (r.outcome === 'closed') throw new Error('closed');
    expect((await exportPersonalData(db, r.person.id, null, now))!.registrations).toMatchObject([{ eventId: salon.id, answers: { role: 'budget', topic: 'My team in Suzhou' } }]);
    expect(await erasePerson(db, r.person.id, null, now)).toBe(true);
    expect((await db.select().from(registrations))[0]).toMatchObject({ answers: {}, answerFit: [] });
  });

  it('keeps the answer fit through the nightly rescore', async () => {
    const r = await registerForSalon(db, salon, { input: { email: 'bo@gmail.com' }, answers: { role: 'budget', team: 'big' }, attribution: null, referralClickId: null }, now);
    if (r.outcome === 'closed') throw new Error('closed');
    await rescoreAll(db, { now, alerts: false });
    expect((await explainScore(db, r.person.id, now))!.fitScore).toBe(10);
    const { people } = await import('../../db/tables');
    expect((await db.select().from(people))[0]!.fitScore).toBe(10);
  });
});
