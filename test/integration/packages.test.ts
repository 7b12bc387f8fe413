// Packages as rows: a fresh server has the packages of content/packages/ as rows, /pricing/ reads
// them on demand, an edit in /admin/packages/ shows at once in this process and within seconds in
// another, with an audit row; a hidden package leaves the page; lead interests read the rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, packages } from '../../db/tables';
import { writeTransaction } from '../../db/client';
import { startServer, type RunningServer } from '../support/server';
import { sessionCookie } from '../support/people';
import { postJson } from '../support/http';
import { ensurePackages } from '../../src/lib/content/packages';

const env = { RATE_LIMITS: 'off', MAIL_WORKER: 'off' };
let server: RunningServer;
let twin: RunningServer;
let admin = '';

beforeAll(async () => {
  server = await startServer({ env });
  twin = await startServer({ env, dir: server.dir });
  admin = await sessionCookie(server.db, 'ops@packages.example', 'admin');
}, 120_000);

afterAll(async () => {
  await twin?.stop({ keepFiles: true });
  await server?.stop();
});

const text = async (s: RunningServer, path: string) => (await fetch(s.url + path)).text();

/** The /admin/packages/ form of one package, as the page would post it, with some fields changed. */
async function postEdit(slug: string, change: Record<string, string>, cookie = admin) {
  const [p] = await server.db.select().from(packages).where(eq(packages.slug, slug));
  const fields: Record<string, string> = { slug, name: p!.name, nameZh: p!.nameZh, tagline: p!.tagline, taglineZh: p!.taglineZh, priceCny: String(p!.priceCny), anchorPriceCny: p!.anchorPriceCny ? String(p!.anchorPriceCny) : '', features: p!.features.join('\n'), featuresZh: p!.featuresZh.join('\n'), order: String(p!.order), ...(p!.highlighted ? { highlighted: 'on' } : {}), ...(p!.active ? { active: 'on' } : {}), ...change };
  for (const [k, v] of Object.entries(fields)) if (v === '\u0000drop') delete fields[k];
  const res = await fetch(`${server.url}/admin/packages/`, { method: 'POST', headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  return { status: res.status, html: await res.text() };
}

describe('packages as rows', () => {
  it('a fresh start has every package of content/packages/ as a row, in order, and seeding again changes nothing', async () => {
    const rows = await server.db.select().from(packages).orderBy(packages.order);
    expect(rows.map((r) => r.slug)).toEqual(['growth-flywheel', 'lead-scoring-desk', 'salon-kit', 'community-cohorts', 'partner-channel']);
    expect(rows[0]).toMatchObject({ kind: 'bundle', priceCny: 79000, anchorPriceCny: 106000, highlighted: true, active: true, nameZh: '增长飞轮套装' });
    await ensurePackages(server.db);
    expect(await server.db.select().from(packages)).toHaveLength(5);
  });

  it('/pricing/ and /zh/pricing/ are served on demand from the rows and let browsers revalidate', async () => {
    const res = await fetch(`${server.url}/pricing/`);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    expect(html).toContain('Lead Scoring Desk');
    expect(html).toContain('/request/?interest=package:lead-scoring-desk');
    expect(await text(server, '/zh/pricing/')).toContain('线索评分台');
  });

  it('an edit shows on /pricing/ at once here, within seconds in the other process, with an audit row', async () => {
    const saved = await postEdit('lead-scoring-desk', { priceCny: '32800', featuresZh: '匹配度评分\n销售工作台\n\nCSV 导出' });
    expect(saved.status).toBe(200);
    expect(saved.html).toContain('role="status"');
    expect(await text(server, '/pricing/')).toContain('32,800');
    expect(await text(server, '/zh/pricing/')).toContain('CSV 导出');
    const deadline = Date.now() + 8_000;
    while (!(await text(twin, '/pricing/')).includes('32,800')) {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 250));
    }
    const [row] = await server.db.select().from(packages).where(eq(packages.slug, 'lead-scoring-desk'));
    expect(row!.featuresZh).toEqual(['匹配度评分', '销售工作台', 'CSV 导出']);
    const audit = await server.db.select().from(auditLog).where(and(eq(auditLog.entity, 'package'), eq(auditLog.entityId, 'lead-scoring-desk')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail?.changes?.priceCny).toEqual({ before: 36000, after: 32800 });
  });

  it('a hidden package leaves /pricing/, and an old link to it still makes a lead', async () => {
    expect((await postEdit('partner-channel', { active: '\u0000drop' })).status).toBe(200);
    expect(await text(server, '/pricing/')).not.toContain('interest=package:partner-channel');
    expect((await postJson(`${server.url}/api/leads`, { email: 'old-link@acme.com', interest: 'package:partner-channel' })).status).toBe(201);
  });

  it('lead interests read the rows: a package added as a row is accepted, an unknown one is not', async () => {
    await writeTransaction(server.db, (tx) => tx.insert(packages).values({ slug: 'wecom-connector', kind: 'tool', name: 'WeCom Connector', nameZh: '企业微信连接器', tagline: 'Leads into WeCom.', taglineZh: '线索直达企业微信。', priceCny: 9800, period: 'year', features: ['a', 'b', 'c'], featuresZh: ['一', '二', '三'], includes: [], order: 9, updatedAt: new Date() }));
    expect((await postJson(`${twin.url}/api/leads`, { email: 'wecom@acme.com', interest: 'package:wecom-connector' })).status).toBe(201);
    const bad = await postJson(`${twin.url}/api/leads`, { email: 'nobody@acme.com', interest: 'package:no-such-thing' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.interest).toBeTruthy();
  });

  it.each([
    ['a price of zero', { priceCny: '0' }, 'priceCny'],
    ['a price in words', { priceCny: 'cheap' }, 'priceCny'],
    ['an empty name', { name: '  ' }, 'name'],
    ['a name with control characters', { nameZh: '套\u0007餐' }, 'nameZh'],
    ['no features', { features: '\n\n' }, 'features'],
    ['a position of -1', { order: '-1' }, 'order'],
  ])('refuses %s with the message beside the field, and saves nothing', async (_, change, field) => {
    const before = await server.db.select().from(packages).where(eq(packages.slug, 'salon-kit'));
    const res = await postEdit('salon-kit', change);
    expect(res.status).toBe(400);
    expect(res.html).toContain(`id="salon-kit-${field}-error"`);
    expect(await server.db.select().from(packages).where(eq(packages.slug, 'salon-kit'))).toEqual(before);
  });

  it('refuses an unknown package with 404, and anyone but an admin', async () => {
    expect((await postEdit('salon-kit', { slug: 'no-such-package' })).status).toBe(404);
    for (const role of ['member', 'sales', 'door'] as const) {
      const cookie = await sessionCookie(server.db, `${role}@packages.example`, role);
      expect((await postEdit('salon-kit', { priceCny: '1' }, cookie)).status).toBe(403);
    }
    const anonymous = await fetch(`${server.url}/admin/packages/`, { method: 'POST', redirect: 'manual', headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' }, body: 'slug=salon-kit&priceCny=1' });
    expect([302, 303, 401]).toContain(anonymous.status);
    expect((await server.db.select().from(packages).where(eq(packages.slug, 'salon-kit')))[0]!.priceCny).toBe(24000);
  });
});
