// POST /api/community/join — signed in (the middleware refuses anonymous callers).
import type { APIRoute } from 'astro';
import { joinCohort } from '../../../lib/cohorts';
import { getDb } from '../../../lib/db';
import { handle, json, jsonError } from '../../../lib/http';
import { convertReferral } from '../../../lib/referrals';

export const POST: APIRoute = ({ locals, cookies }) =>
  handle(() => {
    // The middleware guards the path; the handler checks again before it changes anything.
    if (!locals.person) return jsonError('unauthorized', 'Sign in to join the community.');
    const { seat, joined } = joinCohort(getDb(), locals.person.id);
    if (joined) convertReferral(getDb(), cookies, locals.person.id, 'join');
    return json(seat);
  });
