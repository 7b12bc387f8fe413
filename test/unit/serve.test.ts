// The server's own pieces that need no server: content negotiation and the page cache's notion of a signed-in request.
import { describe, expect, it } from 'vitest';
import { negotiate } from '../../scripts/serve/answers.mjs';
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
