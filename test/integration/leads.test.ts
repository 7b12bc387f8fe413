// Lead capture and the sales API over HTTP: personas ranked by the public API,
// authorisation, cursor paging, CSV escaping, and sales updates.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { activities, mailOutbox, notes, people } from '../../db/tables';
import { fixtureSalon } from '../support/salons';
import { createApiToken } from '../../src/lib/auth/api-tokens';
import { setRole } from '../../src/lib/leads/people';
import { createSession } from '../../src/lib/auth/sessions';
import { writeTransaction } from '../../src/lib/platform/db';
import { postJson } from '../support/http';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let salesToken = '';
let memberToken = '';
let adminCookie = '';
let salesCookie = '';
let annaToken = '';
let adminToken = '';
beforeAll(async () => {
  server = await startServer({
    env: { RATE_LIMITS: 'off' },
    prepare: async (db) => {
      const kevin = await setRole(db, 'kevin@flywheel.example', 'sales');
      salesToken = (await createApiToken(db, kevin.id)).token;
      salesCookie = `fw_session=${(await createSession(db, kevin.id)).token}`;
      memberToken = (await createApiToken(db, (await setRole(db, 'member@example.com', 'member')).id)).token;
      const ops = await setRole(db, 'ops@flywheel.example', 'admin');
      adminCookie = `fw_session=${(await createSession(db, ops.id)).token}`;
      adminToken = (await createApiToken(db, ops.id)).token;
      annaToken = (await createApiToken(db, (await setRole(db, 'anna@flywheel.example', 'sales')).id)).token;
    },
  });
});
afterAll(async () => server?.stop());

const sales = (path: string, init: RequestInit = {}) => fetch(server.url + path, { ...init, headers: { authorization: `Bearer ${salesToken}`, ...(init.headers ?? {}) } });
const patch = (id: number, body: unknown, token = salesToken) => fetch(`${server.url}/api/sales/leads/${id}`, { method: 'PATCH', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('POST /api/leads', () => {
  it('answers 201 for a new lead and 200 for the same email, merged into one person', async () => {
    const a = await postJson(`${server.url}/api/leads`, { email: 'Merge@Acme-Industrial.com', name: 'Ann', interest: 'newsletter', consent: true });
    const b = await postJson(`${server.url}/api/leads`, { email: 'merge@acme-industrial.com', company: 'Acme Industrial', interest: 'demo' });
    expect([a.status, b.status]).toEqual([201, 200]);
    expect(b.body.leadId).toBe(a.body.leadId);
    const row = (await server.db.select().from(people).where(eq(people.id, a.body.leadId)))[0]!;
    expect(row).toMatchObject({ name: 'Ann', company: 'Acme Industrial' });
    expect(row.consentText).toMatch(/unsubscribe/);
    expect(row.consentAt).toBeInstanceOf(Date);
  });

  it.each([
    ['missing email', { interest: 'demo' }, 'email'],
    ['interest of an unknown kind', { email: 'a@b.co', interest: 'everything' }, 'interest'],
    ['a resource that does not exist', { email: 'a@b.co', interest: 'resource:nope' }, 'interest'],
    ['company as a number', { email: 'a@b.co', company: 7 }, 'company'],
    ['message too long', { email: 'a@b.co', message: 'x'.repeat(2001) }, 'message'],
  ])('rejects %s with 400 and writes nothing', async (_n, body, field) => {
    const before = (await server.db.select().from(people)).length;
    const r = await postJson(`${server.url}/api/leads`, body);
    expect(r.status).toBe(400);
    expect(r.body.error.fields[field]).toBeTruthy();
    expect(await server.db.select().from(people)).toHaveLength(before);
  });

  it('accepts a package interest from the pricing content', async () => {
    expect((await postJson(`${server.url}/api/leads`, { email: 'buyer@acme.com', interest: 'package:growth-flywheel' })).status).toBe(201);
  });
});

describe('personas through the public API', () => {
  it('ranks a CEO of a 1,000+ company who asked for a demo and attended a salon above a student on webmail', async () => {
    const ceo = { email: 'wei.chen@suzhoulumen.cn', name: 'Chen Wei', jobTitle: '总经理', company: 'Suzhou Lumen Sensors', companySize: '1001-5000', industry: 'manufacturing', consent: true };
    expect((await postJson(`${server.url}/api/leads`, { ...ceo, interest: 'demo' })).status).toBe(201);
    const salon = fixtureSalon('open');
    const reg = await postJson(`${server.url}/api/events/${salon.id}/register`, ceo);
    expect(reg.body.status).toBe('confirmed');
    expect((await postJson(`${server.url}/api/events/${salon.id}/check-in`, { ticketCode: reg.body.ticketCode }, { cookie: adminCookie })).status).toBe(200);
    expect((await postJson(`${server.url}/api/leads`, { email: 'xiao.li@qq.com', name: 'Li Xiao', jobTitle: '学生', interest: 'newsletter', consent: true })).status).toBe(201);

    const list = await (await sales('/api/sales/leads?limit=500')).json();
    const emails = list.leads.map((l: { email: string }) => l.email);
    const ceoRow = list.leads.find((l: { email: string }) => l.email === ceo.email);
    expect(ceoRow).toMatchObject({ grade: 'A', status: 'mql', companySize: '1001-5000' });
    expect(emails.indexOf(ceo.email)).toBeLessThan(emails.indexOf('xiao.li@qq.com'));
    expect(list.leads.find((l: { email: string }) => l.email === 'xiao.li@qq.com').grade).toBe('D');
    // Crossing into A mailed the sales inbox.
    expect((await server.db.select({ n: count() }).from(mailOutbox).where(eq(mailOutbox.template, 'hot-lead')))[0]).toEqual({ n: 1 });
  });
});

describe('GET /api/sales/leads', () => {
  it('answers 401 without a token, 403 for a member, 200 for sales', async () => {
    expect((await fetch(`${server.url}/api/sales/leads`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/sales/leads`, { headers: { authorization: `Bearer ${memberToken}` } })).status).toBe(403);
    expect((await sales('/api/sales/leads')).status).toBe(200);
  });

  it('returns the contract fields, highest score first, and pages with a stable cursor', async () => {
    for (let i = 0; i < 12; i++) await postJson(`${server.url}/api/leads`, { email: `page${i}@example.com`, interest: 'newsletter' });
    const all = (await (await sales('/api/sales/leads?limit=500')).json()).leads;
    expect(Object.keys(all[0]).sort()).toEqual(['companySize', 'createdAt', 'email', 'engagementScore', 'fitScore', 'grade', 'id', 'industry', 'jobTitle', 'lastActivityAt', 'name', 'company', 'owner', 'score', 'source', 'status'].sort());
    const seen: number[] = [];
    let cursor = '';
    for (;;) {
      const page = await (await sales(`/api/sales/leads?limit=5${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.leads.map((l: { id: number }) => l.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all.map((l: { id: number }) => l.id));
    const scores = all.map((l: { score: number }) => l.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('sorts by latest activity with its own cursor, and refuses a cursor from another sort', async () => {
    const all = (await (await sales('/api/sales/leads?limit=500&sort=recent')).json()).leads as Array<{ id: number; lastActivityAt: string | null }>;
    const times = all.map((l) => (l.lastActivityAt ? Date.parse(l.lastActivityAt) : 0));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const first = await (await sales('/api/sales/leads?limit=3&sort=recent')).json();
    const second = await (await sales(`/api/sales/leads?limit=3&sort=recent&cursor=${first.nextCursor}`)).json();
    expect([...first.leads, ...second.leads].map((l: { id: number }) => l.id)).toEqual(all.slice(0, 6).map((l) => l.id));
    expect((await sales(`/api/sales/leads?limit=3&sort=score&cursor=${first.nextCursor}`)).status).toBe(400);
  });

  it('filters by grade and rejects bad filters with 400', async () => {
    const a = (await (await sales('/api/sales/leads?grade=A')).json()).leads;
    expect(a.length).toBeGreaterThan(0);
    expect(a.every((l: { grade: string }) => l.grade === 'A')).toBe(true);
    for (const q of ['grade=Z', 'status=hot', 'limit=0', 'limit=abc', 'since=yesterday', 'cursor=bogus', 'format=xml', 'sort=random']) {
      const r = await sales(`/api/sales/leads?${q}`);
      expect(r.status, q).toBe(400);
    }
  });

  it('exports CSV with formula injection neutralised', async () => {
    await postJson(`${server.url}/api/leads`, { email: 'evil@example.com', name: '=HYPERLINK("http://evil.example","x")', company: '+cmd|calc', jobTitle: '@SUM(A1)', interest: 'demo' });
    const res = await sales('/api/sales/leads?format=csv');
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const csv = await res.text();
    const header = csv.split('\n')[0];
    expect(header).toBe('id,email,name,company,jobTitle,companySize,industry,score,fitScore,engagementScore,grade,status,source,owner,lastActivityAt,createdAt');
    const line = csv.split('\n').find((l) => l.includes('evil@example.com'))!;
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(line).toContain(`'+cmd|calc`);
    expect(line).toContain(`'@SUM(A1)`);
    expect(line).not.toMatch(/,[=+@]/);
  });

  it('gives the same CSV bytes as `npm run cli -- leads:export` with the same filter, to a file or to stdout', async () => {
    // Cells a spreadsheet or a CSV reader trips on, and ties in score; all from one source, so a filter picks exactly them.
    const names = ['=1+2', 'Comma, Quote "Q"', '-minus', '中文 名字', '@at\ttab'];
    await writeTransaction(server.db, (tx) =>
      tx.insert(people).values(
        names.map((name, i) => ({
          email: `export${i}@example.com`,
          name,
          company: i % 2 ? 'Line\nbreak Co' : '+Plus Ltd',
          jobTitle: i === 0 ? null : '市场总监',
          firstSource: 'linkedin',
          score: i < 3 ? 40 : 10,
          grade: i < 3 ? ('B' as const) : ('D' as const),
          status: i === 4 ? ('contacted' as const) : ('mql' as const),
          lastActivityAt: i === 2 ? null : new Date(Date.UTC(2026, 5, i + 1)),
        })),
      ),
    );
    const api = async (query: string): Promise<Buffer> => Buffer.from(await (await sales(`/api/sales/leads?format=csv${query}`)).arrayBuffer());
    const cli = (...args: string[]) => spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/cli.ts', 'leads:export', ...args], { env: { ...process.env, DATABASE_URL: server.databasePath } });

    const toStdout = cli();
    expect(toStdout.status).toBe(0);
    expect(toStdout.stdout.equals(await api(''))).toBe(true);

    for (const [query, args, leads] of [
      ['', [], undefined],
      ['&grade=A,B', ['--grade', 'A,B'], undefined],
      ['&source=LinkedIn&status=mql', ['--source', 'LinkedIn', '--status', 'mql'], 4],
    ] as const) {
      const file = join(server.dir, `leads${query.replace(/\W/g, '_')}.csv`);
      const run = cli(...args, '--out', file);
      expect(run.status, query).toBe(0);
      const written = readFileSync(file);
      expect(written.equals(await api(query)), query).toBe(true);
      if (leads !== undefined) {
        // The count is of leads, not lines: two of the four span two lines.
        expect(run.stderr.toString()).toContain(`Wrote ${leads} leads to ${file}`);
        const text = written.toString('utf8');
        expect(text.startsWith('id,email,name,')).toBe(true);
        expect(text).toContain(`,'=1+2,'+Plus Ltd,,`);
        expect(text).toContain(`,"Comma, Quote ""Q""","Line\nbreak Co",`);
        expect(text).toContain(`,'-minus,'+Plus Ltd,`);
        expect(text).not.toContain('export4@');
      }
    }
  }, 60_000); // five CLI processes, each starting tsx
});

describe('PATCH /api/sales/leads/<id>', () => {
  it('updates status, owner and notes; rejects bad values, unknown ids and members', async () => {
    const { body } = await postJson(`${server.url}/api/leads`, { email: 'claim.me@example.com', interest: 'demo' });
    const id = body.leadId;
    const ok = await patch(id, { status: 'contacted', owner: 'me', note: 'Called, wants a demo in January.' });
    expect(ok.status).toBe(200);
    expect((await ok.json()).lead.status).toBe('contacted');
    const row = (await server.db.select().from(people).where(eq(people.id, id)))[0]!;
    expect(row.ownerId).not.toBeNull();
    expect(await server.db.select().from(notes).where(eq(notes.personId, id))).toHaveLength(1);
    expect((await patch(id, { status: 'hot' })).status).toBe(400);
    expect((await patch(id, { owner: 'member@example.com' })).status).toBe(400);
    expect((await patch(id, {})).status).toBe(400);
    expect((await patch(999999, { status: 'won' })).status).toBe(404);
    expect((await patch(id, { status: 'won' }, memberToken)).status).toBe(403);
    expect((await server.db.select().from(people).where(eq(people.id, id)))[0]!.status).toBe('contacted');
  });
});

describe('PATCH /api/sales/leads/<id> on a lead someone else owns', () => {
  it('answers 409 and writes nothing when another sales person claims, assigns or releases it; the owner hands it over; an admin reassigns', async () => {
    const { body } = await postJson(`${server.url}/api/leads`, { email: 'contested@acme-industrial.com', interest: 'demo' });
    const id = body.leadId;
    const ownerOf = async () => (await server.db.select({ ownerId: people.ownerId }).from(people).where(eq(people.id, id)))[0]!.ownerId;
    const idOf = async (email: string) => (await server.db.select({ id: people.id }).from(people).where(eq(people.email, email)))[0]!.id;
    expect((await patch(id, { owner: 'me' })).status).toBe(200);
    expect(await ownerOf()).toBe(await idOf('kevin@flywheel.example'));

    for (const attempt of [{ owner: 'me' }, { owner: 'anna@flywheel.example' }, { owner: null }, { owner: 'me', note: 'taking this one', status: 'contacted' }]) {
      const res = await patch(id, attempt, annaToken);
      expect(res.status, JSON.stringify(attempt)).toBe(409);
      const error = (await res.json()).error;
      expect(error.code).toBe('conflict');
      expect(error.message).toMatch(/kevin@flywheel.example already owns this lead/);
    }
    expect(await ownerOf()).toBe(await idOf('kevin@flywheel.example'));
    expect(await server.db.select().from(notes).where(eq(notes.personId, id))).toHaveLength(0);
    expect((await server.db.select({ status: people.status }).from(people).where(eq(people.id, id)))[0]!.status).not.toBe('contacted');

    // Anyone may still add a note or move the status without touching the owner.
    expect((await patch(id, { note: 'Met her at the Shanghai salon.' }, annaToken)).status).toBe(200);
    // The owner hands it over; the new owner releases it; an admin assigns it by email, but cannot take it by "me".
    expect((await patch(id, { owner: 'anna@flywheel.example' })).status).toBe(200);
    expect(await ownerOf()).toBe(await idOf('anna@flywheel.example'));
    expect((await patch(id, { owner: 'me' }, adminToken)).status).toBe(409);
    expect((await patch(id, { owner: 'kevin@flywheel.example' }, adminToken)).status).toBe(200);
    expect(await ownerOf()).toBe(await idOf('kevin@flywheel.example'));
    expect((await patch(id, { owner: null })).status).toBe(200);
    expect(await ownerOf()).toBeNull();
  });
});

describe('gated downloads and article reads', () => {
  const form = (body: Record<string, string>) =>
    fetch(`${server.url}/request/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url }, body: new URLSearchParams(body), redirect: 'manual' });

  it('serves a resource only through the signed, expiring link the form hands out', async () => {
    const res = await form({ email: 'reader@acme-industrial.com', interest: 'resource:b2b-lead-scoring-benchmark-2026', consent: 'true' });
    expect(res.status).toBe(200);
    const html = await res.text();
    const href = /href="(\/resources\/b2b-lead-scoring-benchmark-2026\/download\?[^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&');
    const file = await fetch(server.url + href);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/attachment/);
    expect(await file.text()).toMatch(/2026 B2B Lead Scoring Benchmark/);
    // Change one character of the signature (to a different digit, whatever it was).
    const tampered = href.replace(/sig=([0-9a-f])/, (_m, c: string) => `sig=${c === '0' ? '1' : '0'}`);
    expect((await fetch(server.url + tampered)).status).toBe(403);
    expect((await fetch(`${server.url}/resources/b2b-lead-scoring-benchmark-2026/download`)).status).toBe(403);
    const past = href.replace(/expires=\d+/, 'expires=1000000000000');
    expect((await fetch(server.url + past, { redirect: 'manual' })).status).toBe(403); // a changed expiry breaks the signature
  });

  it('re-shows the form with the field marked when the email is wrong', async () => {
    const res = await form({ email: 'not-an-email', interest: 'demo' });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/aria-invalid="true"/);
  });

  it('counts one article read per day for a visitor it knows, and none for strangers', async () => {
    const res = await fetch(`${server.url}/api/leads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'known.reader@acme.com', interest: 'newsletter' }) });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('fw_lead='))!.split(';')[0]!;
    const slug = 'scoring-model-sales-trusts';
    for (let i = 0; i < 3; i++) await fetch(`${server.url}/api/touch?read=${slug}`, { headers: { cookie } });
    await fetch(`${server.url}/api/touch?read=${slug}`, { headers: { cookie: 'fw_lead=1.deadbeef' } });
    await fetch(`${server.url}/api/touch?read=${slug}`);
    const reads = await server.db.select({ email: people.email }).from(activities).innerJoin(people, eq(people.id, activities.personId)).where(eq(activities.type, 'article_read'));
    expect(reads).toEqual([{ email: 'known.reader@acme.com' }]);
  });
});

describe('the sales desk pages', () => {
  it('lists leads for sales, explains a lead signal by signal, and claims it without JavaScript', async () => {
    const { body } = await postJson(`${server.url}/api/leads`, { email: 'desk.lead@suzhoulumen.cn', name: 'Desk Lead', jobTitle: 'VP Operations', companySize: '1001-5000', interest: 'demo' });
    const desk = await fetch(`${server.url}/sales/?q=desk.lead`, { headers: { cookie: salesCookie } });
    expect(desk.status).toBe(200);
    const deskHtml = await desk.text();
    expect(deskHtml).toContain(`/sales/leads/${body.leadId}/`);
    expect(deskHtml).toMatch(/1 lead matches/);

    const page = await fetch(`${server.url}/sales/leads/${body.leadId}/`, { headers: { cookie: salesCookie } });
    const html = await page.text();
    expect(html).toMatch(/Senior leader \(VP Operations\)/);
    expect(html).toMatch(/Company of 1001-5000 people/);
    expect(html).toMatch(/Asked for a demo/);

    const claim = await fetch(`${server.url}/sales/leads/${body.leadId}/`, { method: 'POST', headers: { cookie: salesCookie, 'content-type': 'application/x-www-form-urlencoded', origin: server.url }, body: 'owner=me' });
    expect(claim.status).toBe(200);
    expect(await claim.text()).toMatch(/<strong[^>]*>You<\/strong> own this lead/);
    expect((await fetch(`${server.url}/sales/leads/99999999/`, { headers: { cookie: salesCookie } })).status).toBe(404);
  });
});
