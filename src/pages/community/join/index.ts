// The community page's "Join" button (a plain form). Signed in: join, then the
// welcome in the cohort's Q&A. Signed out: sign in first, and the join happens
// the moment the code is accepted (see src/web/intents.ts).
import type { APIRoute } from 'astro';
import { getDb } from '../../../lib/platform/db';
import { retryWhileBusy } from '../../../lib/platform/http';
import { completeIntent, signInFor } from '../../../web/intents';
import { pathInLocale } from '../../../i18n/locales';

export const POST: APIRoute = async ({ locals, redirect, cookies }) => {
  // Joined from a Chinese page (/zh/community/join/), the person stays on Chinese pages.
  const href = (path: string): string => pathInLocale(path, locals.locale);
  if (!locals.person) return redirect(href(signInFor('join')), 303);
  const person = locals.person;
  return redirect(href(await retryWhileBusy(() => completeIntent(getDb(), 'join', person.id, cookies, locals.locale))), 303);
};
