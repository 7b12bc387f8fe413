// GET /admin/people/<id>/data.json — a person's data, downloaded by operations on their behalf (audited).
import type { APIRoute } from 'astro';
import { requireAccess } from '../../../../lib/auth/access';
import { getDb } from '../../../../lib/platform/db';
import { handle, jsonError } from '../../../../lib/platform/http';
import { exportPersonalData, personalDataResponse } from '../../../../lib/privacy/personal-data';
import { localizeJsonError } from '../../../../i18n/json-errors';

export const GET: APIRoute = async ({ params, locals, request }) =>
  // The data keeps its English field names (a data contract); a refusal is a sentence, in the caller's language.
  localizeJsonError(await handle(async () => {
    const staff = requireAccess('admin', locals.person);
    const id = Number(params.id);
    const data = Number.isSafeInteger(id) ? await exportPersonalData(getDb(), id, staff.id) : null;
    return data ? personalDataResponse(data) : jsonError('not_found', 'No such person, or they were erased.');
  }), request.headers.get('accept-language'), locals.locale);
