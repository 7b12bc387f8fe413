// What a person set out to do before the detour through sign-in ("Join"), done
// for them the moment they are signed in, so nobody has to press Join twice.
import type { AstroCookies } from 'astro';
import { joinCohort } from '../lib/community/cohorts';
import type { Db } from '../lib/platform/db';
import type { Locale } from '../i18n/locales';
import { isDatabaseUnavailable, retryWhileBusy } from '../lib/platform/http';
import { applyReferralOutcome, referralClickFrom } from './referral-cookie';

export const INTENTS = ['join'] as const;
export type Intent = (typeof INTENTS)[number];

export function parseIntent(value: string | null | undefined): Intent | null {
  return INTENTS.find((i) => i === value) ?? null;
}

/**
 * Carries out the intent for the person who just signed in; returns where they should land.
 * `locale`, the language of the page the button was on, becomes the language of their mail (absent: unchanged).
 */
export async function completeIntent(db: Db, intent: Intent, personId: number, cookies: AstroCookies, locale?: Locale): Promise<string> {
  switch (intent) {
    case 'join': {
      const result = await joinCohort(db, personId, await referralClickFrom(db, cookies), new Date(), locale);
      applyReferralOutcome(cookies, result.referral);
      return result.joined ? '/community/q/?welcome=1' : '/community/q/';
    }
  }
}

/** Where to go when the intent cannot be carried out right now: the page its button is on. */
const fallbacks: Record<Intent, string> = { join: '/community/' };

/**
 * After sign-in: carry the intent out, waiting out a busy database; if it still
 * cannot be done, the person is signed in anyway and lands where they can try again.
 */
export async function completeIntentAfterSignIn(db: Db, intent: Intent, personId: number, cookies: AstroCookies): Promise<string> {
  try {
    return await retryWhileBusy(() => completeIntent(db, intent, personId, cookies));
  } catch (error) {
    if (isDatabaseUnavailable(error)) return fallbacks[intent];
    throw error;
  }
}

/** The sign-in URL that remembers an intent. */
export function signInFor(intent: Intent): string {
  return `/login/?intent=${intent}`;
}
