// POST /api/admin/webhooks/<id>/test: sends a signed webhook.test ping now and answers what the receiver said.
import type { APIRoute } from 'astro';
import { requireAccess } from '../../../../../lib/auth/access';
import { getDb } from '../../../../../lib/platform/db';
import { handle, json, jsonError } from '../../../../../lib/platform/http';
import { testWebhook } from '../../../../../lib/webhooks/webhooks';

export const POST: APIRoute = ({ params, locals }) =>
  handle(async () => {
    requireAccess('admin', locals.person);
    const id = /^\d{1,9}$/.test(params.id ?? '') ? Number(params.id) : null;
    const outcome = id ? await testWebhook(getDb(), id) : null;
    return outcome ? json(outcome) : jsonError('not_found', 'There is no such webhook.');
  });
