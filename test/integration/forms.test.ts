// The HTML forms and the lead API as people and other tools use them: optional
// fields left blank, company sizes written every which way, a wrong value
// first, hostile bodies. Real server, real database, over HTTP.
import { parse } from 'node-html-parser';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people } from '../../db/tables';
import { createSession } from '../../src/lib/auth/sessions';
import { setRole } from '../../src/lib/leads/people';
import { postJson } from '../support/http';
import { fixtureSalon } from '../support/salons';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let adminCookie = '';
const salon = fixtureSalon('open');

beforeAll(async () => {
  server = await startServer({ prepare: async (db) => void (adminCookie = `fw_session=${(await createSession(db, (await setRole(db, 'ops@flywheel.example', 'admin')).id)).token}`) });
});
afterAll(async () => server?.stop());

const postForm = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(server.url + path, { method: 'POST', body: new URLSearchParams(fields), headers: { origin: server.url, ...headers }, redirect: 'manual' });

const personRow = async (email: string) => (await server.db.select().from(people).where(eq(people.email, email)))[0];

describe('company size as people write it', () => {
  it.each([
    ['', null, null],
    ['350', '201-1000', '350'],
    ['200-999', '201-1000', '200-999'],
    ['1000+', '1001-5000', '1000+'],
    ['500 employees', '201-1000', '500 employees'],
    ['100-499人', '201-1000', '100-499人'],
    ['51-200', '51-200', '51-200'],
  ])('the API takes %j as band %s and keeps the raw answer', async (raw, band, kept) => {
    const email = `size-${Buffer.from(raw).toString('hex') || 'empty'}@example.com`;
    const res = await postJson(`${server.url}/api/leads`, { email, companySize: raw, interest: 'newsletter' });
    expect(res.status).toBe(201);
    expect(await personRow(email)).toMatchObject({ companySize: band, companySizeRaw: kept });
  });

  it('takes a number as well as a string, and refuses nonsense with the field named', async () => {
    expect((await postJson(`${server.url}/api/leads`, { email: 'num@example.com', companySize: 42 })).status).toBe(201);
    expect((await personRow('num@example.com'))?.companySize).toBe('11-50');
    const bad = await postJson(`${server.url}/api/leads`, { email: 'bad@example.com', companySize: 'enormous' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.companySize).toMatch(/number of employees/);
  });
});

describe('the lead form page', () => {
  it('accepts a demo request with every optional field left blank', async () => {
    const res = await postForm('/request/', { interest: 'demo', email: 'blank.fields@example.com', name: '', company: '', jobTitle: '', companySize: '', website: '' });
    expect(res.status).toBe(200);
    const html = parse(await res.text());
    expect(html.querySelector('h1')?.text).toMatch(/in touch/);
    expect(await personRow('blank.fields@example.com')).toMatchObject({ name: null, companySize: null });
  });

  it('shows a wrong email beside the field and in a summary that links to it, keeping what was typed', async () => {
    const res = await postForm('/request/', { interest: 'demo', email: 'ada@', name: 'Ada Lovelace', companySize: '' });
    expect(res.status).toBe(400);
    const html = parse(await res.text());
    const summary = html.querySelector('#error-summary');
    expect(summary?.getAttribute('role')).toBe('alert');
    const link = summary?.querySelector('a');
    expect(link?.text).toMatch(/Work email: Enter a valid email address/);
    const input = html.querySelector(link!.getAttribute('href')!)!;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(html.querySelector(`#${input.getAttribute('aria-describedby')}`)?.text).toMatch(/valid email/);
    expect(html.querySelector('input[name=name]')?.getAttribute('value')).toBe('Ada Lovelace');
  });

  it('refuses control characters in one-line fields', async () => {
    const res = await postJson(`${server.url}/api/leads`, { email: 'crlf@example.com', name: 'Ada\r\nBcc: victim@example.com' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.name).toMatch(/control characters/);
    expect(await personRow('crlf@example.com')).toBeUndefined();
  });

  it('prefills the form for a visitor who has filled one before', async () => {
    const first = await postForm('/request/', { interest: 'newsletter', email: 'returning@example.com', name: 'Rita Return', consent: 'true' });
    const cookie = first.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const again = parse(await (await fetch(`${server.url}/request/?interest=demo`, { headers: { cookie } })).text());
    expect(again.querySelector('input[name=email]')?.getAttribute('value')).toBe('returning@example.com');
    expect(again.querySelector('input[name=name]')?.getAttribute('value')).toBe('Rita Return');
    const stranger = parse(await (await fetch(`${server.url}/request/?interest=demo`)).text());
    expect(stranger.querySelector('input[name=email]')?.getAttribute('value') ?? '').toBe('');
  });
});

describe('the registration form page', () => {
  it('registers with optional fields blank and goes to the ticket', async () => {
    const res = await postForm(`/events/${salon.id}/register/`, { email: 'phone.person@example.com', name: '', company: '', jobTitle: '', companySize: '', phone: '' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(new RegExp(`^/events/${salon.id}/ticket/[A-Z2-7-]+/$`));
  });

  it('answers a repeat registration without revealing the ticket', async () => {
    const res = await postForm(`/events/${salon.id}/register/`, { email: 'phone.person@example.com', name: 'Someone Else' });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/already registered/);
    expect(text).not.toMatch(/ticket\/[A-Z2-7]{4}-/);
  });
});

describe('hostile bodies never reach a 500', () => {
  const deep = '['.repeat(30_000) + ']'.repeat(30_000);
  const pages = ['/request/', `/events/${salon.id}/register/`, '/admin/gifts/', '/admin/outbox/', '/admin/coupons/'];
  it.each(pages)('%s refuses a deep JSON array, plain text and an oversize form with a 4xx page', async (path) => {
    const headers = { origin: server.url, cookie: adminCookie };
    const json = await fetch(server.url + path, { method: 'POST', body: deep, headers: { ...headers, 'content-type': 'application/json' } });
    // Astro's origin check refuses some content types before the page: either way a 4xx, never a 5xx.
    expect(json.status).toBeGreaterThanOrEqual(400);
    expect(json.status).toBeLessThan(500);
    const text = await fetch(server.url + path, { method: 'POST', body: 'hello', headers: { ...headers, 'content-type': 'text/plain' } });
    expect(text.status).toBeGreaterThanOrEqual(400);
    expect(text.status).toBeLessThan(500);
    const big = await postForm(path, { email: 'x@example.com', name: 'x'.repeat(70_000) }, { cookie: adminCookie });
    expect(big.status).toBe(413);
  });

  it('answers 429 with Retry-After on the form page once the limit is reached', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 12; i++) last = await postForm('/request/', { interest: 'newsletter', email: 'limited@example.com' });
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(parse(await last!.text()).querySelector('#error-summary')?.text).toMatch(/Too many/);
  });
});
