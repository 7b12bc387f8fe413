// The one way a page says "every anonymous visitor sees the same bytes here":
// CDNs and the server's own page cache (scripts/serve/page-cache.mjs) may then
// keep the page for a few seconds, while browsers revalidate it every time
// (cheaply, by ETag). A signed-in visitor's copy names them, so it is private.
import type { AstroGlobal } from 'astro';

/** Seconds a shared cache may keep the page: seats left and the next salons stay live within them. */
export const SHARED_SECONDS = 5;

export function shareWithAnonymousVisitors(astro: Pick<AstroGlobal, 'locals' | 'response'>): void {
  astro.response.headers.set('cache-control', astro.locals.person ? 'private, no-cache' : `public, max-age=0, s-maxage=${SHARED_SECONDS}, must-revalidate`);
}
