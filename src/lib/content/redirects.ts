// Where a redirect after sign-in (or any `next` parameter) may go: a path on
// this site, resolved the way a browser would resolve it, and nothing else.
const BASE = 'http://flywheel.invalid';

/** Whitespace and controls that browsers strip or fold before resolving a URL (tab, CR/LF, NUL, U+3000 …). */
const UNSAFE = /[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\\]/;

/** Only same-site paths: "/me/" yes; "//evil.example", "/\t/evil.example", "https://…" no. */
export function safeNextPath(next: string | null | undefined, fallback = '/me/'): string {
  if (!next || next.length > 2000 || !next.startsWith('/') || UNSAFE.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = url.pathname + url.search + url.hash;
  // A path that a browser would read as protocol-relative after normalisation.
  return path.startsWith('//') ? fallback : path;
}
