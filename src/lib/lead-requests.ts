// What the lead endpoint and the /request/ page share: validate, check the
// interest exists, rate-limit, honeypot, capture, remember the visitor.
import type { AstroCookies } from 'astro';
import { ATTRIBUTION_COOKIE, decodeAttribution } from './attribution';
import { contentSlugExists } from './content';
import type { Db } from './db';
import { HttpError, parseWith } from './http';
import { captureLead, leadCaptureSchema, type LeadCapture } from './lead-capture';
import type { Person } from './people';
import { hitLimit } from './rate-limit';
import { rememberVisitor } from './visitors';
import { convertReferral } from './referrals';

export type LeadRequestResult = { outcome: 'created' | 'updated'; person: Person; input: LeadCapture } | { outcome: 'spam'; input: LeadCapture };

export async function submitLead(db: Db, body: unknown, ip: string, cookies: AstroCookies, url: URL): Promise<LeadRequestResult> {
  const input = parseWith(leadCaptureSchema, body);
  const [kind, slug] = (input.interest ?? '').split(':');
  if ((kind === 'resource' || kind === 'package') && !(await contentSlugExists(kind === 'resource' ? 'resources' : 'packages', slug ?? ''))) {
    throw new HttpError('invalid', 'Some fields need another look.', { interest: `There is no ${kind} called "${slug}".` });
  }
  const wait = (await hitLimit(db, 'formPerIp', ip)) ?? (await hitLimit(db, 'formPerEmail', input.email));
  if (wait) throw new HttpError('rate_limited', `Too many submissions. Try again in ${wait} seconds.`, undefined, { 'retry-after': String(wait) });
  if (input.website) return { outcome: 'spam', input };
  const { person, created } = captureLead(db, input, decodeAttribution(cookies.get(ATTRIBUTION_COOKIE)?.value));
  rememberVisitor(db, cookies, url, person.id);
  convertReferral(db, cookies, person.id, 'lead');
  return { outcome: created ? 'created' : 'updated', person, input };
}
