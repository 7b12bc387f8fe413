import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { getDb } from '../../../lib/platform/db';
import { handle, json, parseWith, readBody } from '../../../lib/platform/http';
import { SESSION_COOKIE, invalidateAllSessions, invalidateSession } from '../../../lib/auth/sessions';
import { pathInLocale } from '../../../i18n/locales';

const schema = z.object({ everywhere: z.union([z.boolean(), z.enum(['true', 'false', 'on'])]).optional() });

export const POST: APIRoute = ({ request, locals, cookies }) =>
  handle(async () => {
    const input = parseWith(schema, await readBody(request));
    const everywhere = input.everywhere === true || input.everywhere === 'true' || input.everywhere === 'on';
    let ended = 0;
    if (locals.session) {
      if (everywhere) ended = await invalidateAllSessions(getDb(), locals.session.personId);
      else {
        await invalidateSession(getDb(), locals.session.id);
        ended = 1;
      }
    }
    cookies.delete(SESSION_COOKIE, { path: '/' });
    // An HTML form (no JavaScript) goes back to the home page, in the language of the page it was sent from.
    if (request.headers.get('content-type')?.startsWith('application/x-www-form-urlencoded')) {
      return new Response(null, { status: 303, headers: { location: pathInLocale('/?signed-out=1', locals.locale) } });
    }
    return json({ ok: true, sessionsEnded: ended });
  });
