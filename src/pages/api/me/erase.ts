// POST /api/me/erase { "confirm": "erase" } — erase the signed-in person; the session ends with it.
import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { requireAccess } from '../../../lib/auth/access';
import { getDb } from '../../../lib/platform/db';
import { handle, json, jsonError, parseWith, readBody } from '../../../lib/platform/http';
import { erasePerson } from '../../../lib/privacy/personal-data';
import { SESSION_COOKIE } from '../../../lib/auth/sessions';

const schema = z.object({ confirm: z.literal('erase', { error: 'Send "confirm": "erase" to erase your data for good.' }) });

export const POST: APIRoute = ({ locals, request, cookies }) =>
  handle(async () => {
    const me = requireAccess('signed-in', locals.person);
    parseWith(schema, await readBody(request));
    if (!(await erasePerson(getDb(), me.id, null))) return jsonError('forbidden', 'Staff accounts are not erased from here: ask an administrator to change your role first.');
    cookies.delete(SESSION_COOKIE, { path: '/' });
    return json({ ok: true, erased: true });
  });
