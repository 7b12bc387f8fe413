// Walks every route file under src/pages and checks what an anonymous visitor,
// a member, a sales person and an admin get. New routes join the walk by
// existing, so a forgotten guard fails here.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setRole } from '../../src/lib/leads/people';
import { createSession } from '../../src/lib/auth/sessions';
import { createApiToken } from '../../src/lib/auth/api-tokens';
import { accessFor } from '../../src/lib/auth/access';
import { fixtureSalon } from '../support/salons';
import { startServer, type RunningServer } from '../support/server';

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? routeFiles(path) : /\.(astro|ts|mdx?)$/.test(name) ? [path] : [];
  });
}

/** src/pages/admin/events/[slug]/check-in.astro → /admin/events/sample/check-in */
function urlOf(file: string): string {
  const path = relative('src/pages', file)
    .replace(/\.(astro|ts|mdx?)$/, '')
    .replace(/(^|\/)index$/, '')
    .replace(/\[\.\.\.[^\]]+\]/g, 'sample')
    .replace(/\[[^\]]+\]/g, 'sample');
  return `/${path}`;
}

const routes = routeFiles('src/pages').map(urlOf);
const guarded = routes.filter((r) => accessFor(r) !== 'public');

let server: RunningServer;
const cookies: Record<string, string> = {};
let memberToken = '';
let salesToken = '';

beforeAll(async () => {
  server = await startServer({
    prepare: async (db) => {
      for (const [email, role] of [['member@example.com', 'member'], ['door@example.com', 'door'], ['sales@example.com', 'sales'], ['admin@example.com', 'admin']] as const) {
        const person = await setRole(db, email, role);
        cookies[role] = `fw_session=${(await createSession(db, person.id)).token}`;
        if (role === 'member') memberToken = (await createApiToken(db, person.id)).token;
        if (role === 'sales') salesToken = (await createApiToken(db, person.id)).token;
      }
    },
  });
});
afterAll(async () => server?.stop());

async function hit(path: string, method: string, headers: Record<string, string> = {}, body = '{}'): Promise<Response> {
  const init: RequestInit = { method, headers: { ...headers }, redirect: 'manual' };
  if (method !== 'GET') {
    init.headers = { ...headers, 'content-type': 'application/json', origin: server.url };
    init.body = body;
  }
  return fetch(server.url + path, init);
}

describe('route walk', () => {
  it('finds the protected areas of the contract', () => {
    expect(guarded).toEqual(expect.arrayContaining(['/admin', '/admin/outbox', '/me', '/api/me']));
    for (const prefix of ['/sales', '/admin', '/api/sales']) expect(accessFor(`${prefix}/anything`)).not.toBe('public');
  });

  const probes = (): string[] => [...guarded, '/sales', '/sales/leads/1', '/api/sales/leads', '/api/sales/leads/1', '/api/admin/anything', '/admin//outbox', '/%61dmin/'];

  it('never answers 200 for odd spellings of protected paths', async () => {
    for (const path of ['/Admin/', '/ADMIN/outbox/', '/Sales/', '/api/Sales/leads', '/admin/../admin/', '/%2fadmin/']) {
      for (const cookie of [undefined, cookies.member]) {
        const res = await hit(path, 'GET', cookie ? { cookie } : {});
        expect(res.status, `${path} ${cookie ? 'member' : 'anonymous'}`).not.toBe(200);
      }
    }
  });

  it('lets no anonymous visitor see a protected route', async () => {
    for (const path of probes()) {
      for (const method of ['GET', 'POST', 'PATCH']) {
        const res = await hit(path, method);
        const location = res.headers.get('location') ?? '';
        const ok = res.status === 401 || (res.status === 302 && location.startsWith('/login/')) || res.status === 403;
        expect(ok, `${method} ${path} → ${res.status} ${location}`).toBe(true);
        if (path.includes('/api/')) expect(res.status, `${method} ${path}`).toBe(401);
      }
    }
  });

  it('lets no member into door, sales or admin routes, by cookie or by token', async () => {
    for (const path of probes().filter((p) => ['door', 'staff', 'admin'].includes(accessFor(p)))) {
      for (const method of ['GET', 'POST']) {
        const byCookie = await hit(path, method, { cookie: cookies.member! });
        expect(byCookie.status, `${method} ${path} as member`).toBe(403);
      }
      if (path.startsWith('/api/')) {
        expect((await hit(path, 'GET', { authorization: `Bearer ${memberToken}` })).status, path).toBe(403);
      }
    }
  });

  it('keeps sales people out of admin routes but lets them past the sales guard', async () => {
    for (const path of probes().filter((p) => accessFor(p) === 'admin')) {
      expect((await hit(path, 'GET', { cookie: cookies.sales! })).status, path).toBe(403);
    }
    // Past the guard: whatever the route answers, it is not 401 or 403.
    const r = await hit('/api/sales/leads', 'GET', { authorization: `Bearer ${salesToken}` });
    expect([401, 403]).not.toContain(r.status);
  });

  it('lets an admin open every admin page', async () => {
    for (const path of guarded.filter((p) => accessFor(p) === 'admin' && !p.includes('sample') && !p.startsWith('/api/'))) {
      const res = await hit(path, 'GET', { cookie: cookies.admin! });
      // The salon list moved to /admin/salons/; the old address sends people there.
      if (path === '/admin/events') expect(res.headers.get('location'), path).toBe('/admin/salons/');
      else expect(res.status, path).toBe(200);
    }
  });

  it('lets door staff check guests in and nothing else', async () => {
    const salon = fixtureSalon('open');
    expect((await hit('/door/', 'GET', { cookie: cookies.door! })).status).toBe(200);
    expect((await hit(`/admin/events/${salon.id}/check-in/`, 'GET', { cookie: cookies.door! })).status).toBe(200);
    const checkIn = await hit(`/api/events/${salon.id}/check-in`, 'POST', { cookie: cookies.door!, 'content-type': 'application/json' }, JSON.stringify({ ticketCode: 'AAAA-BBBB-CCCC-DDDD' }));
    expect(checkIn.status).toBe(404); // past the guard: no such ticket
    for (const path of ['/admin/', '/admin/events/', `/admin/events/${salon.id}/`, '/admin/gifts/', '/admin/outbox/', '/admin/people/', '/sales/', '/api/sales/leads']) {
      expect((await hit(path, 'GET', { cookie: cookies.door! })).status, path).toBe(403);
    }
  });

  it('answers an invalid bearer token with 401 even on public APIs', async () => {
    expect((await hit('/api/me', 'GET', { authorization: 'Bearer fw_nonsense' })).status).toBe(401);
  });

  it('shows the designed 403 page to a member who opens /admin/', async () => {
    const res = await hit('/admin/', 'GET', { cookie: cookies.member! });
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/for Flywheel staff/);
  });
});
