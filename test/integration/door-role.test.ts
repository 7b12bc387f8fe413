// Acceptance: "A door account can check in and can open nothing else in
// /admin/ or /sales/." Every route file under src/pages/admin, src/pages/sales,
// src/pages/api/admin and src/pages/api/sales is requested as a door
// volunteer through the running server (new routes join by existing), with
// real parameters; only the check-in routes let them through, and there a
// real check-in succeeds and a repeat answers 409.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrCreatePerson, setRole } from '../../src/lib/leads/people';
import { createSession } from '../../src/lib/auth/sessions';
import { createApiToken } from '../../src/lib/auth/api-tokens';
import { fixtureSalon } from '../support/salons';
import { postJson } from '../support/http';
import { startServer, type RunningServer } from '../support/server';

const salon = fixtureSalon('open');
let server: RunningServer;
let door = '';
let doorToken = '';
let leadId = 0;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? routeFiles(path) : /\.(astro|ts|mdx?)$/.test(name) && !name.startsWith('_') ? [path] : [];
  });
}

/** src/pages/admin/events/[slug]/check-in.astro → /admin/events/<a real salon>/check-in/ */
function urlOf(file: string): string {
  const path = relative('src/pages', file)
    .replace(/\.(astro|ts|mdx?)$/, '')
    .replace(/(^|\/)index$/, '')
    .replace(/\[\.\.\.[^\]]+\]/g, 'anything/else')
    .replace(/\[slug\]/g, salon.id)
    .replace(/\[[^\]]+\]/g, () => String(leadId));
  return `/${path}${/\.[a-z]+$/.test(path) || path.startsWith('api/') ? '' : '/'}`;
}

const routes = (): string[] => ['src/pages/admin', 'src/pages/sales', 'src/pages/api/admin', 'src/pages/api/sales'].flatMap((d) => routeFiles(d)).map(urlOf);
const checkInPage = `/admin/events/${salon.id}/check-in/`;

beforeAll(async () => {
  server = await startServer({
    prepare: async (db) => {
      const volunteer = await setRole(db, 'volunteer@example.com', 'door');
      door = `fw_session=${(await createSession(db, volunteer.id)).token}`;
      doorToken = (await createApiToken(db, volunteer.id)).token;
      leadId = (await findOrCreatePerson(db, 'a.lead@example.com')).person.id;
    },
  });
});
afterAll(async () => server?.stop());

async function hit(path: string, method: string, body?: { form?: Record<string, string>; json?: unknown }, headers: Record<string, string> = { cookie: door }): Promise<Response> {
  const init: RequestInit = { method, headers: { ...headers, origin: server.url }, redirect: 'manual' };
  if (body?.form) {
    init.body = new URLSearchParams(body.form);
    (init.headers as Record<string, string>)['content-type'] = 'application/x-www-form-urlencoded';
  } else if (body?.json !== undefined || (method !== 'GET' && method !== 'HEAD')) {
    init.body = JSON.stringify(body?.json ?? {});
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  return fetch(server.url + path, init);
}

async function register(email: string, name: string, work: Record<string, string> = { company: 'Door Test Ltd', jobTitle: 'Engineer' }): Promise<string> {
  const res = await postJson(`${server.url}/api/events/${salon.id}/register`, { email, name, ...work });
  expect(res.status).toBe(201);
  return res.body.ticketCode as string;
}

describe('a door account', () => {
  it('finds the routes it must be refused, with real parameters', () => {
    const all = routes();
    expect(all).toEqual(expect.arrayContaining(['/admin/', '/admin/people/', '/admin/audit/', checkInPage, `/admin/events/${salon.id}/`, '/sales/', `/sales/leads/${leadId}/`, '/api/sales/leads']));
    expect(all.length).toBeGreaterThan(12);
  });

  it('is refused (403) on every other page and API under /admin/ and /sales/, whatever the method', async () => {
    for (const path of routes().filter((p) => p !== checkInPage)) {
      for (const method of ['GET', 'POST']) {
        const res = await hit(path, method, method === 'POST' && !path.startsWith('/api/') ? { form: { action: 'add', email: 'x@example.com', role: 'admin' } } : undefined);
        expect(res.status, `${method} ${path}`).toBe(403);
      }
      if (path.startsWith('/api/')) {
        for (const method of ['PATCH', 'PUT', 'DELETE']) expect((await hit(path, method)).status, `${method} ${path}`).toBe(403);
        expect((await hit(path, 'GET', undefined, { authorization: `Bearer ${doorToken}` })).status, `token ${path}`).toBe(403);
      }
    }
  });

  it('is refused on odd spellings of those paths too', async () => {
    const odd = ['/ADMIN/', '/Admin/People/', '/admin//audit/', '//admin/people/', '/%61dmin/people/', '/admin/%70eople/', '/admin/events/%2e%2e/people/', `/admin/events/${salon.id}/check-in/../../../people/`, `/admin/events/${salon.id}/check-in/%2e%2e/%2e%2e/%2e%2e/audit/`, `/admin/events/${salon.id}/check-in/x`, `/admin/events/${salon.id}/check-in.csv`, '/admin/events/no-such-salon/check-in/', '/SALES/', '/sales//leads/', '/api//sales/leads', '/api/SALES/leads', '/api/Admin/anything', '/%73ales/'];
    for (const path of odd) {
      const res = await hit(path, 'GET');
      expect([403, 404], `GET ${path} → ${res.status}`).toContain(res.status);
      expect(await res.text(), path).not.toMatch(/Staff accounts|Audit trail|Sales desk<\/h1>|aria-label="Operations"/);
    }
  });

  it('can check a guest in on the check-in page and through the API; a repeat answers 409', async () => {
    const page = await hit(checkInPage, 'GET');
    expect(page.status).toBe(200);
    const html = await page.text();
    // Nothing beyond check-in: no operations navigation, no link to the salon's admin page; the way back is /door/.
    expect(html).toContain('href="/door/"');
    expect(html).not.toMatch(/href="\/admin\/(?!events\/[^"/]+\/check-in\/)/);
    expect(html).not.toContain('href="/sales/');

    const byPage = await register('grace.door@example.com', 'Grace Door');
    const first = await hit(checkInPage, 'POST', { form: { ticketCode: byPage } });
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('Checked in: Grace Door');
    expect((await hit(checkInPage, 'POST', { form: { ticketCode: byPage } })).status).toBe(409);

    const byApi = await register('alan.door@example.com', 'Alan Door');
    const api = await hit(`/api/events/${salon.id}/check-in`, 'POST', { json: { ticketCode: byApi } });
    expect(api.status).toBe(200);
    expect((await api.json()).status).toBe('checked_in');
    expect((await hit(`/api/events/${salon.id}/check-in`, 'POST', { json: { ticketCode: byApi } })).status).toBe(409);
  });

  it('finds a guest by name without seeing emails in place of a job title, and opens /door/ in both languages', async () => {
    await register('nameless@example.com', 'Katherine Nameful', {}); // no job, no company: only the name to go by
    const html = await (await hit(`${checkInPage}?q=nameful`, 'GET')).text();
    expect(html).toContain('Katherine Nameful');
    expect(html).not.toContain('nameless@example.com');
    for (const path of ['/door/', '/zh/door/', `/zh${checkInPage}`]) expect((await hit(path, 'GET')).status, path).toBe(200);
    const zh = await hit('/zh/admin/people/', 'GET');
    expect(zh.status).toBe(403);
    expect(await zh.text()).toMatch(/[\u4e00-\u9fff]/);
  });
});
