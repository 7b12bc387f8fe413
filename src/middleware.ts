// Every on-demand request passes here: background jobs are started, the
// session (cookie) or API token is validated into Astro.locals, role rules are
// enforced, and first/last-touch attribution is recorded.
// (Prerendered pages are static files; they report attribution through /api/touch.)
import { defineMiddleware, sequence } from 'astro:middleware';
import { localeOfPath, pathInLocale } from './i18n/locales';
import { localizeJsonError } from './i18n/json-errors';
import { accessFor, checkAccess, normalizePath } from './lib/auth/access';
import { validateApiToken } from './lib/auth/api-tokens';
import {
  ATTRIBUTION_COOKIE,
  ATTRIBUTION_MAX_AGE,
  decodeAttribution,
  encodeAttribution,
  mergeAttribution,
  touchFromRequest,
} from './lib/leads/attribution';
import { databaseReady, getDb } from './lib/platform/db';
import { importBundledSalons } from './lib/salons/bundled-salons';
import { isDatabaseUnavailable, jsonError, RETRY_AFTER_SECONDS, unavailableError } from './lib/platform/http';
import { ensureBackgroundJobs } from './lib/platform/background-jobs';
import { SESSION_COOKIE, sessionCookieOptions, validateSessionToken } from './lib/auth/sessions';

/**
 * The language comes from the URL: /zh/… is Chinese. A Chinese URL with a
 * page of its own (a prerendered Chinese article) renders that page; any
 * other is served by the English route with the locale set, so one page file
 * speaks both languages and every middleware below sees the English path.
 */
const localize = defineMiddleware(async (context, next) => {
  // A page rewritten elsewhere (a refused /zh/sales/ shows /forbidden/) keeps the language it was asked in.
  context.locals.locale = localeOfPath(context.originPathname) === 'zh' ? 'zh' : localeOfPath(context.url.pathname);
  if (localeOfPath(context.url.pathname) === 'en' || (localeOfPath(context.routePattern) === 'zh' && context.routePattern !== CHINESE_FALLBACK_ROUTE)) return next();
  // Prerendered English pages have prerendered Chinese twins under src/pages/zh/, so this only reaches on-demand routes and the 404.
  return next(pathInLocale(context.url.pathname, 'en') + context.url.search);
});
const CHINESE_FALLBACK_ROUTE = '/zh/[...path]';

/** JSON errors speak the caller's language: Accept-Language, or the page's when it asked from /zh/. */
const localizeApiErrors = defineMiddleware(async (context, next) => {
  const response = await next();
  if (!context.url.pathname.startsWith('/api/')) return response;
  return localizeJsonError(response, context.request.headers.get('accept-language'), context.locals.locale);
});

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The origin check (Astro's own is off, see astro.config.mjs, because it answers
 * in plain text): a state-changing request that a browser could send from
 * another site — any body but JSON, which needs a CORS preflight — must carry
 * this site's Origin. APIs answer in their JSON error shape, pages with 403.
 */
const sameOrigin = defineMiddleware(async (context, next) => {
  if (!UNSAFE_METHODS.has(context.request.method)) return next();
  const type = context.request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json' || context.request.headers.get('origin') === context.url.origin) return next();
  // One-click unsubscribe comes from mail providers' servers; the signed link is its own authority.
  if (normalizePath(context.url.pathname).replace(/\/$/, '') === '/unsubscribe') return next();
  if (context.url.pathname.startsWith('/api/')) return jsonError('forbidden', 'Cross-site form posts are refused. Send JSON, or post the form from this site.');
  return new Response('Cross-site form posts are refused. Go back to the page and send the form again.', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
});

/** A database that cannot answer (locked too long, disk full, read-only) gives 503 with Retry-After, never an empty 500. */
const unavailable = defineMiddleware(async (context, next) => {
  try {
    return await next();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    console.error('[db] unavailable:', (error as Error).message);
    if (context.url.pathname.startsWith('/api/')) return unavailableError().toResponse();
    return new Response(UNAVAILABLE_PAGE, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8', 'retry-after': String(RETRY_AFTER_SECONDS), 'cache-control': 'no-store' } });
  }
});

const UNAVAILABLE_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Back in a moment · Flywheel</title>
<body style="font:1.05rem/1.6 system-ui,sans-serif;color:#14171f;background:#fbfaf7;margin:0;display:grid;place-items:center;min-height:100vh"><main style="max-width:32rem;padding:1.5rem"><h1 style="font-family:Georgia,serif">Back in a moment</h1><p>Flywheel cannot save or load this page right now. Nothing you sent was half-saved. Please try again in a few seconds.</p><p><a href="/" style="color:#b93c0b">Go to the home page</a></p></main></body></html>`;

const identify = defineMiddleware(async (context, next) => {
  context.locals.person = null;
  context.locals.session = null;
  // Prerendered pages have no request to read at build time. At run time only
  // the 404 fallback arrives here as "prerendered": identify the caller when it
  // sits in a protected area, so /sales/<anything> is refused, not "not found".
  if (context.isPrerendered && accessFor(context.url.pathname) === 'public') return next();
  // Migrates once per process before the first query; after that an already settled promise.
  await databaseReady();
  await importBundledSalons(getDb());
  ensureBackgroundJobs();
  const isApi = context.url.pathname.startsWith('/api/');
  const authorization = context.request.headers.get('authorization');
  if (isApi && authorization) {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    const person = token ? await validateApiToken(getDb(), token) : null;
    if (!person) return jsonError('unauthorized', 'The API token is missing, malformed or revoked.');
    // API tokens exist for pulling leads: they open the sales API and nothing else.
    if (!/^\/api\/sales(\/|$)/.test(normalizePath(context.url.pathname))) {
      return jsonError('forbidden', 'API tokens work only on /api/sales/. Sign in for everything else.');
    }
    context.locals.person = person;
    return next();
  }
  const token = context.cookies.get(SESSION_COOKIE)?.value;
  if (token) {
    const result = await validateSessionToken(getDb(), token);
    if (result) {
      context.locals.person = result.person;
      context.locals.session = result.session;
      if (result.renewed) context.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(context.url, result.session.expiresAt));
    } else {
      context.cookies.delete(SESSION_COOKIE, { path: '/' });
    }
  }
  return next();
});

const authorize = defineMiddleware(async (context, next) => {
  const access = accessFor(context.url.pathname);
  if (access === 'public') return next();
  const verdict = checkAccess(access, context.locals.person);
  if (verdict === 'ok') return next();
  const isApi = context.url.pathname.startsWith('/api/');
  if (isApi) {
    return verdict === 'unauthorized'
      ? jsonError('unauthorized', 'Sign in, or send an API token as "Authorization: Bearer <token>".')
      : jsonError('forbidden', 'Your account may not use this endpoint.');
  }
  if (verdict === 'unauthorized') {
    const back = encodeURIComponent(pathInLocale(context.url.pathname, context.locals.locale) + context.url.search);
    return context.redirect(`${pathInLocale('/login/', context.locals.locale)}?next=${back}`, 302);
  }
  const page = await context.rewrite('/forbidden/');
  return new Response(page.body, { status: 403, headers: page.headers });
});

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
        secure: sessionCookieOptions(context.url).secure,
      });
    }
  }
  return next();
});

export const onRequest = sequence(localize, localizeApiErrors, unavailable, sameOrigin, identify, authorize, attribution);
