// First- and last-touch attribution, kept in one first-party cookie so a form
// filled days later still knows where the visitor came from. Pure functions:
// the middleware reads and writes the cookie, forms read it.
import { z } from 'astro/zod';

export const ATTRIBUTION_COOKIE = 'fw_attr';
export const ATTRIBUTION_MAX_AGE = 60 * 60 * 24 * 90; // 90 days

const field = z.string().max(120).optional();
const touchSchema = z.object({
  source: field,
  medium: field,
  campaign: field,
  referrer: field,
  /** A member's referral code (/r/<code> or ?ref=). */
  ref: field,
  /** A partner's code (?partner=). */
  partner: field,
  landing: z.string().max(300).optional(),
  at: z.number().int(),
});
const attributionSchema = z.object({ first: touchSchema, last: touchSchema });

export type Touch = z.infer<typeof touchSchema>;
export type Attribution = z.infer<typeof attributionSchema>;

const SEARCH_ENGINES = /(^|\.)(google|bing|baidu|duckduckgo|yandex|sogou|so\.com|yahoo|ecosia)\./;
const CODE = /^[A-Za-z0-9_-]{2,40}$/;

function clean(value: string | null): string | undefined {
  const v = value?.trim().toLowerCase().slice(0, 120);
  return v ? v : undefined;
}

/**
 * What a request tells us about where the visitor came from, or null when it
 * carries nothing new (internal navigation must not overwrite the last touch).
 */
export function touchFromRequest(url: URL, referrer: string | null, now: number = Date.now()): Touch | null {
  const q = url.searchParams;
  const touch: Touch = { at: now, landing: url.pathname.slice(0, 300) };
  const source = clean(q.get('utm_source'));
  if (source) touch.source = source;
  const medium = clean(q.get('utm_medium'));
  if (medium) touch.medium = medium;
  const campaign = clean(q.get('utm_campaign'));
  if (campaign) touch.campaign = campaign;
  const ref = q.get('ref');
  if (ref && CODE.test(ref)) touch.ref = ref;
  const partner = q.get('partner');
  if (partner && CODE.test(partner)) touch.partner = partner.toUpperCase();

  if (referrer) {
    try {
      const from = new URL(referrer);
      if (from.host !== url.host && /^https?:$/.test(from.protocol)) {
        // Keep the host only: the full referring URL can carry someone else's data.
        touch.referrer = from.hostname.slice(0, 120);
        if (!touch.source) {
          touch.source = from.hostname.replace(/^www\./, '');
          touch.medium = SEARCH_ENGINES.test(from.hostname) ? 'organic' : 'referral';
        }
      }
    } catch {
      // An unparsable Referer is simply ignored.
    }
  }
  const informative = touch.source || touch.ref || touch.partner;
  return informative ? touch : null;
}

/** The first touch is kept forever; the last touch is replaced by every informative one. */
export function mergeAttribution(previous: Attribution | null, touch: Touch | null): Attribution | null {
  if (!touch) return previous;
  if (!previous) return { first: touch, last: touch };
  // A referral or partner code, once seen, stays with the visitor until replaced by another.
  const last: Touch = { ...touch };
  if (!last.ref && previous.last.ref) last.ref = previous.last.ref;
  if (!last.partner && previous.last.partner) last.partner = previous.last.partner;
  return { first: previous.first, last };
}

export function encodeAttribution(attribution: Attribution): string {
  return Buffer.from(JSON.stringify(attribution), 'utf8').toString('base64url');
}

/** A tampered or outdated cookie decodes to null rather than to an error. */
export function decodeAttribution(cookie: string | undefined): Attribution | null {
  if (!cookie || cookie.length > 3000) return null;
  try {
    const parsed = attributionSchema.safeParse(JSON.parse(Buffer.from(cookie, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
