// Lead capture shared by every form: the fields, and the merge of a form into
// the one person row per email (first touch kept, last touch updated).
import { z } from 'astro/zod';
import { eq } from 'drizzle-orm';
import { partners } from '../../../db/tables';
import { parseCompanySize, type CompanySize } from './company-size';
import type { Attribution } from './attribution';
import { isStaff } from '../auth/access';
import { consentFromForm } from '../privacy/consent';
import { findOrCreatePerson, normalizeEmail, updatePerson, type Person, type Tx } from './people';
import { lockFor } from '../platform/db';
import { emailField, honeypotField } from '../platform/validation';
import type { Locale } from '../../i18n/locales';
import { accountIdFor, refreshAccount } from '../accounts/account-sync';
import { emitLeadEvent } from '../webhooks/events';

/** C0/C1 controls, and bidi overrides that can disguise a name: never in a one-line field. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export function hasControlCharacters(value: string): boolean {
  return CONTROL.test(value);
}

/** An optional one-line text field: empty means "not given". */
export const lineField = (max: number, label: string) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, { error: `${label} is too long (at most ${max} characters).` })
    .refine((v) => !CONTROL.test(v), { error: `${label} cannot contain control characters or line breaks.` })
    .optional()
    .transform((v) => (v ? v : undefined));

/** A band, or what people write ("350", "200-999", "1000+", "100-499人"); empty is "not given". Keeps the raw answer. */
const companySizeField = z
  .union([z.string(), z.number()], { error: 'Company size is a band such as 51-200, or a number of employees.' })
  .optional()
  .transform((v, ctx): { band: CompanySize; raw: string } | undefined => {
    const raw = v === undefined ? '' : String(v).trim().slice(0, 60);
    const band = parseCompanySize(raw);
    if (band === null) {
      ctx.addIssue({ code: 'custom', message: 'Choose a company size, or write a number of employees such as 350 or 200-999.' });
      return z.NEVER;
    }
    return band ? { band, raw } : undefined;
  });


/** The lead fields of DESIGN.md; JSON booleans or HTML checkbox values for consent. */
export const leadFields = {
  email: emailField,
  name: lineField(120, 'Name'),
  company: lineField(160, 'Company'),
  jobTitle: lineField(120, 'Job title'),
  companySize: companySizeField,
  industry: lineField(80, 'Industry'),
  wechat: lineField(64, 'WeChat ID'),
  phone: z
    .string({ error: 'Phone must be text.' })
    .trim()
    .max(40, { error: 'Phone is too long.' })
    .regex(/^[+()0-9 .-]*$/, { error: 'Use digits, spaces and + ( ) - only.' })
    .optional()
    .transform((v) => (v ? v : undefined)),
  consent: z
    .union([z.boolean(), z.enum(['on', 'true', 'false', 'yes'])], { error: 'Consent is true or false.' })
    .optional()
    .transform((v) => v === true || v === 'on' || v === 'true' || v === 'yes'),
  utm: z
    .object({ source: lineField(120, 'utm.source'), medium: lineField(120, 'utm.medium'), campaign: lineField(120, 'utm.campaign') }, { error: 'utm is an object with source, medium and campaign.' })
    .optional(),
  website: honeypotField,
};

export const leadSchema = z.object(leadFields);

/** What the domain needs of a form; the parsed schema output fits it. */
export interface LeadInput {
  email: string;
  name?: string | undefined;
  company?: string | undefined;
  jobTitle?: string | undefined;
  companySize?: { band: CompanySize; raw: string } | undefined;
  industry?: string | undefined;
  wechat?: string | undefined;
  phone?: string | undefined;
  consent?: boolean | undefined;
  utm?: { source?: string | undefined; medium?: string | undefined; campaign?: string | undefined } | undefined;
  website?: string | undefined;
}

const PROFILE_FIELDS = ['name', 'company', 'jobTitle', 'industry', 'phone', 'wechat'] as const;

/**
 * Creates or updates the person for this email from an anonymous form: given
 * fields fill empty ones and never overwrite what is there (anyone can type
 * anyone's email); a staff account is never changed; consent follows consent.ts.
 * `locale`, the language of the page the form was on, becomes the language of
 * the person's mail (absent: it stays as it is).
 */
export async function upsertLead(
  tx: Tx,
  input: LeadInput,
  attribution: Attribution | null,
  now: Date = new Date(),
  source = 'form',
  locale?: Locale,
  /** The caller records an activity next, in the same transaction, whose rescore refreshes the person's account: no need to do it twice. */
  { rescoreFollows = false }: { rescoreFollows?: boolean } = {},
): Promise<{ person: Person; created: boolean }> {
  // Forms for the same address merge one after the other (what they fill, consent given once).
  await lockFor(tx, `person:${normalizeEmail(input.email)}`);
  const { person: found, created } = await findOrCreatePerson(tx, input.email);
  if (isStaff(found)) return { person: found, created };
  // Mail queued from here on (the confirmation below, the caller's ticket) speaks the form's language.
  const person = locale ? { ...found, locale } : found;
  const touch = input.utm?.source
    ? { source: input.utm.source.toLowerCase(), medium: input.utm.medium?.toLowerCase(), campaign: input.utm.campaign?.toLowerCase(), referrer: undefined }
    : attribution?.last;
  const first = attribution?.first ?? touch;
  const partnerCode = attribution?.last.partner ?? attribution?.first.partner;
  const partner = partnerCode && !person.partnerId ? (await tx.select({ id: partners.id }).from(partners).where(eq(partners.code, partnerCode)).limit(1))[0] : undefined;
  const filled: Partial<Person> = {};
  for (const field of PROFILE_FIELDS) if (input[field] && !person[field]) filled[field] = input[field];
  if (input.companySize && !person.companySize) Object.assign(filled, { companySize: input.companySize.band, companySizeRaw: input.companySize.raw });
  const consent = input.consent ? await consentFromForm(tx, person, source, now) : undefined;
  const changes: Partial<Person> = {
    ...filled,
    ...consent,
    ...(!person.firstSource && first?.source && { firstSource: first.source, firstMedium: first.medium ?? null, firstCampaign: first.campaign ?? null, firstReferrer: first.referrer ?? null }),
    ...(touch?.source && { lastSource: touch.source, lastMedium: touch.medium ?? null, lastCampaign: touch.campaign ?? null, lastReferrer: touch.referrer ?? null }),
    ...(partner && { partnerId: partner.id }),
    ...(locale && { locale }),
    updatedAt: now,
  };
  // The company (by email domain), linked in the same UPDATE.
  const accountId = await accountIdFor(tx, { email: person.email, role: person.role, company: filled.company ?? person.company });
  if (accountId !== null && accountId !== person.accountId) changes.accountId = accountId;
  const updated = await updatePerson(tx, person, changes);
  // A new person (or a company name given now) changes the account's counts and name; a rescore that follows refreshes it anyway.
  if (accountId !== null && !rescoreFollows) await refreshAccount(tx, accountId, now);
  // The hand-off to other tools, with the same transaction.
  if (created) await emitLeadEvent(tx, 'lead.created', updated.id, now);
  return { person: updated, created };
}
