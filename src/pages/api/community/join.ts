// POST /api/community/join — signed in (the middleware refuses anonymous callers).
import type { APIRoute } from 'astro';
import { joinCohort } from '../../../lib/community/cohorts';
import { getDb } from '../../../lib/platform/db';
import { handle, json, jsonError } from '../../../lib/platform/http';
import { applyReferralOutcome, referralClickFrom } from '../../../web/referral-cookie';
import { apiLocale } from '../../../web/locale';

export const POST: APIRoute = ({ locals, cookies, request }) =>
  handle(async () => {
    // The middleware guards the path; the handler checks again before it changes anything.
    if (!locals.person) return jsonError('unauthorized', 'Sign in to join the community.');
    const db = getDb();
    const { seat, referral } = await joinCohort(db, locals.person.id, await referralClickFrom(db, cookies), new Date(), apiLocale(locals, request));
    applyReferralOutcome(cookies, referral);
    return json(seat);
  });
