// GET /api/admin/salons: every salon (drafts too); POST: create one (201 { slug, ... }). Admin only.
import type { APIRoute } from 'astro';
import { requireAccess } from '../../../../lib/auth/access';
import { getDb } from '../../../../lib/platform/db';
import { handle, json, readBody } from '../../../../lib/platform/http';
import { createSalon, listSalonsForAdmin } from '../../../../lib/salons/salon-editor';
import { salonJson } from '../../../../lib/salons/salon-json';

export const GET: APIRoute = ({ locals }) =>
  handle(async () => {
    requireAccess('admin', locals.person);
    return json({ salons: (await listSalonsForAdmin(getDb())).map(salonJson) });
  });

export const POST: APIRoute = ({ request, locals }) =>
  handle(async () => {
    const admin = requireAccess('admin', locals.person);
    return json(salonJson(await createSalon(getDb(), await readBody(request), admin.id)), 201);
  });
