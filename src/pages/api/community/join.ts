// POST /api/community/join — signed in (the middleware refuses anonymous callers).
import type { APIRoute } from 'astro';
import { joinCohort } from '../../../lib/cohorts';
import { getDb } from '../../../lib/db';
import { json } from '../../../lib/http';

export const POST: APIRoute = ({ locals }) => {
  const { seat } = joinCohort(getDb(), locals.person!.id);
  return json(seat);
};
