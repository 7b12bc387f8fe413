// Staff screens in Chinese: under /zh/ the sales desk, a lead (claimed through
// its Chinese form), operations (channels, a salon's check-in) and the door
// list speak Chinese, format dates for Chinese readers and keep every link
// under /zh/; a refused role gets the Chinese refusal or the Chinese sign-in;
// and the desk does not scroll sideways on a 390 px phone.
import { eq } from 'drizzle-orm';
import { parse, type HTMLElement } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { people } from '../../db/tables';
import { postJson } from '../support/http';
import { journeyHarness } from '../support/journey';
import { expectNoSidewaysScroll } from '../support/page';
import { sessionCookie } from '../support/people';
import { fixtureSalon } from '../support/salons';

const cookies: Record<'sales' | 'admin' | 'door' | 'member', string> = { sales: '', admin: '', door: '', member: '' };
const h = journeyHarness({
  env: { RATE_LIMITS: 'off' },
  prepare: async (db) => {
    for (const role of ['sales', 'admin', 'door', 'member'] as const) cookies[role] = await sessionCookie(db, `${role}.zh@flywheel.example`, role);
  },
});
const salon = fixtureSalon('open');

async function get(path: string, as: keyof typeof cookies | null): Promise<{ status: number; html: string; doc: HTMLElement; location: string | null }> {
  const res = await fetch(`${h.server.url}${path}`, { redirect: 'manual', headers: as ? { cookie: cookies[as] } : {} });
  const html = await res.text();
  return { status: res.status, html, doc: parse(html), location: res.headers.get('location') };
}

async function post(path: string, as: keyof typeof cookies, fields: Record<string, string>): Promise<{ status: number; html: string; doc: HTMLElement; location: string | null }> {
  const res = await fetch(`${h.server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookies[as], origin: h.server.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  const html = await res.text();
  return { status: res.status, html, doc: parse(html), location: res.headers.get('location') };
}

/** The page's own words: the main content, without the people's and salons' names it shows. */
const main = (doc: HTMLElement): string => doc.querySelector('main')?.textContent ?? doc.textContent;

/** Every site link and form of the page and the staff bar stays in Chinese (APIs and files exist once, so they may stay unprefixed). */
function expectLinksUnderZh(doc: HTMLElement): void {
  const parts = [doc.querySelector('main'), doc.querySelector('.staff-header .brand'), doc.querySelector('.staff-nav')].filter((p): p is HTMLElement => p !== null);
  const targets = parts.flatMap((p) => [...p.querySelectorAll('a[href]').map((a) => a.getAttribute('href')!), ...p.querySelectorAll('form[action]').map((f) => f.getAttribute('action')!)]);
  const internal = targets.filter((t) => t.startsWith('/') && !/^\/(api|_astro)\//.test(t) && !/\.(csv|json|ics|png|xml)$/.test(t));
  expect(internal.length).toBeGreaterThan(0);
  expect(internal.filter((t) => !t.startsWith('/zh/')), 'links that leave the Chinese site').toEqual([]);
  // The language switch is the one way to English: the same page there.
  expect(doc.querySelector('.staff-header a.lang-switch')?.getAttribute('href')).not.toMatch(/^\/zh\//);
}

async function leadId(body: Record<string, unknown>): Promise<number> {
  const res = await postJson(`${h.server.url}/api/leads`, body);
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body.leadId;
}

/** An A lead: a general manager of a large manufacturer who asked for a demo and downloaded the benchmark. */
async function aLead(email: string, name: string): Promise<number> {
  const who = { email, name, jobTitle: '总经理', company: 'Suzhou Lumen Sensors', companySize: '5000+', industry: 'manufacturing', consent: true };
  const id = await leadId({ ...who, interest: 'demo' });
  await leadId({ ...who, interest: 'resource:b2b-lead-scoring-benchmark-2026' });
  return id;
}

describe('the sales desk in Chinese', () => {
  it('lists leads, filters and quick views in Chinese, with links under /zh/', async () => {
    await aLead('wang.lei@lumen-zh.cn', 'Wang Lei');
    const { status, html, doc } = await get('/zh/sales/', 'sales');
    expect(status).toBe(200);
    expect(html).toContain('<html lang="zh-CN"');
    const text = main(doc);
    expect(doc.querySelector('nav[aria-label="快捷视图"]')).not.toBeNull();
    for (const words of ['按评分看线索', '待认领 A 级', '我的线索', '筛选', '评分最高', '导出这些线索（CSV）', '等级分布', '主要原因']) expect(text).toContain(words);
    // The strongest reason, in Chinese; the grade stays a letter.
    const row = doc.querySelectorAll('tbody tr').find((r) => r.textContent.includes('Wang Lei'))!;
    expect(row.querySelector('.why')!.textContent).toBe('预约了演示');
    expect(row.querySelector('.grade')!.textContent).toMatch(/A$/);
    expect(row.querySelector('time')!.textContent).toMatch(/刚刚|分钟前/);
    expect(row.querySelector('time')!.getAttribute('title')).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} UTC$/);
    for (const english of ['Leads by score', 'Quick views', 'Unclaimed A', 'Filters', 'Top reason', 'Asked for a demo', 'Grade mix']) expect(text).not.toContain(english);
    expect(doc.querySelector('.staff-nav')!.textContent).toContain('销售工作台');
    expectLinksUnderZh(doc);
  });

  it('explains a lead in Chinese and claims it through the Chinese form', async () => {
    const id = await aLead('li.na@lumen-zh.cn', 'Li Na');
    const page = await get(`/zh/sales/leads/${id}/`, 'sales');
    expect(page.status).toBe(200);
    const text = main(page.doc);
    for (const words of ['决策者（总经理）', '预约了演示', '企业邮箱（lumen-zh.cn）', '匹配度', '互动度', '负责人与状态', '待认领。', '动态', '备注', '来源归因']) expect(text).toContain(words);
    expect(text).toMatch(/评分 \d+ · A 级/);
    expect(text).toMatch(/下载了：/);
    for (const english of ['Decision maker', 'Asked for a demo', 'Owner and status', 'Claim this lead', 'Activity', 'Downloaded']) expect(text).not.toContain(english);
    expectLinksUnderZh(page.doc);

    const claim = page.doc.querySelectorAll('form').find((f) => f.querySelector('input[name="owner"][value="me"]'))!;
    expect(claim.textContent).toContain('认领这条线索');
    const action = claim.getAttribute('action')!;
    expect(action).toBe(`/zh/sales/leads/${id}/`);
    const claimed = await post(action, 'sales', { owner: 'me' });
    // The answer stays on the Chinese page: no hop to the English one.
    expect(claimed.status).toBe(200);
    expect(claimed.location).toBeNull();
    expect(claimed.html).toContain('<html lang="zh-CN"');
    expect(main(claimed.doc)).toContain('已认领：这条线索现在由你负责。');
    expect(main(claimed.doc)).toContain('释放这条线索');
    const owner = (await h.server.db.select({ ownerId: people.ownerId }).from(people).where(eq(people.id, id)))[0]!.ownerId;
    expect(owner).not.toBeNull();

    // A refused change says why in Chinese too.
    const empty = await post(action, 'sales', { status: 'nope' });
    expect(empty.status).toBe(400);
    expect(main(empty.doc)).toMatch(/status 须为以下之一/);
  });

  it('does not scroll sideways at 390 px', async () => {
    const context = await h.browser.newContext({ viewport: { width: 390, height: 844 } });
    await context.addCookies([{ name: 'fw_session', value: cookies.sales.replace(/^fw_session=/, ''), url: h.server.url }]);
    const page = await context.newPage();
    await page.goto(`${h.server.url}/zh/sales/`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('按评分看线索');
    await expectNoSidewaysScroll(page);
    await page.getByText('筛选', { exact: true }).click();
    await expect(page.getByLabel('等级', { exact: true }).isVisible()).resolves.toBe(true);
    await expectNoSidewaysScroll(page);
    await context.close();
  });
});

describe('operations and the door in Chinese', () => {
  it('shows channels with Chinese labels, chart text and money', async () => {
    await aLead('zhao.min@lumen-zh.cn', 'Zhao Min');
    const { status, html, doc } = await get('/zh/admin/channels/', 'admin');
    expect(status).toBe(200);
    expect(html).toContain('<html lang="zh-CN"');
    const text = main(doc);
    for (const words of ['渠道表现', '起始月份', '分组方式', '单条线索成本', '单个 MQL 成本', '单个成交客户成本', '按所选触达方式归因', '直接访问']) expect(text).toContain(words);
    expect(doc.querySelector('[role="img"][aria-label]')!.getAttribute('aria-label')).toMatch(/^直接访问 \/ 未知：成本 ¥0，成交 ¥0 · 直接访问 \/ 未知：投入产出比 —$/);
    for (const english of ['Channel performance', 'Per lead', 'Leads are counted']) expect(text).not.toContain(english);
    expect(doc.querySelector('nav[aria-label="运营导航"]')!.textContent).toContain('人员与权限');
    expectLinksUnderZh(doc);
  });

  it('checks a guest in at the Chinese door screen', async () => {
    const res = await postJson(`${h.server.url}/api/events/${salon.id}/register`, { email: 'zhou.xun@example.com', name: 'Zhou Xun', company: 'Harbour Freight', jobTitle: 'Engineer' });
    expect(res.status).toBe(201);
    const path = `/zh/admin/events/${salon.id}/check-in/`;
    const page = await get(path, 'door');
    expect(page.status).toBe(200);
    const text = main(page.doc);
    for (const words of ['签到', '票码', '查找来宾', '用摄像头扫描二维码', '输入票码或用扫码枪扫描']) expect(text).toContain(words);
    expect(text).toMatch(/已确认的 \d+ 位来宾中，\d+ 位已入场。/);
    expect(text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 周. 18:30–21:00（GMT\+8）/);
    expect(page.doc.querySelector('[data-scan]')!.getAttribute('data-no-camera')).toBe('摄像头不可用，请手动输入票码。');
    for (const english of ['Ticket code', 'Find a guest', 'confirmed guests are in', 'Scan QR']) expect(text).not.toContain(english);
    expectLinksUnderZh(page.doc);

    const done = await post(path, 'door', { ticketCode: res.body.ticketCode });
    expect(done.status).toBe(200);
    expect(done.doc.querySelector('[role="alert"]')!.textContent).toMatch(/签到成功：Zhou Xun[\s\S]*Engineer，Harbour Freight。\d{2}:\d{2} GMT\+8 入场。/);
    const again = await post(path, 'door', { ticketCode: res.body.ticketCode });
    expect(again.status).toBe(409);
    expect(again.doc.querySelector('[role="alert"]')!.textContent).toMatch(/已于 \d{2}:\d{2} GMT\+8 签到/);
    const unknown = await post(path, 'door', { ticketCode: 'ZZZZ-ZZZZ' });
    expect(unknown.doc.querySelector('[role="alert"]')!.textContent).toContain('本场沙龙没有这张票');
  });

  it('lists the salons for door staff in Chinese', async () => {
    const { status, html, doc } = await get('/zh/door/', 'door');
    expect(status).toBe(200);
    expect(html).toContain('<html lang="zh-CN"');
    const text = main(doc);
    for (const words of ['来宾签到', '选择你所在的沙龙', '打开签到']) expect(text).toContain(words);
    expect(text).not.toContain('Open check-in');
    expect(doc.querySelector(`a[href="/zh/admin/events/${salon.id}/check-in/"]`)).not.toBeNull();
    expectLinksUnderZh(doc);
  });

  it('refuses other roles in Chinese and sends visitors to the Chinese sign-in', async () => {
    const refused = await get('/zh/admin/', 'sales');
    expect(refused.status).toBe(403);
    expect(main(refused.doc)).not.toContain('渠道表现');
    const anonymous = await get('/zh/admin/channels/', null);
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe(`/zh/login/?next=${encodeURIComponent('/zh/admin/channels/')}`);
    // The CSV keeps its English columns, but a refusal is a sentence, in Chinese.
    const csv = await get('/zh/admin/events/no-such-salon/attendees.csv', 'admin');
    expect(csv.status).toBe(404);
    expect(JSON.parse(csv.html).error.message).toBe('没有这场沙龙。');
    const english = await get(`/admin/events/${salon.id}/attendees.csv`, 'admin');
    expect(english.html.split('\n')[0]).toBe('ticket,status,name,email,company,job_title,phone,source,registered_at,checked_in_at,timezone,Your role in buying software');
    const missing = await get('/zh/admin/no-such-page/', 'admin');
    expect(missing.status).toBe(404);
    expect(main(missing.doc)).toContain('这个地址不存在。');
    expect(missing.doc.querySelector('a[href="/zh/admin/"]')).not.toBeNull();
    // An unknown lead or salon is "not found" in Chinese too.
    for (const [path, as] of [['/zh/sales/leads/999999/', 'sales'], ['/zh/admin/events/no-such-salon/', 'admin'], ['/zh/admin/events/no-such-salon/check-in/', 'admin']] as const) {
      const gone = await get(path, as);
      expect(gone.status, path).toBe(404);
      expect(gone.html, path).toContain('<html lang="zh-CN"');
      expect(main(gone.doc), path).toContain('这里什么都没有');
    }
  });
});
