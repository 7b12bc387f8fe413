// GET /api/admin/partners/<id>: the partner, its numbers and ledger. PATCH: change name, code, kind, share or contact.
import type { APIRoute } from 'astro';
import { requireAccess } from '../../../../lib/auth/access';
import { getDb } from '../../../../lib/platform/db';
import { handle, json, jsonError, parseWith, readBody } from '../../../../lib/platform/http';
import { partnerPage, partnerPatchSchema, updatePartner } from '../../../../lib/operations/partners';

const idOf = (raw: string | undefined): number | null => (/^\d{1,9}$/.test(raw ?? '') ? Number(raw) : null);

export const GET: APIRoute = ({ params, locals }) =>
  handle(async () => {
    requireAccess('admin', locals.person);
    const id = idOf(params.id);
    const page = id ? await partnerPage(getDb(), id) : null;
    if (!page) return jsonError('not_found', 'There is no such partner.');
    return json({ ...page.partner, ...page.stats, commissions: page.totals, ledger: page.ledger });
  });

export const PATCH: APIRoute = ({ params, request, locals }) =>
  handle(async () => {
    const admin = requireAccess('admin', locals.person);
    const id = idOf(params.id);
    const patch = parseWith(partnerPatchSchema, await readBody(request));
    const partner = id ? await updatePartner(getDb(), id, patch, admin.id) : null;
    return partner ? json(partner) : jsonError('not_found', 'There is no such partner.');
  });
