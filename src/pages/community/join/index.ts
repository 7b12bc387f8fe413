// The community page's "join" button (a plain form): join, then go to /me/.
import type { APIRoute } from 'astro';
import { joinCohort } from '../../../lib/cohorts';
import { getDb } from '../../../lib/db';

export const POST: APIRoute = ({ locals, redirect }) => {
  if (!locals.person) return redirect('/login/?next=/community/', 303);
  joinCohort(getDb(), locals.person.id);
  return redirect('/me/?joined=1', 303);
};
