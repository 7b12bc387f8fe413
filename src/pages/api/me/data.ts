// GET /api/me/data — everything Flywheel holds about the signed-in person, as a JSON file.
import type { APIRoute } from 'astro';
import { requireAccess } from '../../../lib/auth/access';
import { getDb } from '../../../lib/platform/db';
import { handle, jsonError } from '../../../lib/platform/http';
import { exportPersonalData, personalDataResponse } from '../../../lib/privacy/personal-data';

export const GET: APIRoute = ({ locals }) =>
  handle(async () => {
    const me = requireAccess('signed-in', locals.person);
    const data = await exportPersonalData(getDb(), me.id, null);
    return data ? personalDataResponse(data) : jsonError('not_found', 'There is no data for this account.');
  });
