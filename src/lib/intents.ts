// What a person set out to do before the detour through sign-in ("Join"), done
// for them the moment they are signed in, so nobody has to press Join twice.
import type { AstroCookies } from 'astro';
import { joinCohort } from './cohorts';
import type { Db } from './db';
import { convertReferral } from './referrals';

export const INTENTS = ['join'] as const;
export type Intent = (typeof INTENTS)[number];

export function parseIntent(value: string | null | undefined): Intent | null {
  return INTENTS.find((i) => i === value) ?? null;
}

/** Carries out the intent for the person who just signed in; returns where they should land. */
export function completeIntent(db: Db, intent: Intent, personId: number, cookies: AstroCookies): string {
  switch (intent) {
    case 'join': {
      if (!joinCohort(db, personId).joined) return '/community/q/';
      convertReferral(db, cookies, personId, 'join');
      return '/community/q/?welcome=1';
    }
  }
}

/** The sign-in URL that remembers an intent. */
export function signInFor(intent: Intent): string {
  return `/login/?intent=${intent}`;
}
