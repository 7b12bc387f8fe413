// GET /api/sales/leads/<id>/activities?limit=&cursor=: the lead's activities, newest first, with a keyset cursor.
import type { APIRoute } from 'astro';
import { requireAccess } from '../../../../../lib/auth/access';
import { getDb } from '../../../../../lib/platform/db';
import { handle, json, jsonError, parseWith } from '../../../../../lib/platform/http';
import { activityPageSchema, leadActivities } from '../../../../../lib/sales/lead-activities';

export const GET: APIRoute = ({ params, url, locals }) =>
  handle(async () => {
    requireAccess('staff', locals.person);
    const id = /^\d{1,12}$/.test(params.id ?? '') ? Number(params.id) : null;
    const query = parseWith(activityPageSchema, Object.fromEntries(url.searchParams));
    const page = id ? await leadActivities(getDb(), id, query, locals.locale) : null;
    return page ? json(page) : jsonError('not_found', 'There is no such lead.');
  });
