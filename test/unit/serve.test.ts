// The server's own pieces that need no server: content negotiation, the page cache's notion of a signed-in request,
// and which requests the adapter's standalone mode answered from disk.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { negotiate } from '../../scripts/serve/answers.mjs';
import { diskPathFor, listClientDir } from '../../scripts/serve/disk-files.mjs';
import { SESSION_COOKIE as SERVER_SESSION_COOKIE } from '../../scripts/serve/page-cache.mjs';
import { SESSION_COOKIE } from '../../src/lib/auth/sessions';

describe('Accept-Encoding', () => {
  it('prefers brotli, then gzip, and honours q=0 and *', () => {
    expect(negotiate('gzip, deflate, br, zstd')).toEqual(['br', 'gzip']);
    expect(negotiate('gzip')).toEqual(['gzip']);
    expect(negotiate('br;q=0, gzip;q=0.5')).toEqual(['gzip']);
    expect(negotiate('*')).toEqual(['br', 'gzip']);
    expect(negotiate('*, br;q=0')).toEqual(['gzip']);
    expect(negotiate('identity')).toEqual([]);
    expect(negotiate(undefined)).toEqual([]);
  });
});

describe('the page cache', () => {
  it('knows the session cookie by the name the application gives it', () => {
    expect(SERVER_SESSION_COOKIE).toBe(SESSION_COOKIE);
  });
});

describe('what the adapter sent from disk', () => {
  // A client folder as the build lays it out: a prerendered page, a folder without an index, a file, a dotfile.
  const dir = mkdtempSync(join(tmpdir(), 'flywheel-client-'));
  mkdirSync(join(dir, 'articles/one'), { recursive: true });
  mkdirSync(join(dir, 'share'));
  writeFileSync(join(dir, 'articles/one/index.html'), '<!DOCTYPE html>');
  writeFileSync(join(dir, 'big.png'), 'png');
  writeFileSync(join(dir, '.env'), 'secret');
  const listing = listClientDir(dir);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds on-demand pages and APIs nowhere on disk, so they go straight to Astro', () => {
    for (const url of ['/', '/api/health', '/events/', '/events/x/', '/login?next=/me/', '/share', '/share/', '/articles/two', '/big.png/', '/%E0%A4%A']) {
      expect(diskPathFor(listing, url), url).toBeUndefined();
    }
  });

  it("gives send the path the adapter gave it: a folder's index.html with or without its slash, a file however spelt", () => {
    expect(diskPathFor(listing, '/articles/one')).toBe('/articles/one/index.html');
    expect(diskPathFor(listing, '/articles/one?x=1')).toBe('/articles/one/index.html');
    expect(diskPathFor(listing, '/articles/one/')).toBe('/articles/one/');
    expect(diskPathFor(listing, '/big.png')).toBe('/big.png');
    expect(diskPathFor(listing, '//big.png')).toBe('/big.png');
    expect(diskPathFor(listing, '/x/../big.png')).toBe('/big.png');
    expect(diskPathFor(listing, '/api/../big.png')).toBe('/big.png');
    expect(diskPathFor(listing, '/api/x/../../articles/one')).toBe('/articles/one/index.html');
    expect(diskPathFor(listing, '/api/%2E%2E/big.png')).toBe('/api/%2E%2E/big.png'); // send decodes it to /big.png
    expect(diskPathFor(listing, '/big%2Epng')).toBe('/big%2Epng');
    // send redirects a folder named with an encoded slash to its slash, and refuses a dotfile (then Astro answers).
    expect(diskPathFor(listing, '/articles%2Fone')).toBe('/articles%2Fone');
    expect(diskPathFor(listing, '/.env')).toBe('/.env');
  });
});
