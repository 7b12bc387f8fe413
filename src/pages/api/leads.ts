import type { APIRoute } from 'astro';
import { getDb } from '../../lib/platform/db';
import { handle, json, readBody } from '../../lib/platform/http';
import { submitLead } from '../../web/lead-requests';

export const POST: APIRoute = ({ request, clientAddress, cookies, url }) =>
  handle(async () => {
    const result = await submitLead(getDb(), await readBody(request), clientAddress, cookies, url);
    // A filled honeypot looks like success and stores nothing.
    if (result.outcome === 'spam') return json({ ok: true, leadId: 0 }, 201);
    return json({ ok: true, leadId: result.person.id }, result.outcome === 'created' ? 201 : 200);
  });
