// Operations runs a salon without a developer, in a real browser at 390 and
// 1280 px: an admin creates a salon with 3 seats and one choice question (a
// wrong value first), sees it on /events/ without a rebuild, four people
// register (the fourth waitlisted), the admin raises capacity to 4, the fourth
// is offered the seat and accepts it from the mail, and the attendee CSV
// carries the answers. Nothing scrolls sideways on the phone.
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { registrations, salons } from '../../db/tables';
import { sessionCookie } from '../support/people';
import { postJson } from '../support/http';
import { expectChinesePage, expectNoSidewaysScroll } from '../support/page';
import { journeyHarness, SHOTS, VIEWPORTS } from '../support/journey';
import { waitForMail } from '../support/mailbox';

let admin = '';
const h = journeyHarness({ prepare: async (db) => void (admin = await sessionCookie(db, 'ops.lead@flywheel.example', 'admin')) });

/** "2027-01-14T18:30" on Shanghai's clock, `days` from now: open whatever day the test runs. */
const local = (days: number, hour: number): string => DateTime.now().setZone('Asia/Shanghai').plus({ days }).set({ hour, minute: 30 }).toFormat("yyyy-LL-dd'T'HH:mm");

async function adminPage(width: number, height: number): Promise<Page> {
  const context = await h.browser.newContext({ viewport: { width, height }, isMobile: width < 500, hasTouch: width < 500, locale: 'en-GB' });
  await context.addCookies([{ name: 'fw_session', value: admin.split('=')[1]!, url: h.server.url }]);
  return context.newPage();
}

describe('operations creates a salon and fills it', () => {
  it.each(VIEWPORTS)('at $width px ($name)', async ({ width, height, name }) => {
    const narrow = width < 500;
    const title = `Agents roundtable ${name}: selling on a 30 % share`;
    const page = await adminPage(width, height);
    await page.goto(`${h.server.url}/admin/salons/`);
    await page.getByRole('link', { name: 'New salon' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('New salon');

    await page.getByLabel('Title (English)').fill(title);
    await page.getByLabel('Summary (English)').fill('Six agents compare how they sell B2B software in Shanghai on a share of the first year.');
    await page.locator('#s-description').fill('## Who it is for\n\nAgents and the channel managers who work with them.');
    await page.getByLabel('Title (Chinese)').fill(`代理商圆桌（${name}）：三成分成怎么卖`);
    await page.getByLabel('Summary (Chinese)').fill('六位代理商聊聊在上海按首年分成卖 B2B 软件的做法。');
    await page.locator('#s-start').fill(local(24, 18));
    await page.locator('#s-end').fill(local(24, 21));
    await page.locator('#s-deadline').fill(local(23, 12));
    await page.locator('#s-city').fill('Shanghai');
    await page.locator('#s-venue-name').fill('The Loft');
    await page.locator('#s-venue-address').fill('88 Huaihai Middle Road');
    await page.locator('#s-capacity').fill('0'); // a wrong value first
    await page.locator('#s-speakers').fill('Mei Lin | Head of Partnerships | Flywheel');
    await page.locator('#s-agenda').fill('18:30 | Doors open\n19:00 | Roundtable | Mei Lin');
    await page.locator('#s-coupon-description').fill('10% off Partner Channel');
    const q = page.getByRole('group', { name: 'Question 1' });
    await q.getByLabel('Question (English)').fill('Your role');
    await q.getByLabel('Question (Chinese)').fill('你的角色');
    await q.getByLabel('Answer').selectOption('choice');
    await q.getByLabel('Choices').fill('Agent | 代理商 | 0\nVendor | 厂商 | 6');
    await q.getByLabel('Required').check();
    await page.getByLabel(/Publish at once/).check();
    await page.getByRole('button', { name: 'Create salon' }).click();

    // The form comes back with what was typed, the message beside the field and in the summary.
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Seats: At least one seat.');
    await expect(page.locator('#s-capacity-error').textContent()).resolves.toBe('At least one seat.');
    await expect(page.getByLabel('Title (English)').inputValue()).resolves.toBe(title);
    if (narrow) await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/salon-admin-${width}-1-wrong.png`, fullPage: true });
    await page.locator('#s-capacity').fill('3');
    await page.getByRole('button', { name: 'Create salon' }).click();
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Salon created.');
    const slug = new URL(page.url()).pathname.split('/')[3]!;
    const questionId = ((await h.server.db.select().from(salons).where(eq(salons.id, slug)))[0]!.data.questions as Array<{ id: string }>)[0]!.id;
    await expect(page.getByText('Published', { exact: true }).isVisible()).resolves.toBe(true);

    // On /events/ at once: no rebuild.
    await page.goto(`${h.server.url}/events/`);
    await page.getByRole('link', { name: title }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(title);
    await expect(page.getByText('3 of 3 seats left').or(page.getByText(/^3$/)).first().isVisible()).resolves.toBe(true);
    if (narrow) await expectNoSidewaysScroll(page);

    // Four people register. The first on this page, answering the question (left empty first);
    // the others through the API; the fourth is waitlisted.
    await page.getByLabel('Work email').fill(`${name}.guest1@example.com`);
    await page.getByLabel(/^Full name/).fill('Guest 1');
    await Promise.all([page.waitForURL(/\/register\/?$/), page.getByRole('button', { name: /Register/ }).last().click()]);
    await expect(page.getByRole('group', { name: /Your role/ }).getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByLabel('Vendor').check();
    await Promise.all([page.waitForURL(/\/ticket\/[A-Z2-7-]+\/$/), page.getByRole('button', { name: /Register/ }).last().click()]);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/seat is confirmed|You're in|confirmed/i);
    if (narrow) await expectNoSidewaysScroll(page);
    const statuses: string[] = ['confirmed'];
    const tickets: string[] = [new URL(page.url()).pathname.split('/').at(-2)!];
    for (const i of [2, 3, 4]) {
      const res = await postJson(`${h.server.url}/api/events/${slug}/register`, { email: `${name}.guest${i}@example.com`, name: `Guest ${i}`, company: 'Lanting Growth', answers: { [questionId]: i % 2 ? 'vendor' : 'agent' } });
      expect(res.status).toBe(201);
      statuses.push(res.body.status);
      tickets.push(res.body.ticketCode);
    }
    expect(statuses).toEqual(['confirmed', 'confirmed', 'confirmed', 'waitlisted']);

    // The admin raises capacity to 4.
    const editor = await adminPage(width, height);
    await editor.goto(`${h.server.url}/admin/salons/${slug}/`);
    await editor.locator('#s-capacity').fill('4');
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await expect(editor.getByRole('status').first().textContent()).resolves.toContain('Changes saved.');
    if (narrow) await expectNoSidewaysScroll(editor);
    await editor.screenshot({ path: `${SHOTS}/salon-admin-${width}-2-saved.png`, fullPage: true });

    // The fourth person is offered the seat by mail, follows its Accept link and accepts.
    const fourth = `${name}.guest4@example.com`;
    const offer = await waitForMail(h.server.mailDir, (m) => m.to === fourth && /A seat is free for you/.test(m.subject));
    const accept = new URL(/<a href="([^"]+\?offer=accept#offer)"/.exec(offer.html)![1]!.replace(/&amp;/g, '&'));
    const guest = await (await h.browser.newContext({ viewport: { width, height }, isMobile: narrow, hasTouch: narrow })).newPage();
    await guest.goto(`${h.server.url}${accept.pathname}${accept.search}${accept.hash}`);
    await Promise.all([guest.waitForURL(/\?accepted=1(#offer)?$/), guest.locator('#offer').getByRole('button', { name: 'Accept the seat' }).click()]);
    await expect(guest.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/confirmed/i);
    if (narrow) await expectNoSidewaysScroll(guest);
    await guest.screenshot({ path: `${SHOTS}/salon-admin-${width}-3-accepted.png`, fullPage: true });
    expect((await h.server.db.select().from(registrations).where(eq(registrations.ticketCode, tickets[3]!)))[0]!.status).toBe('confirmed');

    // The attendee CSV, from the editor's link, carries each answer under the question.
    const csv = await editor.evaluate(async (href) => (await fetch(href)).text(), `/admin/events/${slug}/attendees.csv`);
    const [header, ...lines] = csv.trim().split(/\r?\n/);
    expect(header).toContain('Your role');
    expect(lines).toHaveLength(4);
    const column = header!.split(',').indexOf('Your role');
    const byEmail = new Map(lines.map((l) => [l.split(',').find((c) => c.includes('@'))!, l.split(',')[column]]));
    expect(byEmail.get(`${name}.guest1@example.com`)).toBe('Vendor');
    expect(byEmail.get(`${name}.guest2@example.com`)).toBe('Agent');
    expect(byEmail.get(fourth)).toBe('Agent');
  }, 120_000);

  it('works in Chinese too (/zh/admin/salons/new/)', async () => {
    const page = await adminPage(390, 844);
    await page.goto(`${h.server.url}/zh/admin/salons/new/`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('新建沙龙');
    await page.locator('#s-capacity').fill('2.5');
    await page.getByRole('button', { name: '创建沙龙' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('请为沙龙填写标题，中文或英文均可。');
    await expect(page.locator('#s-capacity-error').textContent()).resolves.toBe('座位数须为整数。');
    await expectNoSidewaysScroll(page);
    await expectChinesePage(page);
  });
});
