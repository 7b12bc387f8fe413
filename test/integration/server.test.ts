// The HTTP server around Astro (scripts/serve.mjs): headers on every response,
// static files included; TRUST_PROXY; a graceful stop on SIGTERM.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { postJson, requestFrom } from '../support/http';
import { startServer, type RunningServer } from '../support/server';
import { holdWriteLock } from '../support/db';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server?.stop());

const anArticle = readdirSync('content/articles').find((f) => f.endsWith('.mdx'))!.replace(/\.mdx$/, '');

describe('security headers', () => {
  it.each(['/', `/articles/${anArticle}/`, '/api/health', '/favicon.svg', '/login/'])('%s carries them', async (path) => {
    const res = await fetch(server.url + path, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('permissions-policy')).toMatch(/microphone=\(\)/);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(res.headers.get('strict-transport-security')).toBeNull(); // SITE_URL is http here
  });

  it('names every inline script of a page by its hash, so nothing else can run', async () => {
    // Uncompressed, so Content-Length can be checked against the page's own bytes.
    const res = await fetch(`${server.url}/events/test-open-roundtable/`, { headers: { 'accept-encoding': 'identity' } });
    const html = await res.text();
    const csp = res.headers.get('content-security-policy')!;
    const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)];
    expect(inline.length).toBeGreaterThan(0); // the server islands' loader
    const { createHash } = await import('node:crypto');
    for (const m of inline) expect(csp).toContain(`'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(html));
  });
});

describe('client addresses behind a proxy', () => {
  const codeRequests = async (url: string): Promise<number[]> => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await requestFrom('127.0.0.1', 'POST', `${url}/api/auth/code`, { headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i}, 10.0.0.1` }, body: JSON.stringify({ email: 'proxied@example.com' }) });
      statuses.push(res.status);
    }
    return statuses;
  };

  it('ignores X-Forwarded-For unless the peer is listed in TRUST_PROXY', async () => {
    // Untrusted: every request is the same client, so the sixth is limited.
    expect(await codeRequests(server.url)).toEqual([202, 202, 202, 202, 202, 429]);
    const behindProxy = await startServer({ env: { TRUST_PROXY: '127.0.0.1,10.0.0.1' } });
    try {
      // Trusted: six different people behind the proxy, none limited by the others.
      expect(await codeRequests(behindProxy.url)).toEqual([202, 202, 202, 202, 202, 202]);
    } finally {
      await behindProxy.stop();
    }
  });
});

describe('SIGTERM', () => {
  it('finishes the request in flight, takes no new ones, and exits cleanly', async () => {
    const s = await startServer({ env: { DB_BUSY_BUDGET_MS: '5000' } });
    // The write below waits for this lock.
    const release = await holdWriteLock(s.db, ['person:in.flight@example.com']);
    try {
      const inFlight = postJson(`${s.url}/api/leads`, { email: 'in.flight@example.com' });
      await new Promise((r) => setTimeout(r, 200));
      const exited = new Promise<number | null>((r) => s.child.once('exit', (code) => r(code)));
      s.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 200));
      await expect(fetch(`${s.url}/api/health`)).rejects.toThrow(); // no new connections
      await release();
      expect((await inFlight).status).toBe(201);
      expect(await exited).toBe(0);
    } finally {
      await release();
      await s.stop();
    }
  });
});
