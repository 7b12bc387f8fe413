// What the salon endpoints and pages share: parse a registration, apply rate
// limits and the honeypot, call the domain. Thin pages, one set of rules.
import { z } from 'astro/zod';
import type { AstroCookies } from 'astro';
import { ATTRIBUTION_COOKIE, decodeAttribution } from '../lib/leads/attribution';
import type { Db } from '../lib/platform/db';
import { HttpError, parseWith } from '../lib/platform/http';
import { leadFields } from '../lib/leads/lead-input';
import { readAnswers, type AnswerSource } from '../lib/salons/registration-answers';
import type { RegistrationAnswers } from '../../db/tables';
import { hitLimit } from '../lib/platform/rate-limit';
import { registerForSalon, type RegisterResult } from '../lib/salons/registrations';
import type { SalonInfo } from '../lib/salons/salon';
import type { Locale } from '../i18n/locales';
import { applyReferralOutcome, referralClickFrom } from './referral-cookie';

export const registrationSchema = z.object(leadFields);
export const ticketSchema = z.object({ ticketCode: z.string({ error: 'Enter the ticket code.' }).trim().min(4, { error: 'Enter the ticket code.' }).max(40, { error: 'That is not a ticket code.' }) });

/** The lead fields and the answers to the salon's questions, every field's problem reported at once. */
export function parseRegistration(salon: Pick<SalonInfo, 'questions'>, body: unknown, source: AnswerSource): { input: z.infer<typeof registrationSchema>; answers: RegistrationAnswers } {
  let errors: Record<string, string> = {};
  let input: z.infer<typeof registrationSchema> | undefined;
  try {
    input = parseWith(registrationSchema, body);
  } catch (error) {
    if (!(error instanceof HttpError) || !error.fields) throw error;
    errors = error.fields;
  }
  const record = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const read = readAnswers(salon.questions, record, source);
  errors = { ...errors, ...read.errors };
  if (!input || Object.keys(errors).length) throw new HttpError('invalid', 'Some fields need another look.', errors);
  return { input, answers: read.answers };
}

/**
 * `locale`: the language of the page (or API call) registered through; the person's mail goes out in it.
 * `source`: the HTML form posts `answer.<id>` fields, the JSON API an `answers` object.
 */
export async function handleRegistration(db: Db, salon: SalonInfo, body: unknown, ip: string, cookies: AstroCookies, locale: Locale | undefined, source: AnswerSource = 'api'): Promise<RegisterResult | { outcome: 'spam' }> {
  const { input, answers } = parseRegistration(salon, body, source);
  const wait = (await hitLimit(db, 'formPerIp', ip)) ?? (await hitLimit(db, 'formPerEmail', input.email));
  if (wait) throw new HttpError('rate_limited', `Too many registrations. Try again in ${wait} seconds.`, undefined, { 'retry-after': String(wait) });
  if (input.website) return { outcome: 'spam' };
  const facts = { input, answers, attribution: decodeAttribution(cookies.get(ATTRIBUTION_COOKIE)?.value), referralClickId: await referralClickFrom(db, cookies), locale };
  const result = await registerForSalon(db, salon, facts);
  if (result.outcome !== 'closed') applyReferralOutcome(cookies, result.referral);
  return result;
}
