// The referral link's cookies: which click a browser followed (signed), and a
// long-lived visitor id. Routes read them into plain facts for the use cases
// and apply what the use cases decide.
import type { AstroCookies } from 'astro';
import type { Db } from '../lib/platform/db';
import { referralClickOf, type ReferralClickOutcome, type ReferralOutcome } from '../lib/community/referrals';
import { sessionCookieOptions } from '../lib/auth/sessions';

export const REFERRAL_COOKIE = 'fw_ref';
export const VISITOR_ID_COOKIE = 'fw_vid';
const NINETY_DAYS = 60 * 60 * 24 * 90;

/** The referral click this browser carries, or null (no cookie, or a forged one). */
export function referralClickFrom(db: Db, cookies: AstroCookies): Promise<number | null> {
  return referralClickOf(db, cookies.get(REFERRAL_COOKIE)?.value);
}

/** Once a use case has spent the click (any outcome but 'none'), the cookie goes. */
export function applyReferralOutcome(cookies: AstroCookies, outcome: ReferralOutcome | undefined): void {
  if (outcome && outcome !== 'none') cookies.delete(REFERRAL_COOKIE, { path: '/' });
}

export function applyReferralClick(cookies: AstroCookies, url: URL, outcome: ReferralClickOutcome): void {
  if (cookies.get(VISITOR_ID_COOKIE)?.value !== outcome.visitorId) cookies.set(VISITOR_ID_COOKIE, outcome.visitorId, { ...sessionCookieOptions(url), maxAge: NINETY_DAYS * 4 });
  if (outcome.referralCookie) cookies.set(REFERRAL_COOKIE, outcome.referralCookie, { ...sessionCookieOptions(url), maxAge: NINETY_DAYS });
}
