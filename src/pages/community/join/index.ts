// The community page's "Join" button (a plain form). Signed in: join, then the
// welcome in the cohort's Q&A. Signed out: sign in first, and the join happens
// the moment the code is accepted (see lib/intents.ts).
import type { APIRoute } from 'astro';
import { getDb } from '../../../lib/db';
import { retryWhileBusy } from '../../../lib/http';
import { completeIntent, signInFor } from '../../../lib/intents';

export const POST: APIRoute = async ({ locals, redirect, cookies }) => {
  if (!locals.person) return redirect(signInFor('join'), 303);
  const person = locals.person;
  return redirect(await retryWhileBusy(() => completeIntent(getDb(), 'join', person.id, cookies)), 303);
};
