// GET /api/admin/salons/<slug>; PATCH: change any fields, and `status` (published, closed, cancelled). Admin only.
import type { APIRoute } from 'astro';
import { requireAccess } from '../../../../lib/auth/access';
import { getDb } from '../../../../lib/platform/db';
import { handle, json, jsonError, readBody } from '../../../../lib/platform/http';
import { patchSalon, salonForAdmin } from '../../../../lib/salons/salon-editor';
import { salonJson } from '../../../../lib/salons/salon-json';

export const GET: APIRoute = ({ params, locals }) =>
  handle(async () => {
    requireAccess('admin', locals.person);
    const salon = await salonForAdmin(getDb(), params.slug ?? '');
    return salon ? json(salonJson(salon)) : jsonError('not_found', 'There is no such salon.');
  });

export const PATCH: APIRoute = ({ params, request, locals }) =>
  handle(async () => {
    const admin = requireAccess('admin', locals.person);
    return json(salonJson(await patchSalon(getDb(), params.slug ?? '', await readBody(request), admin.id)));
  });
