// PATCH /api/sales/leads/<id>: status, owner, note, deal ({ outcome, value, package? }).
import type { APIRoute } from 'astro';
import { getDb } from '../../../../lib/platform/db';
import { handle, json, jsonError, parseWith, readBody } from '../../../../lib/platform/http';
import { leadUpdateSchema, updateLead } from '../../../../lib/sales/lead-queries';

export const PATCH: APIRoute = ({ params, request, locals }) =>
  handle(async () => {
    const id = Number(params.id);
    if (!Number.isSafeInteger(id) || id <= 0) return jsonError('not_found', 'There is no such lead.');
    const update = parseWith(leadUpdateSchema, await readBody(request));
    const lead = await updateLead(getDb(), id, update, locals.person!.id);
    return lead ? json({ ok: true, lead }) : jsonError('not_found', 'There is no such lead.');
  });
