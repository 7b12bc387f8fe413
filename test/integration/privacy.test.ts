// People control their data: download it, erase it (or have operations do it),
// choose mail topics, and one-click unsubscribe from a mail client.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activities, auditLog, people, registrations, sessions } from '../../db/tables';
import { findPersonByEmail, setRole } from '../../src/lib/leads/people';
import { createSession } from '../../src/lib/auth/sessions';
import { unsubscribeUrl } from '../../src/lib/privacy/unsubscribe';
import { postJson } from '../support/http';
import { readMail, waitForMail } from '../support/mailbox';
import { fixtureSalon } from '../support/salons';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let adminCookie = '';
beforeAll(async () => {
  server = await startServer({ env: { MAIL_WORKER_INTERVAL_MS: '100' }, prepare: async (db) => void (adminCookie = `fw_session=${(await createSession(db, (await setRole(db, 'ops@example.com', 'admin')).id)).token}`) });
});
afterAll(async () => server?.stop());

async function memberWithHistory(email: string): Promise<{ id: number; cookie: string }> {
  await postJson(`${server.url}/api/leads`, { email, name: 'Priya Person', company: 'Acme', phone: '+65 6000 0000', interest: 'demo', consent: true, message: 'Call me after 3pm' });
  expect((await postJson(`${server.url}/api/events/${fixtureSalon('open').id}/register`, { email })).status).toBe(201);
  const person = await setRole(server.db, email, 'member');
  return { id: person.id, cookie: `fw_session=${(await createSession(server.db, person.id)).token}` };
}

describe('download my data', () => {
  it('gives a signed-in person everything about them as a JSON file, without ticket codes, and audits it', async () => {
    const me = await memberWithHistory('export.me@example.com');
    const res = await fetch(`${server.url}/api/me/data`, { headers: { cookie: me.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="flywheel-my-data-\d{4}-\d{2}-\d{2}\.json"/);
    const data = await res.json();
    expect(data.profile).toMatchObject({ email: 'export.me@example.com', name: 'Priya Person', company: 'Acme' });
    expect(data.consentHistory.map((e: { kind: string }) => e.kind)).toEqual(['given']);
    expect(data.activities.map((a: { type: string }) => a.type)).toEqual(expect.arrayContaining(['demo_request', 'salon_registration']));
    expect(data.registrations).toHaveLength(1);
    expect(JSON.stringify(data)).not.toMatch(/[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}/);
    expect((await server.db.select().from(auditLog).where(eq(auditLog.subjectId, me.id))).map((a) => [a.action, a.actorId])).toEqual([['data_export', null]]);
    expect((await fetch(`${server.url}/api/me/data`)).status).toBe(401);
  });
});

describe('erase me', () => {
  it('removes personal fields, ends sessions and pending mail, keeps anonymous counts', async () => {
    const me = await memberWithHistory('erase.me@example.com');
    const before = (await server.db.select().from(activities).where(eq(activities.personId, me.id))).length;
    expect((await postJson(`${server.url}/api/me/erase`, {}, { cookie: me.cookie })).status).toBe(400); // needs the confirmation
    const res = await postJson(`${server.url}/api/me/erase`, { confirm: 'erase' }, { cookie: me.cookie });
    expect(res.status).toBe(200);
    const row = (await server.db.select().from(people).where(eq(people.id, me.id)))[0]!;
    expect(row).toMatchObject({ email: `erased-${me.id}@erased.invalid`, name: null, company: null, phone: null, consentAt: null });
    expect(row.erasedAt).not.toBeNull();
    expect(await findPersonByEmail(server.db, 'erase.me@example.com')).toBeUndefined();
    expect(await server.db.select().from(sessions).where(eq(sessions.personId, me.id))).toEqual([]);
    expect((await fetch(`${server.url}/api/me`, { headers: { cookie: me.cookie } })).status).toBe(401);
    // Counts stay: the activities and the salon seat are still there, anonymously.
    expect(await server.db.select().from(activities).where(eq(activities.personId, me.id))).toHaveLength(before);
    expect(await server.db.select().from(registrations).where(eq(registrations.personId, me.id))).toHaveLength(1);
    expect(JSON.stringify(await server.db.select().from(activities).where(eq(activities.personId, me.id)))).not.toContain('Call me after 3pm');
    expect((await server.db.select().from(auditLog).where(eq(auditLog.subjectId, me.id))).map((a) => a.action)).toEqual(['erasure']);
  });

  it('lets operations download and erase for a person who writes in, never a staff account', async () => {
    await memberWithHistory('wrote.in@example.com');
    const page = await (await fetch(`${server.url}/admin/people/?email=wrote.in@example.com`, { headers: { cookie: adminCookie } })).text();
    const id = /\/admin\/people\/(\d+)\/data\.json/.exec(page)![1]!;
    const download = await fetch(`${server.url}/admin/people/${id}/data.json`, { headers: { cookie: adminCookie } });
    expect((await download.json()).profile.email).toBe('wrote.in@example.com');
    const erase = await fetch(`${server.url}/admin/people/`, { method: 'POST', body: new URLSearchParams({ erase: id, confirm: 'erase' }), headers: { cookie: adminCookie, origin: server.url } });
    expect(await erase.text()).toMatch(/Erased/);
    expect(await findPersonByEmail(server.db, 'wrote.in@example.com')).toBeUndefined();
    const ops = (await findPersonByEmail(server.db, 'ops@example.com'))!;
    expect((await server.db.select().from(auditLog).where(eq(auditLog.subjectId, Number(id)))).map((a) => [a.action, a.actorId])).toEqual([['data_export', ops.id], ['erasure', ops.id]]);
    const staff = await fetch(`${server.url}/admin/people/`, { method: 'POST', body: new URLSearchParams({ erase: String(ops.id), confirm: 'erase' }), headers: { cookie: adminCookie, origin: server.url } });
    expect(await staff.text()).toMatch(/Not erased/);
  });
});

describe('mail preferences and one-click unsubscribe', () => {
  it("marketing mail carries List-Unsubscribe headers, and a mail client's one-click POST unsubscribes", async () => {
    const email = 'coupon.fan@example.com';
    await postJson(`${server.url}/api/leads`, { email, interest: 'newsletter', consent: true });
    const issue = await fetch(`${server.url}/admin/coupons/`, { method: 'POST', body: new URLSearchParams({ action: 'issue', email, prefix: 'VIP', description: '15% off', percentOff: '15', validDays: '30' }), headers: { cookie: adminCookie, origin: server.url } });
    expect(issue.status).toBe(200);
    const mail = await waitForMail(server.mailDir, (m) => m.to === email && m.tags.template === 'coupon');
    const headers = (mail as unknown as { headers: Record<string, string> }).headers;
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const url = /^<(.+)>$/.exec(headers['List-Unsubscribe']!)![1]!;
    // The mail provider's server posts, with no Origin and no cookies.
    const oneClick = await fetch(url, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(oneClick.status).toBe(200);
    expect((await findPersonByEmail(server.db, email))!.unsubscribedAt).not.toBeNull();
  });

  it('keeps only the topics a person chose: no coupon mail after turning salons off', async () => {
    const email = 'picky@example.com';
    await postJson(`${server.url}/api/leads`, { email, interest: 'newsletter', consent: true });
    const link = new URL(await unsubscribeUrl(server.db, email));
    const save = await fetch(`${server.url}/unsubscribe/`, { method: 'POST', body: new URLSearchParams({ action: 'topics', email, sig: link.searchParams.get('sig')!, 'topic-newsletter': 'on' }), headers: { origin: server.url } });
    expect(await save.text()).toMatch(/Saved/);
    expect((await findPersonByEmail(server.db, email))!.mailPreferences).toEqual({ salons: false, newsletter: true, community: false });
    await fetch(`${server.url}/admin/coupons/`, { method: 'POST', body: new URLSearchParams({ action: 'issue', email, prefix: 'VIP', description: '15% off', percentOff: '15', validDays: '30' }), headers: { cookie: adminCookie, origin: server.url } });
    await new Promise((r) => setTimeout(r, 500));
    expect(readMail(server.mailDir).filter((m) => m.to === email && m.tags.template === 'coupon')).toEqual([]);
  });
});
