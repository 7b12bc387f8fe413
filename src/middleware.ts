// Runs on every on-demand request: records first- and last-touch attribution
// in a first-party cookie. (Prerendered pages report through /api/touch.)
import { defineMiddleware, sequence } from 'astro:middleware';
import {
  ATTRIBUTION_COOKIE,
  ATTRIBUTION_MAX_AGE,
  decodeAttribution,
  encodeAttribution,
  mergeAttribution,
  touchFromRequest,
} from './lib/attribution';

const attribution = defineMiddleware(async (context, next) => {
  if (context.isPrerendered || context.request.method !== 'GET') return next();
  const referer = context.request.headers.get('referer');
  let landing = context.url;
  let externalReferrer: string | null = referer;
  if (context.url.pathname === '/api/touch') {
    // The beacon's Referer is the page that embedded it; that page's own referrer is unknown.
    try {
      landing = new URL(referer ?? '');
    } catch {
      return next();
    }
    if (landing.host !== context.url.host) return next();
    externalReferrer = null;
  }
  const touch = touchFromRequest(landing, externalReferrer);
  if (touch) {
    const merged = mergeAttribution(decodeAttribution(context.cookies.get(ATTRIBUTION_COOKIE)?.value), touch);
    if (merged) {
      context.cookies.set(ATTRIBUTION_COOKIE, encodeAttribution(merged), {
        path: '/',
        maxAge: ATTRIBUTION_MAX_AGE,
        httpOnly: true,
        sameSite: 'lax',
        secure: import.meta.env.PROD && context.url.protocol === 'https:',
      });
    }
  }
  return next();
});

export const onRequest = sequence(attribution);
