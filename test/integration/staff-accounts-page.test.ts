// /admin/people/ through the running server: the staff table and add form
// (a bad email first, its message beside the field), a role change, refusals
// with clear 409s, a demoted sales person losing their token and session at
// once, the audit rows, the privacy lookup still there, Chinese, and who may
// open the page at all.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, mailOutbox, signInCodes } from '../../db/tables';
import { writeTransaction } from '../../src/lib/platform/db';
import { findPersonByEmail, setRole } from '../../src/lib/leads/people';
import { createSession } from '../../src/lib/auth/sessions';
import { createApiToken } from '../../src/lib/auth/api-tokens';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
const cookies: Record<string, string> = {};
let adminId = 0;

beforeAll(async () => {
  server = await startServer({
    prepare: async (db) => {
      for (const [email, role] of [['ops@flywheel.example', 'admin'], ['desk@flywheel.example', 'sales'], ['member@example.com', 'member'], ['volunteer@example.com', 'door']] as const) {
        const person = await setRole(db, email, role);
        cookies[role] = `fw_session=${(await createSession(db, person.id)).token}`;
        if (role === 'sales') await createApiToken(db, person.id, 'CRM sync');
        if (role === 'admin') adminId = person.id;
      }
    },
  });
});
afterAll(async () => server?.stop());

function post(path: string, form: Record<string, string>, cookie = cookies.admin!): Promise<Response> {
  return fetch(server.url + path, { method: 'POST', body: new URLSearchParams(form), headers: { cookie, origin: server.url }, redirect: 'manual' });
}
const get = (path: string, cookie = cookies.admin!, headers: Record<string, string> = {}): Promise<Response> => fetch(server.url + path, { headers: { cookie, ...headers }, redirect: 'manual' });
/** The page's visible words (from <main> on), so a failure shows words, not the stylesheet. */
const text = (html: string): string => html.replace(/^[\s\S]*?<main/, '<main').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('/admin/people/', () => {
  it('lists staff with their role, sign-in and tokens, explains each role, and keeps the privacy lookup', async () => {
    const res = await get('/admin/people/');
    expect(res.status).toBe(200);
    const html = await res.text();
    const page = text(html);
    expect(page).toContain('Staff accounts');
    expect(page).toMatch(/desk@flywheel\.example.*sales/);
    expect(html).toMatch(/<td data-label="API tokens"[^>]*>1<\/td>/);
    expect(page).toContain('Checks guests in at salons (/door/) and nothing else.');
    expect(page).toContain('Privacy requests');
    expect(html).toContain('id="p-email"');
    // Your own row offers no form to change or remove yourself.
    expect(html).not.toContain(`id="role-${adminId}"`);
  });

  it('shows a bad email beside the field first, then adds the account and mails them', async () => {
    const bad = await post('/admin/people/', { action: 'add', email: 'volunteer two@example', role: 'door' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toMatch(/<input id="s-email"[^>]*aria-invalid="true"[^>]*aria-describedby="s-email-error"/);
    expect(html).toMatch(/<p class="field-error" id="s-email-error"[^>]*>Enter a valid email address/);
    expect(html).toContain('value="volunteer two@example"');

    const ok = await post('/admin/people/', { action: 'add', email: 'Volunteer.Two@Example.com', role: 'door' });
    expect(ok.status).toBe(200);
    expect(text(await ok.text())).toContain('volunteer.two@example.com is now door. We emailed them where to sign in.');
    const mail = (await server.db.select().from(mailOutbox).where(eq(mailOutbox.template, 'staff-access')))[0]!;
    expect(mail.to).toBe('volunteer.two@example.com');
    expect(mail.text).toContain(`${server.url}/login/?next=%2Fdoor%2F`);
  });

  it('refuses changing your own role and removing the last admin with a clear 409', async () => {
    const self = await post('/admin/people/', { action: 'role', personId: String(adminId), role: 'door' });
    expect(self.status).toBe(409);
    expect(text(await self.text())).toContain('You cannot change or remove your own access. Ask another admin.');
    const zh = await post('/zh/admin/people/', { action: 'remove', personId: String(adminId) });
    expect(zh.status).toBe(409);
    expect(text(await zh.text())).toContain('不能修改或收回你自己的权限');
    expect((await findPersonByEmail(server.db, 'ops@flywheel.example'))!.role).toBe('admin');
  });

  it('demotes a sales person: their API token and their session stop working at once, and the change is on the trail', async () => {
    const seller = await setRole(server.db, 'seller@flywheel.example', 'sales');
    // They signed in with a code last week: taking their access away leaves them a member.
    await writeTransaction(server.db, (tx) => tx.insert(signInCodes).values({ email: seller.email, codeHash: 'used', expiresAt: new Date('2026-11-16T00:00:00Z'), consumedAt: new Date('2026-11-16T00:00:00Z') }));
    const salesToken = (await createApiToken(server.db, seller.id)).token;
    const sellerCookie = `fw_session=${(await createSession(server.db, seller.id)).token}`;
    expect((await get('/api/sales/leads', '', { authorization: `Bearer ${salesToken}` })).status).toBe(200);
    expect((await get('/sales/', sellerCookie)).status).toBe(200);

    const res = await post('/admin/people/', { action: 'role', personId: String(seller.id), role: 'door' });
    expect(res.status).toBe(200);
    expect(text(await res.text())).toContain('seller@flywheel.example: sales → door. API tokens revoked: 1. Sessions ended: 1.');
    expect((await get('/api/sales/leads', '', { authorization: `Bearer ${salesToken}` })).status).toBe(401);
    const after = await get('/sales/', sellerCookie);
    expect(after.status).toBe(302);
    expect(after.headers.get('location')).toMatch(/^\/login\//);

    const removed = await post('/admin/people/', { action: 'remove', personId: String(seller.id) });
    expect(text(await removed.text())).toContain('seller@flywheel.example no longer has staff access (now member).');
    const rows = await server.db.select().from(auditLog).where(eq(auditLog.entityId, String(seller.id)));
    expect(rows.map((r) => [r.entity, r.action, r.actorId, r.detail?.changes])).toEqual([
      ['staff', 'role_change', adminId, { role: { before: 'sales', after: 'door' } }],
      ['staff', 'role_change', adminId, { role: { before: 'door', after: 'member' } }],
    ]);
    const trail = text(await (await get('/admin/audit/?entity=staff')).text());
    expect(trail).toMatch(/Staff account \d+ role changed seller@flywheel\.example: door → member/);
  });

  it('answers bad input with a clear 4xx and writes nothing', async () => {
    const before = (await server.db.select().from(auditLog)).length;
    const cases: Array<[Record<string, string>, number, RegExp]> = [
      [{ action: 'add', email: `${'a'.repeat(250)}@example.com`, role: 'door' }, 400, /That email address is too long/],
      [{ action: 'add', email: 'tab\tin@example.com', role: 'door' }, 400, /Enter a valid email address/],
      [{ action: 'add', email: 'ok.person@example.com', role: 'superuser' }, 400, /Choose door, sales or admin/],
      [{ action: 'add', email: 'ok.person@example.com' }, 400, /Choose door, sales or admin/],
      [{ action: 'add', email: 'desk@flywheel.example', role: 'admin' }, 409, /already has staff access/],
      [{ action: 'role', personId: '1e9', role: 'sales' }, 404, /no staff account with that id/],
      [{ action: 'role', personId: 'DROP TABLE', role: 'sales' }, 400, /Choose a staff account from the list/],
      [{ action: 'remove' }, 400, /Choose a staff account from the list/],
      [{ action: 'promote' }, 400, /Choose what to do/],
    ];
    for (const [form, status, said] of cases) {
      const res = await post('/admin/people/', form);
      expect(res.status, JSON.stringify(form)).toBe(status);
      expect(text(await res.text()), JSON.stringify(form)).toMatch(said);
    }
    // A member's id is someone else's, not a staff account.
    const member = (await findPersonByEmail(server.db, 'member@example.com'))!;
    expect((await post('/admin/people/', { action: 'remove', personId: String(member.id) })).status).toBe(404);
    const json = await fetch(`${server.url}/admin/people/`, { method: 'POST', body: JSON.stringify({ action: 'add', email: 'json@example.com', role: 'admin' }), headers: { cookie: cookies.admin!, origin: server.url, 'content-type': 'application/json' } });
    expect(json.status).toBe(415);
    const huge = await post('/admin/people/', { action: 'add', email: 'big@example.com', role: 'door', pad: 'x'.repeat(70_000) });
    expect(huge.status).toBe(413);
    expect(await findPersonByEmail(server.db, 'ok.person@example.com')).toBeUndefined();
    expect(await findPersonByEmail(server.db, 'big@example.com')).toBeUndefined();
    expect((await server.db.select().from(auditLog)).length).toBe(before);
  });

  it('speaks Chinese at /zh/admin/people/', async () => {
    const page = text(await (await get('/zh/admin/people/')).text());
    for (const words of ['人员与角色', '员工账号', '开通员工权限', '各角色的权限', '只能在沙龙现场签到', '隐私请求']) expect(page).toContain(words);
    const bad = await post('/zh/admin/people/', { action: 'add', email: 'nope', role: 'door' });
    expect(text(await bad.text())).toMatch(/请输入有效的邮箱地址|邮箱/);
  });

  it('is for admins only: 403 for member, sales and door, sign-in for anonymous visitors', async () => {
    for (const path of ['/admin/people/', '/admin/audit/', '/zh/admin/audit/']) {
      for (const role of ['member', 'door', 'sales'] as const) {
        expect((await get(path, cookies[role]!)).status, `${role} ${path}`).toBe(403);
        expect((await post(path, { action: 'add', email: 'x@example.com', role: 'admin' }, cookies[role]!)).status, `${role} POST ${path}`).toBe(403);
      }
      const anon = await get(path, '');
      expect(anon.status).toBe(302);
      expect(anon.headers.get('location')).toMatch(/\/login\/\?next=/);
    }
    expect(await findPersonByEmail(server.db, 'x@example.com')).toBeUndefined();
  });
});
