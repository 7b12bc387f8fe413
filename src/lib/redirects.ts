/** Only same-site paths: "/me/" yes, "//evil.example" or "https://…" no. */
export function safeNextPath(next: string | null | undefined, fallback = '/me/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
