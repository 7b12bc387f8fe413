// POST /api/community/join — signed in (the middleware refuses anonymous callers).
import type { APIRoute } from 'astro';
import { joinCohort } from '../../../lib/community/cohorts';
import { getDb } from '../../../lib/platform/db';
import { handle, json, jsonError } from '../../../lib/platform/http';
import { convertReferral } from '../../../lib/community/referrals';

export const POST: APIRoute = ({ locals, cookies }) =>
  handle(() => {
    // The middleware guards the path; the handler checks again before it changes anything.
    if (!locals.person) return jsonError('unauthorized', 'Sign in to join the community.');
    const { seat, joined } = joinCohort(getDb(), locals.person.id);
    if (joined) convertReferral(getDb(), cookies, locals.person.id, 'join');
    return json(seat);
  });
