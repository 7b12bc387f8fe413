// Routing over HTTP, on two server processes sharing one database: an admin
// turns routing on at /admin/routing/ (a wrong value first), 40 leads that
// become A at once through either process go round-robin with weights 1:1 —
// each lead owned exactly once, 20 each. Only admins reach the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, isNull } from 'drizzle-orm';
import { mailOutbox, people, ruleVersions, salesRouting } from '../../db/tables';
import { startServer, type RunningServer } from '../support/server';
import { sessionCookie } from '../support/people';
import { postJson } from '../support/http';

const env = { RATE_LIMITS: 'off', MAIL_WORKER: 'off', JOBS: 'off' };
let server: RunningServer;
let twin: RunningServer;
const cookie: Record<string, string> = {};
const ids: Record<string, number> = {};

beforeAll(async () => {
  server = await startServer({ env });
  twin = await startServer({ env, dir: server.dir });
  for (const role of ['admin', 'member', 'door'] as const) cookie[role] = await sessionCookie(server.db, `${role}@routing.example`, role);
  for (const who of ['mei', 'jun']) cookie[who] = await sessionCookie(server.db, `${who}@routing.example`, 'sales');
  for (const p of await server.db.select({ id: people.id, email: people.email }).from(people)) ids[p.email.split('@')[0]!] = p.id;
}, 120_000);

afterAll(async () => {
  await twin?.stop({ keepFiles: true });
  await server?.stop();
});

const post = (s: RunningServer, who: string, fields: Record<string, string>) =>
  fetch(`${s.url}/admin/routing/`, { method: 'POST', redirect: 'manual', headers: { cookie: cookie[who]!, origin: s.url, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });

const rules = { form: 'rules', enabled: 'on', 'grade.A': 'on', 'grade.B': 'on', 'slaHours.A': '4', 'slaHours.B': '24', 'slaHours.C': '', 'slaHours.D': '', 'workingHours.timezone': 'Asia/Shanghai', 'workingHours.start': '09:00', 'workingHours.end': '18:00', 'day.1': 'on', 'day.2': 'on', 'day.3': 'on', 'day.4': 'on', 'day.5': 'on' };

describe('/admin/routing/', () => {
  it('is for admins only: sales, members and door staff get 403 and change nothing', async () => {
    for (const who of ['mei', 'member', 'door']) {
      const get = await fetch(`${server.url}/admin/routing/`, { headers: { cookie: cookie[who]! }, redirect: 'manual' });
      expect(get.status, who).toBe(403);
      expect((await post(server, who, rules)).status, who).toBe(403);
    }
    const anonymous = await fetch(`${server.url}/admin/routing/`, { redirect: 'manual' });
    expect([302, 401]).toContain(anonymous.status);
    expect(await server.db.select().from(ruleVersions).where(eq(ruleVersions.kind, 'routing'))).toHaveLength(0);
  });

  it('answers bad input with 400 and the message beside the field, writing nothing', async () => {
    const bad = await post(server, 'admin', { ...rules, 'slaHours.A': '-1', 'workingHours.end': '08:00' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toMatch(/id="f-slaHours-A-error"[^>]*>SLA hours are a whole number from 1 to 720, or empty for no SLA\./);
    expect(html).toContain('The working day ends after it starts.');
    expect(html).toContain('value="-1"'); // what was typed stays
    const control = await post(server, 'admin', { ...rules, 'workingHours.timezone': 'Mars/Olympus\u0000' });
    expect(control.status).toBe(400);
    expect(await server.db.select().from(ruleVersions).where(eq(ruleVersions.kind, 'routing'))).toHaveLength(0);

    const people = await post(server, 'admin', { form: 'people', people: `${ids.mei},${ids.member}`, [`weight.${ids.mei}`]: '1', [`weight.${ids.member}`]: '1' });
    expect(people.status).toBe(400);
    expect(await people.text()).toContain('Only sales people and admins take part in routing.');
    const weight = await post(server, 'admin', { form: 'people', people: `${ids.mei}`, [`weight.${ids.mei}`]: 'ten' });
    expect(weight.status).toBe(400);
    expect(await weight.text()).toContain('A weight is a whole number from 0 to 10.');
    const zh = await fetch(`${server.url}/zh/admin/routing/`, { method: 'POST', headers: { cookie: cookie.admin!, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...rules, 'slaHours.A': '-1' }).toString() });
    expect(zh.status).toBe(400);
    expect(await zh.text()).toContain('SLA 时限需为 1 到 720 之间的整数小时');
    expect(await server.db.select().from(salesRouting)).toHaveLength(0);
  });
});

describe('round-robin across two processes', () => {
  it('40 leads becoming A at once with weights 1:1: each owned exactly once, 20 and 20', async () => {
    expect((await post(server, 'admin', rules)).status).toBe(200);
    const saved = await post(twin, 'admin', { form: 'people', people: `${ids.mei},${ids.jun},${ids.admin}`, [`available.${ids.mei}`]: 'on', [`weight.${ids.mei}`]: '1', [`available.${ids.jun}`]: 'on', [`weight.${ids.jun}`]: '1', [`weight.${ids.admin}`]: '0' });
    expect(saved.status).toBe(200);

    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        postJson(`${(i % 2 ? twin : server).url}/api/leads`, { email: `ceo${i}@plant${i}.cn`, name: `总经理 ${i}`, jobTitle: 'CEO', company: `Plant ${i}`, companySize: '5000+', industry: 'manufacturing', interest: 'demo', consent: true }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(201));
    const leads = await server.db.select({ grade: people.grade, ownerId: people.ownerId, slaDueAt: people.slaDueAt }).from(people).where(eq(people.role, 'lead'));
    expect(leads).toHaveLength(40);
    expect(leads.every((l) => l.grade === 'A' && l.slaDueAt !== null)).toBe(true);
    expect(leads.filter((l) => l.ownerId === ids.mei)).toHaveLength(20);
    expect(leads.filter((l) => l.ownerId === ids.jun)).toHaveLength(20);
    expect(await server.db.select().from(people).where(isNull(people.ownerId)).then((r) => r.filter((p) => p.role === 'lead'))).toHaveLength(0);
    const rows = await server.db.select({ personId: salesRouting.personId, assignedCount: salesRouting.assignedCount }).from(salesRouting);
    expect(Object.fromEntries(rows.map((r) => [r.personId, r.assignedCount]))).toEqual({ [ids.mei!]: 20, [ids.jun!]: 20, [ids.admin!]: 0 });
    expect((await server.db.select({ n: count() }).from(mailOutbox).where(eq(mailOutbox.template, 'routing-assigned')))[0]!.n).toBe(40);

    // The page shows the split.
    const page = await (await fetch(`${server.url}/admin/routing/`, { headers: { cookie: cookie.admin! } })).text();
    expect(page).toContain('mei@routing.example: 20 assigned');
  });
});
