import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { getDb } from '../../../lib/platform/db';
import { handle, json, jsonError, parseWith, readBody } from '../../../lib/platform/http';
import { SESSION_COOKIE, sessionCookieOptions } from '../../../lib/auth/sessions';
import { completeSignIn, verifyMessages } from '../../../lib/auth/sign-in';
import { codeField, emailField } from '../../../lib/platform/validation';
import { applyReferralOutcome, referralClickFrom } from '../../../web/referral-cookie';
import { apiLocale } from '../../../web/locale';

const schema = z.object({ email: emailField, code: codeField });

export const POST: APIRoute = ({ request, clientAddress, cookies, url, locals }) =>
  handle(async () => {
    const input = parseWith(schema, await readBody(request));
    const result = await completeSignIn(getDb(), { ...input, ip: clientAddress, referralClickId: await referralClickFrom(getDb(), cookies), locale: apiLocale(locals, request) });
    if (!result.ok) {
      if (result.reason === 'rate_limited') return jsonError('rate_limited', `Too many tries. Try again in ${result.retryAfter} seconds.`, undefined, { 'retry-after': String(result.retryAfter) });
      return jsonError('invalid', verifyMessages[result.reason], { code: verifyMessages[result.reason] });
    }
    cookies.set(SESSION_COOKIE, result.token, sessionCookieOptions(url, result.expiresAt));
    applyReferralOutcome(cookies, result.referral);
    return json({ ok: true, email: result.person.email, role: result.person.role });
  });
