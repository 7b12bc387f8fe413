// A form becomes a lead: merge into the one person per email, record what they
// asked for as an activity (which rescores them), all in one transaction.
import { z } from 'astro/zod';
import { writeTransaction, type Db } from '../platform/db';
import type { Locale } from '../../i18n/locales';
import type { Attribution } from './attribution';
import { recordActivity, type ActivityType } from './activities';
import { leadFields, upsertLead } from './lead-input';
import type { Person, Tx } from './people';
import { attributeReferral, type ReferralOutcome } from '../community/referrals';

export const interestField = z
  .string({ error: 'interest is demo, newsletter, contact, resource:<slug> or package:<slug>.' })
  .regex(/^(demo|newsletter|contact|(resource|package):[a-z0-9-]{1,80})$/, { error: 'interest is demo, newsletter, contact, resource:<slug> or package:<slug>.' });

export const leadCaptureSchema = z.object({ ...leadFields, interest: interestField.optional(), message: z.string().trim().max(2000, { error: 'The message is too long (2,000 characters at most).' }).optional() });
export type LeadCapture = z.infer<typeof leadCaptureSchema>;

const activityFor = (interest: string): { type: ActivityType; subject: string } => {
  const [kind, slug] = interest.split(':') as [string, string | undefined];
  switch (kind) {
    case 'demo': return { type: 'demo_request', subject: 'demo' };
    case 'newsletter': return { type: 'newsletter_signup', subject: 'newsletter' };
    case 'resource': return { type: 'resource_download', subject: slug! };
    case 'package': return { type: 'package_interest', subject: slug! };
    default: return { type: 'contact', subject: 'contact' };
  }
};

/** What a lead form starts from: the form, where the person came from, the referral link they followed. */
export interface LeadFacts {
  input: LeadCapture;
  attribution: Attribution | null;
  referralClickId: number | null;
  /** The language of the page the form was on: the person's mail goes out in it (absent: unchanged). */
  locale?: Locale | undefined;
}

/**
 * The person, their activity (which rescores them), the referral conversion
 * and `then` — mail that must go out with the capture or not at all — commit
 * in one transaction.
 */
export async function captureLead(
  db: Db,
  facts: LeadFacts,
  now: Date = new Date(),
  then?: (tx: Tx, person: Person) => unknown,
): Promise<{ person: Person; created: boolean; referral: ReferralOutcome }> {
  const { input, attribution } = facts;
  return writeTransaction(db, async (tx) => {
    const { person, created } = await upsertLead(tx, input, attribution, now, input.interest ?? 'contact', facts.locale, { rescoreFollows: true });
    const act = activityFor(input.interest ?? 'contact');
    const touch = input.utm?.source ? input.utm : attribution?.last;
    await recordActivity(tx, { personId: person.id, ...act, source: touch?.source ?? null, medium: touch?.medium ?? null, campaign: touch?.campaign ?? null, ...(input.message ? { data: { message: input.message } } : {}) }, now);
    await then?.(tx, person);
    const referral = facts.referralClickId ? await attributeReferral(tx, facts.referralClickId, person.id, 'lead', now) : 'none';
    return { person, created, referral };
  });
}
