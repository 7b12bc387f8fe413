// Answers to a salon's own registration questions, checked against them: a
// text answer is one line of at most 500 characters without control
// characters; a choice answer is one of the question's option values; a
// required question must be answered. The JSON API sends
// `answers: { "<id>": "…" }` (errors named `answers.<id>`); the HTML form
// posts `answer.<id>` fields (errors named the same, beside the field).
import { asc, eq } from 'drizzle-orm';
import { registrations, type RegistrationAnswers } from '../../../db/tables';
import type { Tx } from '../platform/db';
import type { Locale } from '../../i18n/locales';
import { getSalon } from './catalogue';
import type { SalonQuestion } from './salon-schema';

export const ANSWER_MAX = 500;
/** Control characters and line breaks: an answer (or a reason) is one line of plain text. */
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export type AnswerSource = 'api' | 'form';

/** The field name an answer is posted and reported under. */
export function answerField(source: AnswerSource, questionId: string): string {
  return source === 'form' ? `answer.${questionId}` : `answers.${questionId}`;
}

/** The raw answers of a request: the `answers` object (API) or the `answer.<id>` fields (form). */
function rawAnswers(body: Record<string, unknown>, source: AnswerSource): { values: Record<string, unknown>; error?: string } {
  if (source === 'form') {
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(body)) if (key.startsWith('answer.')) values[key.slice('answer.'.length)] = value;
    return { values };
  }
  const a = body.answers;
  if (a === undefined || a === null) return { values: {} };
  if (typeof a !== 'object' || Array.isArray(a)) return { values: {}, error: 'Send the answers as an object of question ids and answers.' };
  return { values: a as Record<string, unknown> };
}

/** The checked answers ({ id: text or option value }, unanswered optional questions left out) and a message per field that is wrong. */
export function readAnswers(questions: SalonQuestion[], body: Record<string, unknown>, source: AnswerSource): { answers: RegistrationAnswers; errors: Record<string, string> } {
  const { values, error } = rawAnswers(body, source);
  const errors: Record<string, string> = error ? { answers: error } : {};
  const answers: RegistrationAnswers = {};
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(values)) if (!known.has(id)) errors[answerField(source, id.slice(0, 40))] = 'This salon does not ask that question.';
  for (const q of questions) {
    const field = answerField(source, q.id);
    const raw = values[q.id];
    if (raw !== undefined && raw !== null && typeof raw !== 'string') {
      errors[field] = 'The answer must be text.';
      continue;
    }
    const value = (raw ?? '').trim();
    if (value === '') {
      if (q.required) errors[field] = q.kind === 'choice' ? 'Choose an answer to this question.' : 'Please answer this question.';
      continue;
    }
    if (q.kind === 'choice') {
      if (!q.options.some((o) => o.value === value)) errors[field] = 'Choose one of the options given.';
      else answers[q.id] = value;
      continue;
    }
    if (value.length > ANSWER_MAX) errors[field] = 'Keep the answer to 500 characters.';
    else if (CONTROL.test(value)) errors[field] = 'The answer has characters that cannot be used: write it on one line.';
    else answers[q.id] = value;
  }
  return { answers, errors };
}

/** A question's label, or an answer's (the option's label for a choice), in a language; English when there is no Chinese. */
export function questionLabel(q: Pick<SalonQuestion, 'label' | 'labelZh'>, locale: string): string {
  return locale === 'zh' && q.labelZh ? q.labelZh : q.label;
}

export function answerLabel(q: SalonQuestion, value: string | undefined, locale: string): string {
  if (value === undefined) return '';
  if (q.kind !== 'choice') return value;
  const option = q.options.find((o) => o.value === value);
  return option ? questionLabel(option, locale) : value;
}

/** A person's answers at each salon, labelled in `locale`, for the lead page ("Salon answers"). */
export interface SalonAnswers {
  salonId: string;
  salon: string;
  answers: Array<{ question: string; answer: string }>;
}

export async function salonAnswersOf(db: Tx, personId: number, locale: Locale = 'en'): Promise<SalonAnswers[]> {
  const rows = await db.select({ eventId: registrations.eventId, answers: registrations.answers }).from(registrations).where(eq(registrations.personId, personId)).orderBy(asc(registrations.id));
  const out: SalonAnswers[] = [];
  for (const r of rows) {
    if (Object.keys(r.answers).length === 0) continue;
    const salon = await getSalon(r.eventId, locale);
    if (!salon) continue;
    const answers = salon.questions.filter((q) => r.answers[q.id] !== undefined).map((q) => ({ question: questionLabel(q, locale), answer: answerLabel(q, r.answers[q.id], locale) }));
    if (answers.length) out.push({ salonId: salon.id, salon: salon.title, answers });
  }
  return out;
}
