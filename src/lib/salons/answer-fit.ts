// What a registrant's answers to a salon's own questions say about fit: a
// choice option may carry fitPoints ("Budget holder": +6). The points are kept
// on the registration as they stood when the person answered (answer_fit), so
// a later edit of the salon never rewrites why a lead scored what it scored.
// Capped: the best answer per question counts, and all answers together add at
// most ANSWER_FIT_MAX to the fit score.
import { between, eq, sql } from 'drizzle-orm';
import { reusableQuery } from '../platform/db';
import { registrations, type AnswerFit, type RegistrationAnswers } from '../../../db/tables';
import type { Signal } from '../leads/scoring-model';
import type { Tx } from '../leads/people';
import type { SalonInfo } from './salon';

/** The most all salon answers together add to a lead's fit score. */
export const ANSWER_FIT_MAX = 10;

/** The answers' fit at registration time: one entry per choice answered with points. */
export function answerFitOf(salon: Pick<SalonInfo, 'title' | 'questions'>, answers: RegistrationAnswers): AnswerFit[] {
  const fit: AnswerFit[] = [];
  for (const q of salon.questions) {
    if (q.kind !== 'choice') continue;
    const option = q.options.find((o) => o.value === answers[q.id]);
    if (option && option.fitPoints > 0) fit.push({ questionId: q.id, answer: option.label, salon: salon.title, points: option.fitPoints });
  }
  return fit;
}

/**
 * The explained fit signals of every answer a person gave: the best answer per
 * salon question, strongest first, until ANSWER_FIT_MAX is reached.
 */
export function answerFitSignals(entries: Array<{ eventId: string; fit: AnswerFit[] }>): Signal[] {
  const best = new Map<string, AnswerFit>();
  for (const { eventId, fit } of entries) {
    for (const f of fit) {
      const key = `${eventId}/${f.questionId}`;
      if ((best.get(key)?.points ?? -1) < f.points) best.set(key, f);
    }
  }
  const signals: Signal[] = [];
  let left = ANSWER_FIT_MAX;
  for (const f of [...best.values()].sort((a, b) => b.points - a.points)) {
    const points = Math.min(left, f.points);
    if (points <= 0) break;
    left -= points;
    const said = `'${f.answer}' at ${f.salon}`;
    signals.push({ kind: 'fit', label: `Salon answer: ${said}${points < f.points ? ' (capped)' : ''}`, reason: `Answered ${said}`, points, why: { fact: 'salonAnswer', value: f.answer } });
  }
  return signals;
}

const answerFitOfPerson = reusableQuery('answer_fit_of_person', (db) =>
  db.select({ eventId: registrations.eventId, fit: registrations.answerFit }).from(registrations).where(eq(registrations.personId, sql.placeholder('personId'))),
);

/** The answer signals of one person, read inside the caller's transaction (the scoring hook). */
export async function answerFitFor(tx: Tx, personId: number): Promise<Signal[]> {
  return answerFitSignals(await answerFitOfPerson(tx, { personId }));
}

/** The answer signals of everyone with an id in [from, to], for the bulk rescore's batches. */
export async function answerFitForRange(tx: Tx, from: number, to: number): Promise<Map<number, Signal[]>> {
  const rows = await tx.select({ personId: registrations.personId, eventId: registrations.eventId, fit: registrations.answerFit }).from(registrations).where(between(registrations.personId, from, to));
  const byPerson = new Map<number, Array<{ eventId: string; fit: AnswerFit[] }>>();
  for (const r of rows) if (r.fit.length) byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), r]);
  return new Map([...byPerson].map(([id, entries]) => [id, answerFitSignals(entries)]));
}
