import { describe, expect, it } from 'vitest';
import { z } from 'astro/zod';
import { HttpError, MAX_BODY_BYTES, handle, parseWith, readBody } from '../../src/lib/platform/http';

const post = (body: BodyInit, type = 'application/json', headers: Record<string, string> = {}) =>
  new Request('http://x/api', { method: 'POST', body, headers: { 'content-type': type, ...headers } });

async function errorOf(fn: () => Promise<unknown> | unknown): Promise<HttpError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof HttpError) return e;
    throw e;
  }
  throw new Error('expected an HttpError');
}

describe('readBody', () => {
  it('parses JSON objects and HTML forms alike', async () => {
    expect(await readBody(post('{"email":"a@b.co"}'))).toEqual({ email: 'a@b.co' });
    expect(await readBody(post('email=a%40b.co&name=Li', 'application/x-www-form-urlencoded'))).toEqual({ email: 'a@b.co', name: 'Li' });
  });

  it('refuses bodies over 64 KB even when Content-Length is absent', async () => {
    const big = 'x'.repeat(MAX_BODY_BYTES + 1);
    const stream = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(JSON.stringify({ big }))); c.close(); } });
    const req = new Request('http://x/api', { method: 'POST', body: stream, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit);
    expect((await errorOf(() => readBody(req))).code).toBe('too_large');
    expect((await errorOf(() => readBody(post(big, 'application/json', { 'content-length': String(big.length) })))).code).toBe('too_large');
  });

  it('answers invalid for broken JSON and non-objects, 415 for other types', async () => {
    expect((await errorOf(() => readBody(post('{"a":')))).code).toBe('invalid');
    expect((await errorOf(() => readBody(post('[1,2]')))).code).toBe('invalid');
    expect((await errorOf(() => readBody(post('hello', 'text/plain')))).code).toBe('unsupported_media_type');
  });
});

describe('parseWith and handle', () => {
  const schema = z.object({ email: z.email({ error: 'Enter an email address.' }), consent: z.boolean() });

  it('reports one message per field as a 400 JSON error', async () => {
    const res = await handle(() => {
      parseWith(schema, { email: 'nope', consent: 'yes' });
      return new Response('unreachable');
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('invalid');
    expect(body.error.fields.email).toBe('Enter an email address.');
    expect(body.error.fields.consent).toBeTruthy();
  });
});
