// A short in-process cache of on-demand public pages (home, /events/, a salon
// page…) for anonymous visitors. A request may be answered from it only when
// it is a GET or HEAD without the session cookie, without a query string and
// without an external Referer (the attribution middleware must see UTM visits
// and referrers). A render fills it only when the page marked itself shareable
// (Cache-Control public with s-maxage, see src/web/public-cache.ts), answered
// 200 and set no cookie. One request re-renders an expired page while the
// others get the stale copy; `invalidate()` (called when salons or seats
// change, src/lib/platform/page-cache.ts) drops every copy at once.

/** src/lib/auth/sessions.ts SESSION_COOKIE (test/unit/serve.test.ts keeps the two equal). */
export const SESSION_COOKIE = 'fw_session';

/** Paths that are never pages: APIs, server islands, Astro's own routes. */
const NEVER = /^\/(api|_server-islands|_astro|_image|_actions)\//;

export function createPageCache({ seconds, sessionCookie = SESSION_COOKIE, maxEntries = 500 }) {
  const ttlMs = Math.max(0, seconds) * 1000;
  const session = new RegExp(`(?:^|;)\\s*${sessionCookie}=`);
  /** path → { answer, expires } */
  const entries = new Map();
  /** path → the promise of the render that is filling it */
  const filling = new Map();
  /** Bumped by invalidate(): a render that began before a change never stores its copy. */
  let generation = 0;

  function keyOf(req) {
    if (ttlMs === 0 || (req.method !== 'GET' && req.method !== 'HEAD')) return null;
    const url = req.url;
    if (url.includes('?') || NEVER.test(url) || req.headers.authorization) return null;
    const { cookie, referer } = req.headers;
    if (cookie && session.test(cookie)) return null;
    if (referer && !fromSameHost(referer, req.headers.host)) return null;
    return url;
  }

  return {
    /**
     * Answers `req` from the cache through `send(answer)`, or calls
     * `render(ticket)`: the ticket (null when this render may not fill the
     * cache) is told the answer to keep, and is released when the response ends.
     */
    handle(req, send, render, res) {
      const key = keyOf(req);
      if (key === null) return render(null);
      const entry = entries.get(key);
      // Fresh, or expired while one request re-renders it: the copy is served.
      if (entry && (entry.expires > Date.now() || filling.has(key))) return send(entry.answer);
      const inFlight = filling.get(key);
      if (inFlight) {
        // The first visitors of a page wait for its one render instead of rendering it too.
        void inFlight.then(() => {
          const filled = entries.get(key);
          if (filled) send(filled.answer);
          else render(null);
        });
        return;
      }
      // A HEAD has no body to keep.
      if (req.method !== 'GET') return render(null);
      let release;
      const promise = new Promise((resolve) => (release = resolve));
      filling.set(key, promise);
      const began = generation;
      let kept = false;
      const ticket = {
        keep(answer) {
          if (generation !== began) return;
          kept = true;
          entries.delete(key);
          if (entries.size >= maxEntries) entries.delete(entries.keys().next().value);
          entries.set(key, { answer, expires: Date.now() + ttlMs });
        },
        release() {
          if (filling.get(key) !== promise) return;
          filling.delete(key);
          // A page that stopped being shareable (gone, private, an error) leaves no stale copy behind.
          if (!kept) entries.delete(key);
          release();
        },
      };
      res.once('close', ticket.release);
      render(ticket);
    },
    /** What anonymous visitors see changed: no copy is served again. */
    invalidate() {
      generation++;
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}

/** Whether a Referer is this site itself (a click inside the site), not another one. */
function fromSameHost(referer, host) {
  if (!host) return false;
  const start = referer.indexOf('//');
  if (start === -1) return false;
  const end = referer.indexOf('/', start + 2);
  return referer.slice(start + 2, end === -1 ? undefined : end).toLowerCase() === host.toLowerCase();
}

/** Whether a rendered response may be kept and served to every anonymous visitor. */
export function shareable(res) {
  if (res.statusCode !== 200 || res.hasHeader('set-cookie') || res.hasHeader('content-encoding')) return false;
  const cacheControl = String(res.getHeader('cache-control') ?? '');
  return /\bpublic\b/.test(cacheControl) && /\bs-maxage=\d+/.test(cacheControl) && !/\b(private|no-store|no-cache)\b/.test(cacheControl);
}
