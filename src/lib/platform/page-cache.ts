// Tells the server's short cache of public pages (scripts/serve/page-cache.mjs,
// installed on globalThis by scripts/serve.mjs) that what anonymous visitors
// see has changed — a salon saved, published or cancelled, a seat taken or
// freed — so the next visitor gets a fresh render instead of a copy up to a
// few seconds old. Call it after the change is committed. Without the server
// (tests, CLI, dev) it does nothing.
const HOOK = Symbol.for('flywheel.publicPagesChanged');

export function publicPagesChanged(): void {
  const hook = (globalThis as Record<symbol, unknown>)[HOOK];
  if (typeof hook === 'function') hook();
}
