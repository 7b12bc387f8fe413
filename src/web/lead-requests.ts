// What the lead endpoint and the /request/ page share: validate, check the
// interest exists, rate-limit, honeypot, capture, remember the visitor.
import { pathInLocale } from '../i18n/locales';
import type { AstroCookies } from 'astro';
import { downloadUrl, mailedDownloadLink, queueResourceMail, type MailedResource } from '../lib/resources/downloads';
import { ATTRIBUTION_COOKIE, decodeAttribution } from '../lib/leads/attribution';
import { contentSlugExists, getResource } from '../lib/content/collections';
import type { Db } from '../lib/platform/db';
import { HttpError, parseWith } from '../lib/platform/http';
import { captureLead, leadCaptureSchema, type LeadCapture } from '../lib/leads/capture';
import type { Person } from '../lib/leads/people';
import type { Locale } from '../i18n/locales';
import { hitLimit } from '../lib/platform/rate-limit';
import { rememberVisitor } from './visitors';
import { applyReferralOutcome, referralClickFrom } from './referral-cookie';

export type LeadRequestResult = { outcome: 'created' | 'updated'; person: Person; input: LeadCapture } | { outcome: 'spam'; input: LeadCapture };

/** `locale`: the language of the page (or API call) the form came through; the person's mail goes out in it. */
export async function submitLead(db: Db, body: unknown, ip: string, cookies: AstroCookies, url: URL, locale: Locale | undefined): Promise<LeadRequestResult> {
  const input = parseWith(leadCaptureSchema, body);
  const [kind, slug] = (input.interest ?? '').split(':');
  if ((kind === 'resource' || kind === 'package') && !(await contentSlugExists(kind === 'resource' ? 'resources' : 'packages', slug ?? ''))) {
    throw new HttpError('invalid', 'Some fields need another look.', { interest: `There is no ${kind} called "${slug}".` });
  }
  const wait = (await hitLimit(db, 'formPerIp', ip)) ?? (await hitLimit(db, 'formPerEmail', input.email));
  if (wait) throw new HttpError('rate_limited', `Too many submissions. Try again in ${wait} seconds.`, undefined, { 'retry-after': String(wait) });
  if (input.website) return { outcome: 'spam', input };
  // A resource's download link is mailed too, queued with the capture itself.
  const resource = kind === 'resource' ? await mailedResource(slug ?? '', locale) : null;
  const now = new Date();
  const link = resource ? await mailedDownloadLink(db, resource.slug, now, locale) : null;
  const facts = { input, attribution: decodeAttribution(cookies.get(ATTRIBUTION_COOKIE)?.value), referralClickId: await referralClickFrom(db, cookies), locale };
  const { person, created, referral } = await captureLead(db, facts, now, resource && link ? (tx, p) => queueResourceMail(tx, p, resource, link, now) : undefined);
  await rememberVisitor(db, cookies, url, person.id);
  applyReferralOutcome(cookies, referral);
  return { outcome: created ? 'created' : 'updated', person, input };
}

/** The resource in the language its mail goes out in (English when it has no translation). */
async function mailedResource(slug: string, locale: Locale | undefined): Promise<MailedResource | null> {
  const entry = await getResource(slug, locale ?? 'en');
  return entry ? { slug: entry.id, title: entry.data.title, description: entry.data.description, format: entry.data.format } : null;
}

export interface ThankYou {
  heading: string;
  text: string;
  link?: { href: string; label: string };
}

/** What a person sees after a lead form: the next step for what they asked. */
export async function thankYouFor(db: Db, result: LeadRequestResult, locale: Locale): Promise<ThankYou> {
  const [kind, slug] = (result.input.interest ?? 'demo').split(':');
  if (kind === 'resource' && slug) {
    // The document in the visitor's language: /zh/resources/<slug>/download serves the Chinese one.
    const title = (await mailedResource(slug, locale))?.title ?? 'the file';
    const href = result.outcome === 'spam' ? '/' : pathInLocale(await downloadUrl(db, slug), locale);
    return { heading: 'Your download is ready', text: 'Thank you. The link below works for 24 hours, and we have emailed you a copy of it that works for 7 days.', link: { href, label: `Download ${title}` } };
  }
  if (kind === 'newsletter') {
    return { heading: 'You are on the list', text: 'One email a month with new case studies and salon invitations. Every email has an unsubscribe link.' };
  }
  return {
    heading: 'Thank you — we will be in touch',
    text: 'A member of our team will email you within one working day to find a time. Meanwhile, the case studies show what teams like yours did.',
    link: { href: '/case-studies/', label: 'Read the case studies' },
  };
}

const INTEREST = /^(demo|newsletter|contact|(resource|package):[a-z0-9-]{1,80})$/;

/** The interest a lead form may carry; anything else falls back to a demo request. */
export function knownInterest(value: string | null | undefined): string {
  return value && INTEREST.test(value) ? value : 'demo';
}
