// GET /admin/people/<id>/data.json — a person's data, downloaded by operations on their behalf (audited).
import type { APIRoute } from 'astro';
import { requireAccess } from '../../../../lib/auth/access';
import { getDb } from '../../../../lib/platform/db';
import { handle, jsonError } from '../../../../lib/platform/http';
import { exportPersonalData, personalDataResponse } from '../../../../lib/privacy/personal-data';

export const GET: APIRoute = ({ params, locals }) =>
  handle(async () => {
    const staff = requireAccess('admin', locals.person);
    const id = Number(params.id);
    const data = Number.isSafeInteger(id) ? await exportPersonalData(getDb(), id, staff.id) : null;
    return data ? personalDataResponse(data) : jsonError('not_found', 'No such person, or they were erased.');
  });
