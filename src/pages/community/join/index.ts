// The community page's "join" button (a plain form): join, then go to /me/.
import type { APIRoute } from 'astro';
import { joinCohort } from '../../../lib/cohorts';
import { getDb } from '../../../lib/db';
import { convertReferral } from '../../../lib/referrals';

export const POST: APIRoute = ({ locals, redirect, cookies }) => {
  if (!locals.person) return redirect('/login/?next=/community/', 303);
  if (joinCohort(getDb(), locals.person.id).joined) convertReferral(getDb(), cookies, locals.person.id, 'join');
  return redirect('/me/?joined=1', 303);
};
