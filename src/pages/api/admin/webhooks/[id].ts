// PATCH /api/admin/webhooks/<id>: { active?, events?, description? }. DELETE: the webhook and its deliveries.
import type { APIRoute } from 'astro';
import { requireAccess } from '../../../../lib/auth/access';
import { getDb } from '../../../../lib/platform/db';
import { handle, json, jsonError, parseWith, readBody } from '../../../../lib/platform/http';
import { deleteWebhook, updateWebhook, webhookPatchSchema } from '../../../../lib/webhooks/webhooks';

const idOf = (raw: string | undefined): number | null => (/^\d{1,9}$/.test(raw ?? '') ? Number(raw) : null);

export const PATCH: APIRoute = ({ params, request, locals }) =>
  handle(async () => {
    const admin = requireAccess('admin', locals.person);
    const id = idOf(params.id);
    const patch = parseWith(webhookPatchSchema, await readBody(request));
    const webhook = id ? await updateWebhook(getDb(), id, patch, admin.id) : null;
    return webhook ? json(webhook) : jsonError('not_found', 'There is no such webhook.');
  });

export const DELETE: APIRoute = ({ params, locals }) =>
  handle(async () => {
    const admin = requireAccess('admin', locals.person);
    const id = idOf(params.id);
    return id && (await deleteWebhook(getDb(), id, admin.id)) ? json({ ok: true }) : jsonError('not_found', 'There is no such webhook.');
  });
