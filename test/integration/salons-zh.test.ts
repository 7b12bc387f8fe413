// Salons and public forms in Chinese (/zh/): the salon list and pages, the
// registration form and its errors, the ticket, the cancellation, the calendar
// file, the lead form, and JSON errors by Accept-Language. The journey is
// walked in a phone-sized browser (390 px): nothing scrolls sideways and no
// visible text is an English UI word left untranslated.
import { eq } from 'drizzle-orm';
import { parse } from 'node-html-parser';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { people } from '../../db/tables';
import { countTaken, registerForSalon } from '../../src/lib/salons/registrations';
import { postJson } from '../support/http';
import { journeyHarness, SHOTS } from '../support/journey';
import { expectNoSidewaysScroll } from '../support/page';
import { fixtureSalon } from '../support/salons';

const open = fixtureSalon('open');
/** A demo salon with a Chinese translation in content/events/zh/ (its date does not matter here). */
const translated = '2026-12-shanghai-scoring-sales-trusts';

const h = journeyHarness();

const CJK = /[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]/;

/**
 * English words of the interface that the Chinese pages translate. A visible
 * text without any Chinese character that contains one of them is a string
 * left in English (names, codes, numbers and the fixture salon's own English
 * words contain none of them).
 */
const ENGLISH_UI = [
  'Register', 'Registration', 'Work email', 'Full name', 'Company', 'Job title', 'Company size', 'Phone', 'WeChat', 'optional', 'Choose',
  'employees', 'Email me', 'unsubscribe', 'Leave this empty', 'free', 'Some fields', 'Enter a valid', 'Ticket', 'Show this', 'When', 'Where',
  'Name', 'Status', 'Confirmed', 'Cancelled', 'Waitlist', 'waitlist', 'Add to calendar', 'Open the map', 'Map', "Can't come", 'Cancel', 'Keep my',
  'Your ticket', 'Your seat', 'Salon', 'Seats', 'seats', 'Agenda', 'Speakers', 'Calendar', 'At the door', 'For attendees', 'Times are local',
  'Checking', 'Back to', 'Done', 'Yes,', 'Get in touch', 'Send', 'Thank you', 'Upcoming', 'Past salons',
];
const DENY = new RegExp(`(^|[^A-Za-z])(${ENGLISH_UI.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})($|[^A-Za-z])`);

/**
 * The title and the main content's visible text (and labels) that carry no Chinese but an English
 * interface word. The site header and footer are checked by their own tests.
 */
async function englishLeftInMain(page: Page): Promise<string[]> {
  const texts = await page.locator('main').evaluate((main) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const parent = node.parentElement;
      if (!text || !parent || parent.closest('script, style, template, [hidden], [aria-hidden="true"]')) continue;
      if (!parent.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      out.push(text);
    }
    for (const el of main.querySelectorAll('[aria-label], [placeholder], [alt]')) for (const attr of ['aria-label', 'placeholder', 'alt']) if (el.getAttribute(attr)) out.push(el.getAttribute(attr)!);
    return [document.title, ...out];
  });
  return texts.filter((text) => !CJK.test(text) && DENY.test(text));
}

async function html(path: string, init: RequestInit = {}): Promise<{ status: number; doc: ReturnType<typeof parse>; res: Response }> {
  const res = await fetch(`${h.server.url}${path}`, { redirect: 'manual', ...init });
  return { status: res.status, doc: parse(await res.text()), res };
}

const text = (doc: ReturnType<typeof parse>, selector = 'main'): string => (doc.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ');

describe('salons in Chinese', () => {
  it('lists salons under /zh/events/ with Chinese titles, dates, seats left and links that stay in Chinese', async () => {
    const { status, doc } = await html('/zh/events/');
    expect(status).toBe(200);
    expect(doc.querySelector('html')?.getAttribute('lang')).toBe('zh-CN');
    const main = text(doc);
    expect(main).toContain('即将举行');
    expect(main).toContain('从内容到商机（二）：销售信得过的线索评分');
    expect(main).toMatch(/2026年12月10日 周四 18:30/);
    expect(main).toMatch(/剩余 \d+ 个座位/);
    const links = doc.querySelectorAll('main a').map((a) => a.getAttribute('href') ?? '');
    expect(links).toContain(`/zh/events/${open.id}/`);
    expect(links.every((href) => href.startsWith('/zh/') || !href.startsWith('/'))).toBe(true);
    // The English list keeps its words.
    const en = text((await html('/events/')).doc);
    expect(en).toContain('Upcoming');
    expect(en).not.toContain('即将举行');
  });

  it('shows a translated salon in Chinese: facts, agenda, speakers, Amap link, calendar file first, JSON-LD in Chinese', async () => {
    const { status, doc } = await html(`/zh/events/${translated}/`);
    expect(status).toBe(200);
    const main = text(doc);
    for (const words of ['时间', '地点', '到场礼品', '参会福利', '议程', '分享嘉宾', '签到入场', '营收运营负责人', '上海市黄浦区淮海中路88号', 'Lead Scoring Desk 首年 8 折']) expect(main).toContain(words);
    expect(main).toContain('2026年12月10日 周四 18:30–21:00（GMT+8）');
    expect(doc.querySelector('main a[href^="https://uri.amap.com/"]')?.textContent).toBe('查看地图');
    const calendar = doc.querySelectorAll('.facts dd:last-of-type a').map((a) => a.getAttribute('href') ?? '');
    expect(calendar[0]).toBe(`/zh/events/${translated}/calendar.ics`);
    expect(calendar.slice(1).join(' ')).toMatch(/google\.com.*outlook/);
    const ld = JSON.parse(doc.querySelector('script[type="application/ld+json"]')!.textContent);
    expect(ld).toMatchObject({ '@type': 'Event', inLanguage: 'zh-CN', name: '从内容到商机（二）：销售信得过的线索评分' });
    expect(ld.url).toMatch(new RegExp(`/zh/events/${translated}/$`));
    // The English page: calendar file first as well, English JSON-LD.
    const enDoc = (await html(`/events/${translated}/`)).doc;
    expect(enDoc.querySelector('.facts dd:last-of-type a')?.getAttribute('href')).toBe(`/events/${translated}/calendar.ics`);
    expect(JSON.parse(enDoc.querySelector('script[type="application/ld+json"]')!.textContent).inLanguage).toBe('en');
  });

  it('says in Chinese that a salon without a translation is described in English only', async () => {
    const { doc } = await html(`/zh/events/${open.id}/`);
    expect(text(doc)).toContain('这场沙龙的介绍暂时只有英文版。');
    expect(doc.querySelector('h1')?.getAttribute('lang')).toBe('en');
    // The form (open fixture salon) posts to the Chinese registration page.
    expect(doc.querySelector('form#register')?.getAttribute('action')).toBe(`/zh/events/${open.id}/register/`);
    expect(text((await html(`/events/${open.id}/`)).doc)).not.toContain('只有英文版');
  });

  it('serves the calendar file in Chinese under /zh/ and in English at the English address', async () => {
    const zh = await (await fetch(`${h.server.url}/zh/events/${translated}/calendar.ics`)).text();
    const unfolded = zh.replace(/\r?\n /g, '');
    expect(unfolded).toContain('SUMMARY:从内容到商机（二）：销售信得过的线索评分');
    expect(unfolded).toContain('LOCATION:上海市黄浦区淮海中路88号（淮海88 · The Loft）');
    expect(unfolded).toMatch(/DESCRIPTION:上海 30 人圆桌/);
    expect(unfolded).toContain(`/zh/events/${translated}/`);
    const en = (await (await fetch(`${h.server.url}/events/${translated}/calendar.ics`)).text()).replace(/\r?\n /g, '');
    expect(en).toMatch(/SUMMARY:From Content to Pipeline/);
    expect(en).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('registers, fails and succeeds in Chinese at 390 px, then cancels, staying under /zh/', async () => {
    const context = await h.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const email = 'mei.zh@example.com';

    // The check sees English where there is English: the English page is full of it.
    await page.goto(`${h.server.url}/events/${open.id}/`);
    expect((await englishLeftInMain(page)).length).toBeGreaterThan(10);

    await page.goto(`${h.server.url}/zh/events/${open.id}/`);
    await expectNoSidewaysScroll(page);
    expect(await englishLeftInMain(page)).toEqual([]);
    await page.getByLabel('工作邮箱').fill('mei@');
    await page.getByRole('button', { name: '免费报名' }).click();
    await page.waitForURL(new RegExp(`/zh/events/${open.id}/register/$`), { timeout: 10_000 });
    const emailField = page.getByLabel('工作邮箱');
    await expect(emailField.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await emailField.getAttribute('aria-describedby')) ?? '';
    await expect(page.locator(`[id="${describedBy.split(' ')[0]}"]`).textContent()).resolves.toBe('请输入有效的邮箱地址，例如 name@company.com。');
    const summary = page.locator('#error-summary');
    await expect(summary.locator('h2').textContent()).resolves.toBe('有几项需要再检查一下。');
    await expect(summary.getByRole('link').first().textContent()).resolves.toBe('工作邮箱：请输入有效的邮箱地址，例如 name@company.com。');
    await expect(page.getByLabel('公司规模').locator('option').allTextContents()).resolves.toContain('51-200 人');
    await expect(page.getByLabel(/微信号/).count()).resolves.toBe(1);
    await expectNoSidewaysScroll(page);
    expect(await englishLeftInMain(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/salons-zh-390-1-wrong-email.png`, fullPage: true });

    // Corrected; every optional field left blank.
    await emailField.fill(email);
    await Promise.all([page.waitForURL(/\/ticket\/[A-Z2-7-]+\/$/, { timeout: 10_000 }), page.getByRole('button', { name: '免费报名' }).click()]);
    const ticketPath = new URL(page.url()).pathname;
    expect(ticketPath).toMatch(new RegExp(`^/zh/events/${open.id}/ticket/`));
    const code = ticketPath.split('/').at(-2)!;
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('您的座位已确认');
    await expect(page.getByRole('img', { name: `入场票 ${code} 的二维码` }).isVisible()).resolves.toBe(true);
    const article = (await page.getByRole('article').innerText()).replace(/\s+/g, ' ');
    expect(article).toMatch(/票号 .*时间 .*年.*月.*日 周.* 18:30–21:00（GMT\+8）/);
    expect(article).toMatch(/状态 已确认/);
    const calendarLinks = await page.locator('.tk-cal a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(calendarLinks[0]).toBe(`/zh/events/${open.id}/calendar.ics`);
    await expectNoSidewaysScroll(page);
    expect(await englishLeftInMain(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/salons-zh-390-2-ticket.png`, fullPage: true });

    // Cancel: the question in Chinese, then the confirmation.
    await page.getByRole('link', { name: '取消我的座位' }).click();
    await page.waitForURL(new RegExp(`${ticketPath}cancel/$`));
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`确定取消「${open.title}」的座位吗？`);
    await expectNoSidewaysScroll(page);
    expect(await englishLeftInMain(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/salons-zh-390-3-confirm-cancel.png`, fullPage: true });
    await Promise.all([page.waitForURL(/\?cancelled=1$/), page.getByRole('button', { name: '确定，取消我的座位' }).click()]);
    expect(new URL(page.url()).pathname).toBe(ticketPath);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('此报名已取消');
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('已取消报名');
    await expectNoSidewaysScroll(page);
    expect(await englishLeftInMain(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/salons-zh-390-4-cancelled.png`, fullPage: true });
    await context.close();
  }, 60_000);

  it.each([320, 390])('leaves nothing in English and nothing scrolling sideways on the Chinese list, salon and request pages at %i px', async (width) => {
    const context = await h.browser.newContext({ viewport: { width, height: 800 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const pages = [['/zh/events/', 'main .event-card'], [`/zh/events/${translated}/`, '#status .badge'], ['/zh/request/?interest=demo', 'main form']] as const;
    for (const [path, ready] of pages) {
      await page.goto(`${h.server.url}${path}`);
      await page.locator(ready).first().waitFor(); // on the salon page: the seats island has answered
      await expectNoSidewaysScroll(page);
      expect(await englishLeftInMain(page), path).toEqual([]);
    }
    await context.close();
  }, 60_000);

  it('keeps the WeChat ID given on the Chinese registration form and redirects under /zh/', async () => {
    const body = new URLSearchParams({ email: 'wx.zh@example.com', wechat: 'mei_wx_2026' });
    const { status, res } = await html(`/zh/events/${open.id}/register/`, { method: 'POST', body, headers: { origin: h.server.url, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(status).toBe(303);
    expect(res.headers.get('location')).toMatch(new RegExp(`^/zh/events/${open.id}/ticket/`));
    const [person] = await h.server.db.select({ wechat: people.wechat }).from(people).where(eq(people.email, 'wx.zh@example.com'));
    expect(person?.wechat).toBe('mei_wx_2026');
  });

  it('shows the lead form and its errors in Chinese at /zh/request/, and keeps the WeChat ID', async () => {
    const form = await html('/zh/request/?interest=demo');
    expect(text(form.doc)).toContain('留下联系方式，我们来找您');
    expect(form.doc.querySelector('main form')?.getAttribute('action')).toBe('/zh/request/');
    const bad = await html('/zh/request/', { method: 'POST', body: new URLSearchParams({ interest: 'demo', email: 'nope', wechat: 'x' }), headers: { origin: h.server.url, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(bad.status).toBe(400);
    const main = text(bad.doc);
    expect(main).toContain('有几项需要再检查一下。');
    expect(main).toContain('工作邮箱：请输入有效的邮箱地址，例如 name@company.com。');
    expect(main).not.toMatch(/Enter a valid|Some fields/);
    const good = await html('/zh/request/', { method: 'POST', body: new URLSearchParams({ interest: 'demo', email: 'lead.zh@example.com', wechat: 'lead_wx' }), headers: { origin: h.server.url, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(good.status).toBe(200);
    expect(text(good.doc)).toContain('感谢提交，我们会尽快联系您');
    expect(good.doc.querySelector('main a.btn')?.getAttribute('href')).toBe('/zh/case-studies/');
    const [person] = await h.server.db.select({ wechat: people.wechat }).from(people).where(eq(people.email, 'lead.zh@example.com'));
    expect(person?.wechat).toBe('lead_wx');
  });

  it('answers a JSON registration error in Chinese for Accept-Language: zh-CN and in English without it', async () => {
    const url = `${h.server.url}/api/events/${open.id}/register`;
    const zh = await postJson(url, { email: 'bad' }, { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' });
    expect(zh.status).toBe(400);
    expect(zh.body.error).toMatchObject({ code: 'invalid', message: '有几项需要再检查一下。', fields: { email: '请输入有效的邮箱地址，例如 name@company.com。' } });
    const en = await postJson(url, { email: 'bad' });
    expect(en.status).toBe(400);
    expect(en.body.error).toMatchObject({ code: 'invalid', message: 'Some fields need another look.', fields: { email: 'Enter a valid email address, like name@company.com.' } });
  });

  it('shows a waitlist place in Chinese once the salon is full', async () => {
    const facts = (email: string) => ({ input: { email }, attribution: null, referralClickId: null });
    for (let i = 0; (await countTaken(h.server.db, open.id)) < open.capacity; i++) await registerForSalon(h.server.db, open, facts(`seat.zh.${i}@example.com`));
    const waiting = await registerForSalon(h.server.db, open, facts('waiting.zh@example.com'));
    if (waiting.outcome !== 'created') throw new Error(`expected a new registration, got ${waiting.outcome}`);
    const { doc } = await html(`/zh/events/${open.id}/ticket/${waiting.registration.ticketCode}/`);
    const main = text(doc);
    expect(doc.querySelector('h1')?.textContent).toBe(`您在候补名单第 ${waiting.position} 位`);
    expect(main).toContain(`候补 · 第 ${waiting.position} 位`);
    expect(main).toContain('退出候补名单');
    const cancel = await html(`/zh/events/${open.id}/ticket/${waiting.registration.ticketCode}/cancel/`);
    expect(cancel.doc.querySelector('h1')?.textContent).toBe(`确定退出「${open.title}」的候补名单吗？`);
    expect(text(cancel.doc)).toContain('确定，退出候补名单');
  });
});
