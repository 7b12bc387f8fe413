// Content pages compressed and cacheable (scripts/serve.mjs and scripts/serve/):
// static files precompressed at build and answered from memory, public
// on-demand pages kept a few seconds for anonymous visitors only, ETags and
// 304s, and a cache that forgets a page the moment its seats change.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookie } from '../support/people';
import { postJson } from '../support/http';
import { fixtureSalon } from '../support/salons';
import { startServer, TEST_ENTRY, type RunningServer } from '../support/server';

const salon = fixtureSalon('open');
const PAGES = [
  '/articles/scoring-model-sales-trusts/',
  '/zh/articles/scoring-model-sales-trusts/',
  '/articles/peoplestack-mql-to-sql/',
  '/zh/articles/peoplestack-mql-to-sql/',
  `/events/${salon.id}/`,
  `/zh/events/${salon.id}/`,
  '/events/',
  '/zh/events/',
  '/',
  '/zh/',
];

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes on the wire, still compressed (node:http does not decode). */
  body: Buffer;
}

function raw(server: RunningServer, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((done, fail) => {
    const req = request(`${server.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

function decoded(res: Raw): string {
  const encoding = res.headers['content-encoding'];
  const bytes = encoding === 'br' ? brotliDecompressSync(res.body) : encoding === 'gzip' ? gunzipSync(res.body) : res.body;
  return bytes.toString('utf8');
}

const BR = { 'accept-encoding': 'br, gzip' };
const header = (res: Raw, name: string): string => String(res.headers[name] ?? '');
/** The big "N of 30 seats left" figure of a salon page. */
const seatsOnSalonPage = (html: string): number => Number(/>(\d+) <span[^>]*>of \d+ seats left/.exec(html)?.[1]);
/** "N seats left" on the salon's card in /events/. */
const seatsOnList = (html: string): number => {
  const card = html.slice(html.indexOf(`/events/${salon.id}/`));
  return Number(/(\d+) seats? left/.exec(card)?.[1]);
};

let server: RunningServer;
beforeAll(async () => {
  // A long page-cache life: only the in-process invalidation can make a change show at once.
  server = await startServer({ env: { RATE_LIMITS: 'off', MAIL_WORKER: 'off', PAGE_CACHE_SECONDS: '300' } });
});
afterAll(async () => {
  await server?.stop();
});

describe('content pages on the wire', () => {
  it('sends every content page in brotli, gzip or as it is, all three the same HTML, with their lengths', async () => {
    for (const path of PAGES) {
      const asked = [
        [{ 'accept-encoding': 'br, gzip' }, 'br'],
        [{ 'accept-encoding': 'gzip' }, 'gzip'],
        [{ 'accept-encoding': 'br;q=0, gzip;q=0' }, undefined],
        [{}, undefined],
      ] as const;
      const htmls: string[] = [];
      for (const [headers, encoding] of asked) {
        const res = await raw(server, path, headers);
        expect(res.status, path).toBe(200);
        expect(res.headers['content-encoding'], `${path} ${JSON.stringify(headers)}`).toBe(encoding);
        expect(header(res, 'vary'), path).toMatch(/accept-encoding/i);
        expect(Number(res.headers['content-length']), path).toBe(res.body.length);
        expect(header(res, 'content-type'), path).toMatch(/^text\/html/);
        htmls.push(decoded(res));
      }
      expect(htmls[0], path).toMatch(/^<!DOCTYPE html>/i);
      for (const html of htmls) expect(html, path).toBe(htmls[0]);
      // Compressed, not merely labelled so.
      const br = await raw(server, path, BR);
      expect(br.body.length, path).toBeLessThan(Buffer.byteLength(htmls[0]!) / 2);
    }
  });

  it('sends a prerendered page as the .br and .gz files the build wrote beside it', async () => {
    const file = resolve(TEST_ENTRY, '../../client/articles/peoplestack-mql-to-sql/index.html');
    expect((await raw(server, '/articles/peoplestack-mql-to-sql/', BR)).body.equals(readFileSync(`${file}.br`))).toBe(true);
    expect((await raw(server, '/articles/peoplestack-mql-to-sql/', { 'accept-encoding': 'gzip' })).body.equals(readFileSync(`${file}.gz`))).toBe(true);
    expect((await raw(server, '/articles/peoplestack-mql-to-sql/')).body.equals(readFileSync(file))).toBe(true);
  });

  it('answers a matching If-None-Match with 304 and no body, for static and cached pages alike', async () => {
    for (const path of ['/articles/peoplestack-mql-to-sql/', '/zh/events/', `/events/${salon.id}/`]) {
      const first = await raw(server, path, BR);
      const etag = header(first, 'etag');
      expect(etag, path).toMatch(/^"[^"]+"$/);
      const again = await raw(server, path, { ...BR, 'if-none-match': etag });
      expect(again.status, path).toBe(304);
      expect(again.body.length, path).toBe(0);
      expect(header(again, 'etag'), path).toBe(etag);
      expect(header(again, 'cache-control'), path).toBe(header(first, 'cache-control'));
      // Another encoding is another set of bytes, with its own tag.
      const gzip = await raw(server, path, { 'accept-encoding': 'gzip' });
      expect(header(gzip, 'etag'), path).not.toBe(etag);
      expect((await raw(server, path, { ...BR, 'if-none-match': '"something-else"' })).status, path).toBe(200);
    }
  });

  it('says how long browsers and shared caches may keep each kind of page', async () => {
    expect(header(await raw(server, '/articles/peoplestack-mql-to-sql/'), 'cache-control')).toBe('public, max-age=0, must-revalidate');
    expect(header(await raw(server, '/favicon.svg'), 'cache-control')).toBe('public, max-age=0, must-revalidate');
    for (const path of ['/', '/zh/', '/events/', `/zh/events/${salon.id}/`]) {
      expect(header(await raw(server, path), 'cache-control'), path).toBe('public, max-age=0, s-maxage=5, must-revalidate');
    }
    const staff = await sessionCookie(server.db, 'cache.admin@flywheel.example', 'admin');
    const admin = await raw(server, '/admin/salons/', { ...BR, cookie: staff });
    expect(admin.status).toBe(200);
    expect(header(admin, 'cache-control')).toBe('no-store');
    expect(admin.headers['content-encoding']).toBe('br');
    expect(admin.headers.etag).toBeUndefined();
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    for (const path of ['/articles/peoplestack-mql-to-sql/', '/events/', '/zh/']) {
      const get = await raw(server, path, BR);
      const head = await raw(server, path, BR, 'HEAD');
      expect(head.status, path).toBe(200);
      expect(head.body.length, path).toBe(0);
      expect(head.headers['content-length'], path).toBe(get.headers['content-length']);
      expect(head.headers.etag, path).toBe(get.headers.etag);
      expect(head.headers['content-encoding'], path).toBe('br');
    }
  });

  it("names a prerendered page's inline scripts by their hashes in its Content-Security-Policy", async () => {
    const res = await raw(server, '/articles/peoplestack-mql-to-sql/', BR);
    const html = decoded(res);
    const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)];
    expect(inline.length).toBeGreaterThan(0);
    const csp = header(res, 'content-security-policy');
    for (const m of inline) expect(csp).toContain(`'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
    expect(header(res, 'x-content-type-options')).toBe('nosniff');
  });
});

describe('the page cache and who it serves', () => {
  it('never serves a signed-in visitor the anonymous copy, and never keeps theirs for anyone else', async () => {
    const email = 'cache.member@harbourline.example';
    const cookie = await sessionCookie(server.db, email, 'member');
    for (const path of ['/events/', '/zh/', `/events/${salon.id}/`]) {
      const anonymous = await raw(server, path, BR);
      const signIn = path.startsWith('/zh/') ? '登录' : 'Sign in';
      expect(decoded(anonymous), path).toContain(`>${signIn}</a>`);
      expect(decoded(anonymous), path).not.toContain(email);
      // The same page again is the kept copy: same tag.
      expect(header(await raw(server, path, BR), 'etag'), path).toBe(header(anonymous, 'etag'));

      const mine = await raw(server, path, { ...BR, cookie });
      expect(decoded(mine), path).toContain(email);
      expect(header(mine, 'cache-control'), path).toBe('private, no-cache');
      expect(mine.headers['content-encoding'], path).toBe('br');
      expect(mine.headers.etag, path).toBeUndefined();

      const after = await raw(server, path, BR);
      expect(decoded(after), path).not.toContain(email);
      expect(header(after, 'etag'), path).toBe(header(anonymous, 'etag'));
    }
  });

  it('lets a UTM visit or a visit from another site through to the attribution cookie', async () => {
    await raw(server, '/', BR); // the anonymous copy is kept
    const utm = await raw(server, '/?utm_source=newsletter&utm_campaign=autumn', BR);
    expect(utm.status).toBe(200);
    expect(String(utm.headers['set-cookie'] ?? '')).toMatch(/fw_attr=/);
    const referred = await raw(server, '/events/', { ...BR, referer: 'https://news.example.com/post/1' });
    expect(String(referred.headers['set-cookie'] ?? '')).toMatch(/fw_attr=/);
    // A click inside the site is nobody's referral: the kept copy, no cookie.
    const inside = await raw(server, '/events/', { ...BR, referer: `${server.url}/articles/` });
    expect(inside.headers['set-cookie']).toBeUndefined();
  });

  it('shows a new registration in seats left at once, in both languages, though the copy could live for minutes', async () => {
    const before = {
      list: seatsOnList(decoded(await raw(server, '/events/', BR))),
      page: seatsOnSalonPage(decoded(await raw(server, `/events/${salon.id}/`, BR))),
    };
    await raw(server, '/zh/events/', BR);
    expect(before.list).toBe(salon.capacity);
    expect(before.page).toBe(salon.capacity);
    const registered = await postJson(`${server.url}/api/events/${salon.id}/register`, { email: 'cache.seat@example.com', name: 'Cache Seat' });
    expect(registered.status).toBeLessThan(300);
    expect(seatsOnList(decoded(await raw(server, '/events/', BR)))).toBe(salon.capacity - 1);
    expect(seatsOnSalonPage(decoded(await raw(server, `/events/${salon.id}/`, BR)))).toBe(salon.capacity - 1);
    const zh = decoded(await raw(server, '/zh/events/', BR));
    expect(zh).toContain(`/zh/events/${salon.id}/`);
    expect(zh).toContain(String(salon.capacity - 1));
  });
});

describe('hashed build assets', () => {
  let withAssets: RunningServer | undefined;
  let dir: string;
  afterAll(async () => {
    await withAssets?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are immutable for a year; public files are revalidated', async () => {
    // The test build inlines its styles and scripts, so a build with /_astro/ files is laid out here:
    // the same server entry, a client folder with one hashed script and its precompressed copy.
    dir = mkdtempSync(join(tmpdir(), 'flywheel-assets-'));
    mkdirSync(join(dir, 'server'));
    mkdirSync(join(dir, 'client/_astro'), { recursive: true });
    writeFileSync(join(dir, 'server/entry.mjs'), `export * from ${JSON.stringify(resolve(TEST_ENTRY))};\n`);
    const script = `console.log(${JSON.stringify('x'.repeat(2000))});\n`;
    writeFileSync(join(dir, 'client/_astro/page.Ab12Cd34.js'), script);
    const { precompressDir } = (await import('../../scripts/serve/precompress.mjs')) as { precompressDir: (dir: string) => number };
    expect(precompressDir(join(dir, 'client'))).toBe(1);
    withAssets = await startServer({ entry: join(dir, 'server/entry.mjs') });

    const asset = await raw(withAssets, '/_astro/page.Ab12Cd34.js', BR);
    expect(asset.status).toBe(200);
    expect(header(asset, 'cache-control')).toBe('public, max-age=31536000, immutable');
    expect(header(asset, 'content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['content-encoding']).toBe('br');
    expect(decoded(asset)).toBe(script);
    expect(header(asset, 'content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    // A name that is not a file goes on to Astro: the site's 404.
    expect((await raw(withAssets, '/_astro/missing.js')).status).toBe(404);
  });
});

describe('what the adapter answered before rendering, now that serve.mjs hands requests straight to Astro', () => {
  let smallMemory: RunningServer | undefined;
  afterAll(async () => {
    await smallMemory?.stop();
  });

  it('answers a URL decodeURI rejects with 400 "Bad request.", pages and APIs alike', async () => {
    for (const path of ['/%E0%A4%A', '/api/%E0%A4%A', '/events/%E0%A4%A']) {
      const res = await raw(server, path);
      expect(res.status, path).toBe(400);
      expect(res.body.toString('utf8'), path).toBe('Bad request.');
      expect(header(res, 'content-security-policy'), path).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });

  it("answers a prerendered folder's URL without its slash with its index.html", async () => {
    const path = '/articles/peoplestack-mql-to-sql';
    const file = readFileSync(resolve(TEST_ENTRY, `../../client${path}/index.html`));
    for (const headers of [{}, BR]) {
      const res = await raw(server, path, headers);
      expect(res.status).toBe(200);
      expect(header(res, 'content-type')).toBe('text/html; charset=utf-8');
      expect(decoded(res)).toBe(file.toString('utf8'));
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
      expect(header(res, 'content-security-policy')).toMatch(/script-src 'self' 'sha256-/);
      expect(header(res, 'cache-control')).toBe('public, max-age=0');
    }
    expect((await raw(server, '/zh/articles/peoplestack-mql-to-sql')).status).toBe(200);
  });

  it('streams a static file too large to keep in memory from disk, whole, with its type, length, HEAD and 304', async () => {
    smallMemory = await startServer({ env: { RATE_LIMITS: 'off', MAIL_WORKER: 'off', STATIC_MAX_FILE_BYTES: '1000' } });
    const bytes = readFileSync(resolve(TEST_ENTRY, '../../client/og.png'));
    expect(bytes.length).toBeGreaterThan(1000);
    const res = await raw(smallMemory, '/og.png', BR);
    expect(res.status).toBe(200);
    expect(header(res, 'content-type')).toBe('image/png');
    expect(Number(res.headers['content-length'])).toBe(bytes.length);
    expect(res.body.equals(bytes)).toBe(true);
    // Not the in-memory answer (its strong ETag and must-revalidate), so the file really came from disk.
    expect(header(res, 'etag')).toMatch(/^W\//);
    expect(header(res, 'content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    const head = await raw(smallMemory, '/og.png', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(Number(head.headers['content-length'])).toBe(bytes.length);
    const again = await raw(smallMemory, '/og.png', { 'if-none-match': header(res, 'etag') });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // A name that is no file still goes on to Astro: the site's 404.
    expect((await raw(smallMemory, '/og-missing.png')).status).toBe(404);
  });

  it('still renders on-demand pages and APIs', async () => {
    const health = await raw(server, '/api/health');
    expect(health.status).toBe(200);
    expect(header(health, 'content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(health.body.toString('utf8'))).toMatchObject({ ok: true });
    const page = await raw(server, '/login', BR);
    expect(page.status).toBe(200);
    expect(decoded(page)).toMatch(/^<!DOCTYPE html>/i);
    expect((await raw(server, '/no-such-page')).status).toBe(404);
  });
});
