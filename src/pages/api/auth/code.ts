import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { getDb } from '../../../lib/platform/db';
import { handle, json, jsonError, parseWith, readBody } from '../../../lib/platform/http';
import { beginSignIn } from '../../../lib/auth/sign-in';
import { emailField, honeypotField } from '../../../lib/platform/validation';
import { apiLocale } from '../../../web/locale';

const schema = z.object({ email: emailField, website: honeypotField });

export const POST: APIRoute = ({ request, clientAddress, locals }) =>
  handle(async () => {
    const input = parseWith(schema, await readBody(request));
    const result = await beginSignIn(getDb(), { email: input.email, ip: clientAddress, honeypot: input.website, locale: apiLocale(locals, request) });
    if (!result.ok) return jsonError('rate_limited', `Too many codes requested. Try again in ${result.retryAfter} seconds.`, undefined, { 'retry-after': String(result.retryAfter) });
    return json({ ok: true, message: 'If the address can receive mail, a code is on its way.' }, 202);
  });
