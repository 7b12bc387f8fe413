// The waitlist offer window, salon questions and approval mode over real HTTP
// against the built server: offers, cancellations, acceptances and new
// registrations racing through three server processes never sell a seat
// twice; the ticket page's Accept / Decline; answers checked, on the attendee
// CSV and on the lead page; the approvals queue for admins only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { auditLog, mailOutbox, people, registrations } from '../../db/tables';
import { fixtureSalon } from '../support/salons';
import { sessionCookie } from '../support/people';
import { postJson } from '../support/http';
import { startServer, type RunningServer } from '../support/server';

const open = fixtureSalon('open');
const approval = fixtureSalon('approval');
const small = fixtureSalon('small');

/** A form post the way a browser sends it from the page itself (the middleware checks the origin). */
async function postForm(url: string, fields: Record<string, string>, cookie = ''): Promise<Response> {
  return fetch(url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(url).origin, ...(cookie ? { cookie } : {}) }, body: new URLSearchParams(fields).toString() });
}

describe('seats while offers, cancellations, acceptances and registrations race (three processes)', () => {
  it('never holds more seats than capacity, and offers them in waitlist order', async () => {
    const env = { RATE_LIMITS: 'off', MAIL_WORKER: 'off' };
    const server = await startServer({ env });
    const twin = await startServer({ env, dir: server.dir });
    const third = await startServer({ env, dir: server.dir });
    const servers = [server, twin, third];
    const at = (i: number, path: string) => `${servers[i % 3]!.url}/api/events/${open.id}/${path}`;
    try {
      const first = [];
      for (let i = 0; i < open.capacity + 15; i++) first.push((await postJson(at(i, 'register'), { email: `r${i}@example.com` })).body);
      const confirmed = first.filter((r) => r.status === 'confirmed');
      const waitlisted = first.filter((r) => r.status === 'waitlisted');
      expect([confirmed.length, waitlisted.length]).toEqual([open.capacity, 15]);
      // Round 1: ten cancellations and ten newcomers at once.
      const round1 = await Promise.all([
        ...confirmed.slice(0, 10).map((r, i) => postJson(at(i, 'cancel'), { ticketCode: r.ticketCode })),
        ...Array.from({ length: 10 }, (_, i) => postJson(at(i + 1, 'register'), { email: `new${i}@example.com` })),
      ]);
      expect(round1.filter((r) => r.status >= 400)).toEqual([]);
      expect(round1.slice(10).map((r) => r.body.status)).toEqual(Array(10).fill('waitlisted'));
      const rows1 = await server.db.select().from(registrations).where(eq(registrations.eventId, open.id));
      const offered1 = rows1.filter((r) => r.status === 'offered');
      expect(offered1.map((r) => r.ticketCode).sort()).toEqual(waitlisted.slice(0, 10).map((r) => r.ticketCode).sort());
      // Round 2: the offered accept (on the ticket page), five more confirmed cancel, five more people arrive.
      const ticketPage = (i: number, code: string) => `${servers[i % 3]!.url}/events/${open.id}/ticket/${code}/`;
      const round2 = await Promise.all([
        ...offered1.map((r, i) => postForm(ticketPage(i, r.ticketCode), { offer: 'accept' })),
        ...confirmed.slice(10, 15).map((r, i) => fetch(at(i + 2, 'cancel'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ticketCode: r.ticketCode }) })),
        ...Array.from({ length: 5 }, (_, i) => fetch(at(i, 'register'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `later${i}@example.com` }) })),
      ]);
      expect(round2.map((r) => r.status).filter((s) => s >= 400)).toEqual([]);
      expect(round2.slice(0, 10).map((r) => r.headers.get('location'))).toEqual(offered1.map((r) => `/events/${open.id}/ticket/${r.ticketCode}/?accepted=1`));
      const rows = await server.db.select().from(registrations).where(eq(registrations.eventId, open.id)).orderBy(registrations.id);
      const holding = rows.filter((r) => r.status === 'confirmed' || r.status === 'offered');
      expect(holding).toHaveLength(open.capacity);
      expect(rows.filter((r) => r.status === 'confirmed').map((r) => r.ticketCode)).toEqual(expect.arrayContaining(offered1.map((r) => r.ticketCode)));
      // The five seats freed in round 2 are offered to the next five of the original waitlist, not to newcomers.
      expect(rows.filter((r) => r.status === 'offered').map((r) => r.ticketCode).sort()).toEqual(waitlisted.slice(10, 15).map((r) => r.ticketCode).sort());
      expect(new Set(rows.map((r) => r.personId)).size).toBe(rows.length);
      const offerMails = (await server.db.select().from(mailOutbox)).filter((m) => m.template === 'waitlist-offer');
      expect(offerMails).toHaveLength(15);
    } finally {
      await third.stop({ keepFiles: true });
      await twin.stop({ keepFiles: true });
      await server.stop();
    }
  }, 120_000);
});

describe('questions, offers and approvals over HTTP', () => {
  let server: RunningServer;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    server = await startServer({
      env: { RATE_LIMITS: 'off', MAIL_WORKER: 'off' },
      prepare: async (db) => {
        for (const role of ['admin', 'member', 'sales', 'door'] as const) cookies[role] = await sessionCookie(db, `${role}@staff.example.com`, role);
      },
    });
  });
  afterAll(async () => server?.stop());
  const api = (salonId: string, path: string) => `${server.url}/api/events/${salonId}/${path}`;

  const bad: Array<[string, unknown, string]> = [
    ['a required question left out', { email: 'q1@example.com' }, 'answers.role'],
    ['an unknown option', { email: 'q2@example.com', answers: { role: 'ceo' } }, 'answers.role'],
    ['an answer that is not text', { email: 'q3@example.com', answers: { role: ['budget'] } }, 'answers.role'],
    ['control characters', { email: 'q4@example.com', answers: { role: 'budget', topic: 'hi\u0007there' } }, 'answers.topic'],
    ['a text answer over 500 characters', { email: 'q5@example.com', answers: { role: 'budget', topic: 'x'.repeat(501) } }, 'answers.topic'],
    ['a question the salon does not ask', { email: 'q6@example.com', answers: { role: 'budget', salary: '1' } }, 'answers.salary'],
    ['answers that are not an object', { email: 'q7@example.com', answers: 'budget' }, 'answers'],
  ];
  it.each(bad)('refuses %s with a 400 naming the field, and writes nothing', async (_n, body, field) => {
    const before = (await server.db.select().from(registrations)).length;
    const r = await postJson(api(small.id, 'register'), body);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid');
    expect(Object.keys(r.body.error.fields)).toContain(field);
    expect((await server.db.select().from(registrations)).length).toBe(before);
  });

  it('says a field problem in Chinese to a Chinese caller', async () => {
    const r = await postJson(api(small.id, 'register'), { email: 'zh@example.com' }, { 'accept-language': 'zh-CN' });
    expect(r.body.error.fields['answers.role']).toBe('请选择一个选项。');
  });

  it('stores the answers, shows them on the attendee CSV (one column per question) and on the lead page', async () => {
    const r = await postJson(api(small.id, 'register'), { email: 'ana@acme.cn', name: 'Ana Wu', answers: { role: 'budget', topic: '=HYPERLINK("x") lead routing' } });
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('confirmed');
    const csv = await fetch(`${server.url}/admin/events/${small.id}/attendees.csv`, { headers: { cookie: cookies.admin! } });
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('ticket,status,name,email,company,job_title,phone,source,registered_at,checked_in_at,timezone,Your role in buying software,What should we discuss?');
    expect(lines[1]).toContain(`Budget holder,"'=HYPERLINK(""x"") lead routing"`);
    const [person] = await server.db.select().from(people).where(eq(people.email, 'ana@acme.cn'));
    for (const [path, words] of [[`/sales/leads/${person!.id}/`, ['Salon answers', 'Your role in buying software', 'Budget holder', "Answered 'Budget holder' at"]], [`/zh/sales/leads/${person!.id}/`, ['沙龙报名回答', '你在软件采购中的角色', '预算负责人', '沙龙报名时选择“Budget holder”']]] as const) {
      const page = await fetch(server.url + path, { headers: { cookie: cookies.sales! } });
      expect(page.status).toBe(200);
      const html = await page.text();
      for (const w of words) expect(html, `${path}: ${w}`).toContain(w.replace(/'/g, '&#39;').replace(/“|”/g, (c) => c));
    }
  });

  it('offers the freed seat; the ticket page shows Accept and Decline; accepting confirms it', async () => {
    const waiting = await postJson(api(small.id, 'register'), { email: 'bo@acme.cn', answers: { role: 'user' } });
    expect(waiting.body).toMatchObject({ status: 'waitlisted', position: 1 });
    const [seat] = await server.db.select().from(registrations).where(and(eq(registrations.eventId, small.id), eq(registrations.status, 'confirmed')));
    const cancel = await postJson(api(small.id, 'cancel'), { ticketCode: seat!.ticketCode });
    expect(cancel.body).toMatchObject({ status: 'cancelled', offered: 1 });
    const ticket = `${server.url}/events/${small.id}/ticket/${waiting.body.ticketCode}/`;
    const page = await (await fetch(`${ticket}?offer=accept`)).text();
    expect(page).toContain('A seat freed up and it is yours if you want it');
    expect(page).toMatch(/<button[^>]*name="offer"[^>]*value="accept"/);
    expect(page).toMatch(/<button[^>]*name="offer"[^>]*value="decline"/);
    // A cross-site post is refused; a wrong choice is a 400; nothing changes.
    const forged = await fetch(ticket, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, body: 'offer=accept' });
    expect(forged.status).toBe(403);
    expect((await postForm(ticket, { offer: 'maybe' })).status).toBe(400);
    expect((await server.db.select().from(registrations).where(eq(registrations.ticketCode, waiting.body.ticketCode)))[0]!.status).toBe('offered');
    const accepted = await postForm(ticket, { offer: 'accept' });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe(`/events/${small.id}/ticket/${waiting.body.ticketCode}/?accepted=1`);
    const after = await (await fetch(server.url + accepted.headers.get('location'))).text();
    expect(after).toContain('The seat is yours.');
    expect((await postForm(ticket, { offer: 'accept' })).status).toBe(409);
  });

  it('keeps an approval salon pending (201 "pending" with a ticket code) and lets only admins decide, audited', async () => {
    const r = await postJson(api(approval.id, 'register'), { email: 'cfo@acme.cn', name: 'Chen CFO', jobTitle: 'CFO', answers: { role: 'budget' } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'pending', ticketCode: expect.stringMatching(/^[A-Z2-7-]{19}$/) });
    const page = `${server.url}/admin/salons/${approval.id}/approvals/`;
    expect((await fetch(page, { redirect: 'manual' })).status).toBe(302);
    for (const role of ['member', 'sales', 'door'] as const) expect((await fetch(page, { headers: { cookie: cookies[role]! } })).status, role).toBe(403);
    const queue = await (await fetch(page, { headers: { cookie: cookies.admin! } })).text();
    expect(queue).toContain('Chen CFO');
    expect(queue).toContain('Budget holder');
    const [row] = await server.db.select().from(registrations).where(eq(registrations.ticketCode, r.body.ticketCode));
    expect((await postForm(page, { decide: 'approve:' + row!.id }, cookies.member!)).status).toBe(403);
    expect((await postForm(page, { decide: 'approve:selected' }, cookies.admin!)).status).toBe(400);
    expect((await postForm(page, { decide: `decline:${row!.id}`, [`reason.${row!.id}`]: 'x'.repeat(501) }, cookies.admin!)).status).toBe(400);
    const done = await postForm(page, { decide: `approve:${row!.id}` }, cookies.admin!);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Approved with a seat: 1 person.');
    expect((await server.db.select().from(registrations).where(eq(registrations.id, row!.id)))[0]!.status).toBe('confirmed');
    expect((await server.db.select().from(auditLog).where(and(eq(auditLog.entity, 'registration'), inArray(auditLog.action, ['approve'])))).map((a) => a.entityId)).toEqual([String(row!.id)]);
    expect((await server.db.select().from(mailOutbox)).filter((m) => m.template === 'registration-approved').map((m) => m.to)).toEqual(['cfo@acme.cn']);
  });
});
