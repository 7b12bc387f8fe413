import type { APIRoute } from 'astro';
import { ATTRIBUTION_COOKIE, decodeAttribution } from '../../lib/attribution';
import { getDb } from '../../lib/db';
import { handle, json, jsonError, parseWith, readBody } from '../../lib/http';
import { captureLead, leadCaptureSchema } from '../../lib/lead-capture';
import { contentSlugExists } from '../../lib/content';
import { hitLimit } from '../../lib/rate-limit';
import { rememberVisitor } from '../../lib/visitors';

export const POST: APIRoute = ({ request, clientAddress, cookies, url }) =>
  handle(async () => {
    const input = parseWith(leadCaptureSchema, await readBody(request));
    const [kind, slug] = (input.interest ?? '').split(':');
    if ((kind === 'resource' || kind === 'package') && !(await contentSlugExists(kind === 'resource' ? 'resources' : 'packages', slug ?? ''))) {
      return jsonError('invalid', 'Some fields need another look.', { interest: `There is no ${kind} called "${slug}".` });
    }
    const db = getDb();
    const wait = (await hitLimit(db, 'formPerIp', clientAddress)) ?? (await hitLimit(db, 'formPerEmail', input.email));
    if (wait) return jsonError('rate_limited', `Too many submissions. Try again in ${wait} seconds.`, undefined, { 'retry-after': String(wait) });
    if (input.website) return json({ ok: true, leadId: 0 }, 201); // honeypot: look successful, store nothing
    const { person, created } = captureLead(db, input, decodeAttribution(cookies.get(ATTRIBUTION_COOKIE)?.value));
    rememberVisitor(db, cookies, url, person.id);
    return json({ ok: true, leadId: person.id }, created ? 201 : 200);
  });
