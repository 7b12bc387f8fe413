// A door volunteer on a phone (390 px), signed in with a `door` account: opens
// /door/, picks the salon, finds a guest by name and checks them in, then
// tries /admin/ and /sales/ and meets the forbidden page. The same walk in
// Chinese from /zh/door/. Nothing scrolls sideways.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { setRole } from '../../src/lib/leads/people';
import { createSession } from '../../src/lib/auth/sessions';
import { postJson } from '../support/http';
import { fixtureSalon } from '../support/salons';
import { expectChinesePage, expectNoSidewaysScroll } from '../support/page';
import { journeyHarness, SHOTS } from '../support/journey';

const salon = fixtureSalon('open');
let token = '';
const h = journeyHarness({ prepare: async (db) => void (token = (await createSession(db, (await setRole(db, 'volunteer@example.com', 'door')).id)).token) });

async function register(email: string, name: string): Promise<void> {
  const res = await postJson(`${h.server.url}/api/events/${salon.id}/register`, { email, name, company: 'Bund Robotics', jobTitle: 'CTO' });
  expect(res.status).toBe(201);
}

async function volunteerPage(): Promise<Page> {
  const context = await h.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await context.addCookies([{ name: 'fw_session', value: token, url: h.server.url }]);
  return context.newPage();
}

const walks = [
  { lang: 'en', prefix: '', guest: ['li.wei@example.com', 'Li Wei'], words: { list: 'Check guests in', open: 'Open check-in', find: 'Name, company or email', search: 'Search', checkIn: 'Check in Li Wei', done: 'Checked in: Li Wei', forbidden: 'This page is for Flywheel staff' } },
  { lang: 'zh', prefix: '/zh', guest: ['zhang.min@example.com', '张敏'], words: { list: '来宾签到', open: '打开签到', find: '姓名、公司或邮箱', search: '搜索', checkIn: '为 张敏 签到', done: '签到成功：张敏', forbidden: '此页面仅供 Flywheel 员工使用' } },
] as const;

describe('a door volunteer at 390 px', () => {
  it.each(walks)('checks a guest in by name and is kept out of everything else ($lang)', async ({ lang, prefix, guest, words }) => {
    await register(guest[0], guest[1]);
    const page = await volunteerPage();
    await page.goto(`${h.server.url}${prefix}/door/`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(words.list);
    await expectNoSidewaysScroll(page);
    await page.locator(`a[href="${prefix}/admin/events/${salon.id}/check-in/"]`).click();
    await page.waitForURL(`**${prefix}/admin/events/${salon.id}/check-in/`);
    // Nothing beyond check-in: no operations menu, and the way back leads to the door's list.
    await expect(page.getByRole('navigation', { name: lang === 'en' ? 'Operations' : '运营导航' }).count()).resolves.toBe(0);
    await expect(page.locator(`a[href="${prefix}/door/"]`).first().isVisible()).resolves.toBe(true);

    // A name nobody has first, then the guest's family name.
    await page.getByLabel(words.find).fill('Nobody Here');
    await page.getByRole('button', { name: words.search }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Nobody Here' }).count()).resolves.toBe(1);
    await page.getByLabel(words.find).fill(lang === 'en' ? 'wei' : '张');
    await page.getByRole('button', { name: words.search }).click();
    await page.getByRole('button', { name: words.checkIn }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain(words.done);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/door-role-${lang}-checked-in.png`, fullPage: true });

    for (const path of ['/admin/', '/sales/', '/admin/people/', '/admin/audit/', `/admin/events/${salon.id}/`]) {
      const res = await page.goto(`${h.server.url}${prefix}${path}`);
      expect(res?.status(), path).toBe(403);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(words.forbidden);
      await expectNoSidewaysScroll(page);
    }
    if (lang === 'zh') await expectChinesePage(page);
    await page.screenshot({ path: `${SHOTS}/door-role-${lang}-forbidden.png`, fullPage: true });
    await page.context().close();
  }, 60_000);
});
