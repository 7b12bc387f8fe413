// The admin money API over real HTTP: partners, costs and the deal field of
// PATCH /api/sales/leads/<id> — bad input gets a clear 4xx and writes
// nothing, only admins reach the admin API, anonymous callers get 401.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, campaignCosts, commissions, deals, partners, people } from '../../db/tables';
import { writeTransaction } from '../../src/lib/platform/db';
import { sessionCookie } from '../support/people';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
const cookie: Record<string, string> = {};
let leadId = 0;
let ownedLeadId = 0;

beforeAll(async () => {
  server = await startServer({
    env: { MAIL_WORKER: 'off', RATE_LIMITS: 'off' },
    prepare: async (db) => {
      for (const role of ['member', 'door', 'sales', 'admin'] as const) cookie[role] = await sessionCookie(db, `${role}@flywheel.example`, role);
      await sessionCookie(db, 'other-rep@flywheel.example', 'sales');
      const [p] = await writeTransaction(db, (tx) => tx.insert(partners).values({ code: 'LANTING', name: 'Lanting Growth Consulting', kind: 'agent', sharePercent: 30 }).returning());
      const [otherRep] = await db.select({ id: people.id }).from(people).where(eq(people.email, 'other-rep@flywheel.example'));
      const leads = await writeTransaction(db, (tx) =>
        tx
          .insert(people)
          .values([
            { email: 'buyer@lumen.cn', partnerId: p!.id },
            { email: 'taken@kaida-components.com', ownerId: otherRep!.id },
          ])
          .returning(),
      );
      leadId = leads[0]!.id;
      ownedLeadId = leads[1]!.id;
    },
  });
}, 60_000);
afterAll(async () => server?.stop());

async function call(method: string, path: string, role: keyof typeof cookie | null, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(server.url + path, {
    method,
    headers: { ...(role ? { cookie: cookie[role]! } : {}), ...(body !== undefined ? { 'content-type': 'application/json', origin: server.url } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    redirect: 'manual',
  });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: text };
  }
}

describe('who may call the admin money API', () => {
  it.each([
    ['GET', '/api/admin/partners', undefined],
    ['POST', '/api/admin/partners', { name: 'X Partners', code: 'XPART', share: 30 }],
    ['PATCH', '/api/admin/partners/1', { share: 40 }],
    ['POST', '/api/admin/costs', { month: '2026-10', source: 'baidu', amount: 1, currency: 'CNY' }],
  ])('%s %s: anonymous 401, member, door and sales 403', async (method, path, body) => {
    expect((await call(method, path, null, body)).status).toBe(401);
    for (const role of ['member', 'door', 'sales'] as const) expect((await call(method, path, role, body)).status, role).toBe(403);
    expect(await server.db.select().from(campaignCosts)).toEqual([]);
    expect((await server.db.select().from(partners)).map((p) => p.code)).toEqual(['LANTING']);
  });
});

describe('POST /api/admin/partners', () => {
  it('creates a partner (201), lists it with its numbers, and refuses a taken code (409)', async () => {
    const created = await call('POST', '/api/admin/partners', 'admin', { name: '华宇数字', code: 'huayu', share: 35, contact: 'bd@huayu.example', kind: 'agent' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'HUAYU', name: '华宇数字', share: 35, contact: 'bd@huayu.example', kind: 'agent' });
    const listed = await call('GET', '/api/admin/partners', 'admin');
    expect(listed.body.partners.find((p: { code: string }) => p.code === 'HUAYU')).toMatchObject({ leads: 0, mqls: 0, won: 0, owed: 0 });
    const again = await call('POST', '/api/admin/partners', 'admin', { name: 'Another', code: 'HUAYU', share: 30 });
    expect(again.status).toBe(409);
    expect(again.body.error.fields.code).toMatch(/already uses this code/);
    const audit = await server.db.select().from(auditLog).where(eq(auditLog.entity, 'partner'));
    expect(audit.map((a) => [a.action, a.entityId])).toEqual([['create', String(created.body.id)]]);
  });

  it.each([
    [{ name: 'A', code: 'ABCD', share: 19 }, 'share', /between 20 and 50/],
    [{ name: 'Agency', code: 'ABCD', share: 51 }, 'share', /between 20 and 50/],
    [{ name: 'Agency', code: 'ABCD', share: 30.5 }, 'share', /whole percentage/],
    [{ name: 'Agency', code: 'AB', share: 30 }, 'code', /3 to 16/],
    [{ name: 'Agency', code: 'AB-CD', share: 30 }, 'code', /3 to 16/],
    [{ name: 'Agen\u0007cy', code: 'ABCD', share: 30 }, 'name', /one line/],
    [{ name: 'Agency', code: 'ABCD', share: 30, contact: 'not-an-email' }, 'contact', /email/],
    [{ code: 'ABCD', share: 30 }, 'name', /name/],
    [{ name: 'Agency', code: 'ABCD', share: 30, kind: 'reseller' }, 'kind', /agent or a channel/],
  ])('refuses %j with a message on %s', async (body, field, message) => {
    const res = await call('POST', '/api/admin/partners', 'admin', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid');
    expect(res.body.error.fields[field]).toMatch(message);
    expect((await server.db.select().from(partners).where(eq(partners.code, 'ABCD')))).toEqual([]);
  });

  it('answers 413 to an oversize body, 400 to bad JSON, in Chinese when asked', async () => {
    expect((await call('POST', '/api/admin/partners', 'admin', JSON.stringify({ name: 'x'.repeat(70_000), code: 'BIGONE', share: 30 }))).status).toBe(413);
    expect((await call('POST', '/api/admin/partners', 'admin', '{"name":')).status).toBe(400);
    const zh = await call('POST', '/api/admin/partners', 'admin', { name: 'Agency', code: 'ABCD', share: 60 }, { 'accept-language': 'zh-CN' });
    expect(zh.body.error.fields.share).toBe('分成比例须为 20 到 50 之间的整数百分比。');
  });

  it('PATCH changes a partner (audit row with before and after), 404 for an unknown one', async () => {
    const [p] = await server.db.select().from(partners).where(eq(partners.code, 'LANTING'));
    const res = await call('PATCH', `/api/admin/partners/${p!.id}`, 'admin', { share: 32 });
    expect(res.status).toBe(200);
    expect(res.body.share).toBe(32);
    const [audit] = await server.db.select().from(auditLog).where(eq(auditLog.action, 'update'));
    expect(audit?.detail?.changes?.sharePercent).toEqual({ before: 30, after: 32 });
    // Only what was sent changes: a channel partner with a contact stays one.
    const mekong = await call('POST', '/api/admin/partners', 'admin', { name: 'Mekong Channel Partners', code: 'MEKONG', share: 25, kind: 'channel', contact: 'partners@mekong.example' });
    expect((await call('PATCH', `/api/admin/partners/${mekong.body.id}`, 'admin', { share: 27 })).body).toMatchObject({ kind: 'channel', contact: 'partners@mekong.example', share: 27 });
    expect((await call('PATCH', `/api/admin/partners/${mekong.body.id}`, 'admin', { contact: '' })).body).toMatchObject({ kind: 'channel', contact: null, share: 27 });
    expect((await call('PATCH', '/api/admin/partners/99999', 'admin', { share: 32 })).status).toBe(404);
    expect((await call('GET', '/api/admin/partners/abc', 'admin')).status).toBe(404);
    expect((await call('PATCH', `/api/admin/partners/${p!.id}`, 'admin', { share: 55 })).status).toBe(400);
  });
});

describe('POST /api/admin/costs', () => {
  it('adds (201), then updates the same month and channel (200)', async () => {
    const body = { month: '2026-10', source: 'baidu', medium: 'cpc', campaign: 'brand-sem', partner: null, amount: 26000, currency: 'CNY' };
    const added = await call('POST', '/api/admin/costs', 'admin', body);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ status: 'added', cost: { month: '2026-10', source: 'baidu', amount: 26000, currency: 'CNY' } });
    const updated = await call('POST', '/api/admin/costs', 'admin', { ...body, amount: 27500, partner: 'LANTING' });
    expect(updated.status).toBe(200);
    expect(updated.body.status).toBe('updated');
    expect((await server.db.select().from(campaignCosts)).map((c) => c.amountCny)).toEqual([27500]);
  });

  it.each([
    [{ month: '2026-13', source: 'baidu', amount: 1, currency: 'CNY' }, 'month'],
    [{ month: '2026-10', source: 'baidu', amount: -1, currency: 'CNY' }, 'amount'],
    [{ month: '2026-10', source: 'baidu', amount: 'lots', currency: 'CNY' }, 'amount'],
    [{ month: '2026-10', source: 'baidu', amount: 100, currency: 'USD' }, 'currency'],
    [{ month: '2026-10', source: 'bai\ndu', amount: 100, currency: 'CNY' }, 'source'],
    [{ month: '2026-10', amount: 100, currency: 'CNY' }, 'source'],
    [{ month: '2026-10', source: 'baidu', amount: 100, currency: 'CNY', partner: 'NOBODY' }, 'partner'],
    [{ month: '2026-10', source: 'x'.repeat(61), amount: 100, currency: 'CNY' }, 'source'],
  ])('refuses %j on %s, writing nothing', async (body, field) => {
    const before = await server.db.select().from(campaignCosts);
    const res = await call('POST', '/api/admin/costs', 'admin', body);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toContain(field);
    expect(await server.db.select().from(campaignCosts)).toEqual(before);
  });
});

describe('PATCH /api/sales/leads/<id> with a deal', () => {
  it.each([
    [{ deal: { outcome: 'won' } }, 'deal.value'],
    [{ deal: { outcome: 'won', value: -5 } }, 'deal.value'],
    [{ deal: { outcome: 'won', value: 100.5 } }, 'deal.value'],
    [{ deal: { outcome: 'won', value: '36000' } }, 'deal.value'],
    [{ deal: { outcome: 'maybe', value: 1 } }, 'deal.outcome'],
    [{ deal: { outcome: 'won', value: 1, package: 'Growth Flywheel!' } }, 'deal.package'],
    [{ deal: { outcome: 'lost', lostReason: 'line\nbreak' } }, 'deal.lostReason'],
    [{ deal: { outcome: 'won', value: 1 }, status: 'lost' }, 'status'],
  ])('refuses %j', async (body, field) => {
    const res = await call('PATCH', `/api/sales/leads/${leadId}`, 'sales', body);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toContain(field);
    expect(await server.db.select().from(deals)).toEqual([]);
  });

  it('records a won deal (status won, a commission for the partner); a member gets 403, anonymous 401', async () => {
    expect((await call('PATCH', `/api/sales/leads/${leadId}`, null, { deal: { outcome: 'won', value: 36000 } })).status).toBe(401);
    expect((await call('PATCH', `/api/sales/leads/${leadId}`, 'member', { deal: { outcome: 'won', value: 36000 } })).status).toBe(403);
    const res = await call('PATCH', `/api/sales/leads/${leadId}`, 'sales', { deal: { outcome: 'won', value: 36000, package: 'lead-scoring-desk' } });
    expect(res.status).toBe(200);
    expect(res.body.lead.status).toBe('won');
    expect((await server.db.select().from(commissions)).map((c) => [c.amount, c.sharePercent])).toEqual([[11520, 32]]); // 32 %: the share the PATCH above set
  });

  it("still refuses to claim someone else's lead (409), with or without a deal, writing nothing", async () => {
    const res = await call('PATCH', `/api/sales/leads/${ownedLeadId}`, 'sales', { owner: 'me', deal: { outcome: 'lost' } });
    expect(res.status).toBe(409);
    expect((await server.db.select().from(deals).where(eq(deals.personId, ownedLeadId)))).toEqual([]);
  });
});

describe("a partner's page", () => {
  async function commission(daysAgo: number): Promise<number> {
    const db = server.db;
    const [p] = await db.select().from(partners).where(eq(partners.code, 'LANTING'));
    const accruedAt = new Date(Date.now() - daysAgo * 86_400_000);
    return writeTransaction(db, async (tx) => {
      const [lead] = await tx.insert(people).values({ email: `page-${daysAgo}@harbourline.sg`, partnerId: p!.id }).returning();
      const [deal] = await tx.insert(deals).values({ personId: lead!.id, outcome: 'won', value: 20000, partnerId: p!.id, closedAt: accruedAt }).returning();
      const [c] = await tx.insert(commissions).values({ dealId: deal!.id, partnerId: p!.id, sharePercent: 30, amount: 6000, accruedAt, payableFrom: new Date(accruedAt.getTime() + 30 * 86_400_000) }).returning();
      return c!.id;
    });
  }
  const pay = async (partnerId: number, id: number, role: keyof typeof cookie = 'admin') =>
    fetch(`${server.url}/admin/partners/${partnerId}/`, { method: 'POST', headers: { cookie: cookie[role]!, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' }, body: `action=pay&commission=${id}`, redirect: 'manual' });

  it('marks a payable commission paid from its "Mark paid" button, refuses a pending one (409), and exports the ledger', async () => {
    const [p] = await server.db.select().from(partners).where(eq(partners.code, 'LANTING'));
    const payable = await commission(40);
    const pending = await commission(3);
    const page = await (await fetch(`${server.url}/admin/partners/${p!.id}/`, { headers: { cookie: cookie.admin! } })).text();
    expect(page).toContain(`name="commission" value="${payable}"`);
    expect(page).not.toContain(`name="commission" value="${pending}"`);

    const early = await pay(p!.id, pending);
    expect(early.status).toBe(409);
    expect(await early.text()).toContain('still pending');
    expect((await pay(p!.id, payable, 'sales')).status).toBe(403);
    const paid = await pay(p!.id, payable);
    expect(paid.status).toBe(200);
    expect(await paid.text()).toMatch(/Commission of ¥6,000 marked paid/);
    expect((await pay(p!.id, payable)).status).toBe(409);
    const rows = await server.db.select().from(commissions).where(eq(commissions.id, payable));
    expect(rows[0]!.paidAt).not.toBeNull();

    const csv = await fetch(`${server.url}/admin/partners/${p!.id}/commissions.csv`, { headers: { cookie: cookie.admin! } });
    expect(csv.headers.get('content-disposition')).toContain('commissions-LANTING.csv');
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toMatch(/^commission_id,partner_code,partner,lead/);
    expect(lines.some((l) => l.startsWith(`${payable},LANTING,`) && l.includes(',paid,'))).toBe(true);
    expect(lines.some((l) => l.startsWith(`${pending},LANTING,`) && l.includes(',pending,'))).toBe(true);
    expect((await fetch(`${server.url}/admin/partners/${p!.id}/commissions.csv`, { headers: { cookie: cookie.sales! } })).status).toBe(403);

    // Every partner's payable commissions: a third one, payable and unpaid, is the only row.
    const third = await commission(35);
    const all = (await (await fetch(`${server.url}/admin/partners/payable.csv`, { headers: { cookie: cookie.admin! } })).text()).trim().split('\n');
    expect(all.slice(1).map((l) => l.split(',')[0])).toEqual([String(third)]);
  });

  it('edits a partner from its page: a share of 60 is refused beside the field, nothing changes', async () => {
    const [p] = await server.db.select().from(partners).where(eq(partners.code, 'LANTING'));
    const edit = (share: string) =>
      fetch(`${server.url}/admin/partners/${p!.id}/`, { method: 'POST', headers: { cookie: cookie.admin!, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ action: 'save', name: p!.name, code: p!.code, kind: p!.kind, share, contact: '' }).toString() });
    const wrong = await edit('60');
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toMatch(/<p class="field-error" id="p-share-error">The share is a whole percentage between 20 and 50.<\/p>/);
    expect((await server.db.select().from(partners).where(eq(partners.id, p!.id)))[0]!.sharePercent).toBe(p!.sharePercent);
    const right = await edit('28');
    expect(right.status).toBe(200);
    expect(await right.text()).toContain(`Partner ${p!.name} saved.`);
    expect((await server.db.select().from(partners).where(eq(partners.id, p!.id)))[0]!.sharePercent).toBe(28);
  });
});
