// Deals and customer grades over real HTTP: PATCH /api/sales/leads/<id> takes
// currency, close date and lost reason with a message per field (in the
// caller's language) and writes nothing on a refusal; /admin/customer-grades/
// is admin-only, shows a wrong threshold beside its field, and saves a new
// version; /admin/channels/ reports by last touch with revenue and ROI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { accounts, auditLog, deals, people, ruleVersions } from '../../db/tables';
import { writeTransaction } from '../../src/lib/platform/db';
import { sessionCookie } from '../support/people';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
const cookie: Record<string, string> = {};
let leadId = 0;
let accountId = 0;

beforeAll(async () => {
  server = await startServer({
    env: { MAIL_WORKER: 'off', RATE_LIMITS: 'off' },
    prepare: async (db) => {
      for (const role of ['member', 'door', 'sales', 'admin'] as const) cookie[role] = await sessionCookie(db, `${role}@flywheel.example`, role);
      const [a] = await writeTransaction(db, (tx) => tx.insert(accounts).values({ domain: 'lumen.cn', name: 'Suzhou Lumen Sensors' }).returning());
      accountId = a!.id;
      const [p] = await writeTransaction(db, (tx) => tx.insert(people).values({ email: 'gm@lumen.cn', name: 'Gu Ming', companySize: '5000+', accountId, firstSource: 'baidu', lastSource: 'wechat' }).returning());
      leadId = p!.id;
    },
  });
}, 60_000);
afterAll(async () => server?.stop());

async function call(method: string, path: string, role: keyof typeof cookie | null, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const form = typeof body === 'string';
  const res = await fetch(server.url + path, {
    method,
    headers: { ...(role ? { cookie: cookie[role]! } : {}), ...(body !== undefined ? { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json', origin: server.url } : {}), ...headers },
    ...(body !== undefined ? { body: form ? body : JSON.stringify(body) } : {}),
    redirect: 'manual',
  });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: text };
  }
}

describe('PATCH /api/sales/leads/<id> with a complete deal', () => {
  it.each([
    [{ deal: { outcome: 'won', value: 100, currency: 'RMB' } }, 'deal.currency'],
    [{ deal: { outcome: 'won', value: 100, currency: 7 } }, 'deal.currency'],
    [{ deal: { outcome: 'won', value: 100, closedAt: 'last tuesday' } }, 'deal.closedAt'],
    [{ deal: { outcome: 'won', value: 100, closedAt: '2099-01-01' } }, 'deal.closedAt'],
    [{ deal: { outcome: 'won', value: 100, closedAt: '2014-06-30T10:00:00+08:00' } }, 'deal.closedAt'],
    [{ deal: { outcome: 'won', value: 100, lostReason: 'Too pricey' } }, 'deal.lostReason'],
    [{ deal: { outcome: 'lost', lostReason: 'x'.repeat(301) } }, 'deal.lostReason'],
    [{ deal: { outcome: 'won', value: 100, extra: 1 } }, 'deal'],
  ])('refuses %j with a message for its field, writing nothing', async (body, field) => {
    const res = await call('PATCH', `/api/sales/leads/${leadId}`, 'sales', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid');
    expect(Object.keys(res.body.error.fields)).toContain(field);
    expect(await server.db.select().from(deals)).toEqual([]);
    expect((await server.db.select({ status: people.status }).from(people).where(eq(people.id, leadId)))[0]!.status).toBe('new');
  });

  it('says it in Chinese to a Chinese caller', async () => {
    const res = await call('PATCH', `/api/sales/leads/${leadId}`, 'sales', { deal: { outcome: 'won', value: 100, closedAt: '2099-01-01' } }, { 'accept-language': 'zh-CN' });
    expect(res.body.error.fields['deal.closedAt']).toBe('成交日期不能晚于今天。');
  });

  it('records a lost deal with its value and reason, then a won deal in USD: status, CNY value, touches, account and its grade', async () => {
    expect((await call('PATCH', `/api/sales/leads/${leadId}`, 'sales', { deal: { outcome: 'lost', value: 30000, lostReason: 'Chose a local CRM vendor' } })).status).toBe(200);
    const res = await call('PATCH', `/api/sales/leads/${leadId}`, 'sales', { deal: { outcome: 'won', value: 30000, currency: 'USD', package: 'growth-flywheel', closedAt: '2025-03-01' } });
    expect(res.status).toBe(200);
    expect(res.body.lead.status).toBe('won');
    const rows = await server.db.select().from(deals).where(eq(deals.personId, leadId));
    expect(rows.map((d) => [d.outcome, d.value, d.currency, d.valueCny, d.lostReason, d.accountId, d.firstSource, d.lastSource])).toEqual([
      ['lost', 30000, 'CNY', 30000, 'Chose a local CRM vendor', accountId, 'baidu', 'wechat'],
      ['won', 30000, 'USD', 213000, null, accountId, 'baidu', 'wechat'],
    ]);
    // Closed more than 12 months ago (before today, whatever today is): a customer, but no payment in the window.
    const [a] = await server.db.select().from(accounts).where(eq(accounts.id, accountId));
    expect(a).toMatchObject({ wonDeals: 1, scaleTier: 'high' });
    expect(a!.customerGrade).toMatch(/^[AB][123]$/);
    expect((await server.db.select().from(auditLog).where(eq(auditLog.entity, 'deal'))).length).toBe(2);
  });
});

describe('the account page\'s deal form', () => {
  it('refuses a person of another account (nothing written), then records the deal on the person picked', async () => {
    const [other] = await writeTransaction(server.db, (tx) => tx.insert(accounts).values({ domain: 'elsewhere.cn', name: 'Elsewhere' }).returning());
    const [stranger] = await writeTransaction(server.db, (tx) => tx.insert(people).values({ email: 'cfo@elsewhere.cn', name: 'Stranger', accountId: other!.id }).returning());
    const [buyer] = await writeTransaction(server.db, (tx) => tx.insert(people).values({ email: 'cfo@lumen.cn', name: 'Lu Qing', accountId }).returning());
    const before = (await server.db.select().from(deals)).length;
    const form = (person: number): string => new URLSearchParams({ deal_person: String(person), deal_outcome: 'won', deal_value: '88000', deal_currency: 'CNY' }).toString();

    const refused = await call('POST', `/sales/accounts/${accountId}/`, 'sales', form(stranger!.id));
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('Pick one of this account’s people.');
    expect(await server.db.select().from(deals)).toHaveLength(before);

    const saved = await call('POST', `/sales/accounts/${accountId}/`, 'sales', form(buyer!.id));
    expect(saved.status).toBe(200);
    expect(saved.body).toContain('role="status"');
    const [deal] = await server.db.select().from(deals).where(eq(deals.personId, buyer!.id));
    expect(deal).toMatchObject({ outcome: 'won', value: 88000, valueCny: 88000, accountId });
    expect((await server.db.select().from(people).where(eq(people.id, buyer!.id)))[0]!.status).toBe('won');
    // The member and the door volunteer never reach the form.
    expect((await call('POST', `/sales/accounts/${accountId}/`, 'member', form(buyer!.id))).status).toBe(403);
    expect((await call('POST', `/sales/accounts/${accountId}/`, 'door', form(buyer!.id))).status).toBe(403);
  });
});

describe('/admin/customer-grades/', () => {
  it.each(['member', 'door', 'sales'] as const)('is refused to %s (403), page and form', async (role) => {
    expect((await call('GET', '/admin/customer-grades/', role)).status).toBe(403);
    expect((await call('POST', '/admin/customer-grades/', role, 'intent=save&payment.high=1')).status).toBe(403);
  });

  it('sends an anonymous visitor to sign in', async () => {
    const res = await call('GET', '/admin/customer-grades/', null);
    expect([302, 401]).toContain(res.status);
  });

  it('shows a wrong threshold beside its field, then saves a new version', async () => {
    const page = await call('GET', '/admin/customer-grades/', 'admin');
    expect(page.status).toBe(200);
    expect(page.body).toContain('id="grade-grid"');
    const fields = (over: Record<string, string>) =>
      new URLSearchParams({
        ...Object.fromEntries(['1-10', '11-50', '51-200'].map((b) => [`scale.${b}`, 'low'])),
        'scale.201-1000': 'medium',
        'scale.1001-5000': 'high',
        'scale.5000+': 'high',
        'payment.high': '200000',
        'payment.medium': '50000',
        'activity.high': '30',
        'activity.medium': '10',
        'fxToCny.USD': '7.1',
        'fxToCny.EUR': '7.7',
        'fxToCny.HKD': '0.91',
        'fxToCny.JPY': '0.047',
        'fxToCny.SGD': '5.3',
        ...over,
      }).toString();
    const bad = await call('POST', '/admin/customer-grades/', 'admin', fields({ 'fxToCny.USD': 'seven', intent: 'save' }));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatch(/<p class="field-error" id="f-fxToCny-USD-error">A rate is CNY for one unit/);
    expect(bad.body).toContain('value="seven"');
    expect(await server.db.select().from(ruleVersions).where(eq(ruleVersions.kind, 'customer_grading'))).toEqual([]);
    const preview = await call('POST', '/admin/customer-grades/', 'admin', fields({ 'payment.high': '100000', intent: 'preview' }));
    expect(preview.status).toBe(200);
    expect(await server.db.select().from(ruleVersions).where(eq(ruleVersions.kind, 'customer_grading'))).toEqual([]);
    const ok = await call('POST', '/admin/customer-grades/', 'admin', fields({ 'fxToCny.USD': '7.2', intent: 'save', note: 'Q4 rates' }));
    expect(ok.status).toBe(200);
    const versions = await server.db.select().from(ruleVersions).where(eq(ruleVersions.kind, 'customer_grading'));
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect((versions[1]!.body as { fxToCny: { USD: number } }).fxToCny.USD).toBe(7.2);
    expect((await server.db.select().from(auditLog).where(eq(auditLog.entity, 'customer_grading'))).map((a) => a.action)).toEqual(['update']);
  });
});

describe('/admin/channels/ to the customer', () => {
  it('reports by last touch with revenue and revenue / cost; refused to sales', async () => {
    expect((await call('GET', '/admin/channels/?touch=last', 'sales')).status).toBe(403);
    const res = await call('GET', '/admin/channels/?touch=last&from=2015-01&to=2030-12', 'admin');
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/<option value="last" selected/);
    expect(res.body).toContain('data-stat="revenue"');
    expect(res.body).toContain('<tr data-key="wechat">');
  });
});
