// GET /api/admin/partners: every partner with its leads, MQLs, won deals and commission owed.
// POST /api/admin/partners: { name, code, share, contact?, kind? } → 201 the partner; a taken code → 409.
import type { APIRoute } from 'astro';
import { requireAccess } from '../../../../lib/auth/access';
import { getDb } from '../../../../lib/platform/db';
import { handle, json, parseWith, readBody } from '../../../../lib/platform/http';
import { createPartner, listPartners, partnerSchema } from '../../../../lib/operations/partners';

export const GET: APIRoute = ({ locals }) =>
  handle(async () => {
    requireAccess('admin', locals.person);
    return json({ partners: await listPartners(getDb()) });
  });

export const POST: APIRoute = ({ request, locals }) =>
  handle(async () => {
    const admin = requireAccess('admin', locals.person);
    const input = parseWith(partnerSchema, await readBody(request));
    return json(await createPartner(getDb(), input, admin.id), 201);
  });
