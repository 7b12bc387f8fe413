import type { APIRoute } from 'astro';
import { getDb } from '../../lib/platform/db';
import { handle, json, readBody } from '../../lib/platform/http';
import { submitLead } from '../../web/lead-requests';
import { apiLocale } from '../../web/locale';

export const POST: APIRoute = ({ request, clientAddress, cookies, url, locals }) =>
  handle(async () => {
    const result = await submitLead(getDb(), await readBody(request), clientAddress, cookies, url, apiLocale(locals, request));
    // A filled honeypot looks like success and stores nothing.
    if (result.outcome === 'spam') return json({ ok: true, leadId: 0 }, 201);
    return json({ ok: true, leadId: result.person.id }, result.outcome === 'created' ? 201 : 200);
  });
