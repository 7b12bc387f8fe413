// GET /api/admin/webhooks: every webhook with its delivery counts (never a secret).
// POST /api/admin/webhooks: { url, events, kind?, description?, secret? (DingTalk 加签) } → 201 { id, secret } — the secret is shown this once.
import type { APIRoute } from 'astro';
import { requireAccess } from '../../../../lib/auth/access';
import { getDb } from '../../../../lib/platform/db';
import { handle, json, parseWith, readBody } from '../../../../lib/platform/http';
import { createWebhook, listWebhooks, webhookSchema } from '../../../../lib/webhooks/webhooks';

export const GET: APIRoute = ({ locals }) =>
  handle(async () => {
    requireAccess('admin', locals.person);
    return json({ webhooks: await listWebhooks(getDb()) });
  });

export const POST: APIRoute = ({ request, locals }) =>
  handle(async () => {
    const admin = requireAccess('admin', locals.person);
    const input = parseWith(webhookSchema, await readBody(request));
    const { id, secret } = await createWebhook(getDb(), input, admin.id);
    return json({ id, secret }, 201);
  });
