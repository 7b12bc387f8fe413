// Journeys (a) and (b) in Chinese on a phone (390 px): a Chinese prospect
// reads a case study, downloads its report and books a demo; a Chinese
// attendee registers for a salon (a wrong email first), reads the Chinese
// ticket mail and cancels. Every visible string is Chinese (names, codes and
// numbers aside), links stay on the Chinese site, nothing scrolls sideways,
// and the screenshots (test-results/screenshots/zh-*) show real CJK glyphs.
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { journeyHarness, SHOTS } from '../support/journey';
import { waitForMail } from '../support/mailbox';
import { expectChinesePage, expectNoSidewaysScroll } from '../support/page';
import { pdfPageCount } from '../support/pdf';
import { fixtureSalon } from '../support/salons';

const run = journeyHarness();
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' } as const;
/** Latin words a Chinese page may show: the brand, people's and companies' names, acronyms. */
const people = readdirSync('content/authors').map((f) => (JSON.parse(readFileSync(`content/authors/${f}`, 'utf8')) as { name: string }).name);
const NAMES = [new RegExp(`^(· |#)?(${[...people, 'Flywheel', 'Peoplestack( HR)?', 'Liu Jing', 'SaaS', 'Google', 'Outlook', 'PDF', 'RSS', 'B2B', 'MQL', 'hello@flywheel\\.example'].join('|')})$`)];
const CJK = /[\u4e00-\u9fff]/;

async function look(page: Page, shot: string): Promise<void> {
  await expectNoSidewaysScroll(page);
  await expectChinesePage(page, NAMES);
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
  await page.screenshot({ path: `${SHOTS}/zh-${shot}.png`, fullPage: true });
}

/** Submits a form and waits for the page the server answers with. */
async function submit(page: Page, button: ReturnType<Page['getByRole']>): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
}

describe('in Chinese on a phone', () => {
  it('(a) a prospect reads a case study, downloads its report and books a demo', async () => {
    const { server, browser } = run;
    const email = 'chen.jing@peoplestack-demo.example';
    const context = await browser.newContext({ ...phone, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);

    await page.goto(`${server.url}/zh/case-studies/`);
    await look(page, 'a1-case-studies');
    await Promise.all([page.waitForURL(/\/zh\/articles\/peoplestack-mql-to-sql\/$/), page.getByRole('link', { name: /^Peoplestack：/ }).first().click()]);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/^Peoplestack：MQL 到首次通话/);
    await look(page, 'a2-case-study');

    const cta = page.getByRole('link', { name: /免费获取报告/ });
    await Promise.all([page.waitForURL(/\/zh\/resources\/b2b-lead-scoring-benchmark-2026\/#get-it$/), cta.last().click()]);
    await look(page, 'a3-resource');
    await page.getByLabel('工作邮箱').fill(email);
    await page.getByLabel(/^姓名/).fill('陈静');
    await expect(page.getByLabel(/^公司规模/).inputValue()).resolves.toBe('');
    await submit(page, page.getByRole('button', { name: '立即下载' }));
    expect(page.url()).toMatch(/\/zh\/request\/?$/);
    await look(page, 'a4-download-ready');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^下载《/ }).click()]);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfPageCount(pdf)).toBeGreaterThan(1);
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-/); // the Chinese report, set in a CJK font

    const mail = await waitForMail(server.mailDir, (m) => m.to === email);
    expect(mail.subject).toMatch(CJK);
    expect(mail.text).toMatch(/\/zh\/resources\/b2b-lead-scoring-benchmark-2026\/download\?expires=\d+&sig=[0-9a-f]+/);

    await page.goto(`${server.url}/zh/pricing/#demo`);
    const demo = page.locator('#demo');
    await demo.getByLabel('工作邮箱').fill(email);
    await look(page, 'a5-demo-form');
    await submit(page, demo.getByRole('button', { name: '预约演示' }));
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(CJK);
    await look(page, 'a6-demo-thanks');
    await context.close();
  }, 90_000);

  it('(b) an attendee registers for a salon, reads the Chinese ticket mail and cancels', async () => {
    const { server, browser } = run;
    const salon = fixtureSalon('openLarge');
    const email = 'li.na@zh-attendee.example';
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);

    await page.goto(`${server.url}/zh/events/`);
    await look(page, 'b1-salons');
    await page.goto(`${server.url}/zh/events/${salon.id}/`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('测试论坛：线上聊聊渠道伙伴');
    await look(page, 'b2-salon');

    // A wrong email first: the form comes back with the message beside the field, in Chinese.
    await page.getByLabel('工作邮箱').fill('li.na@');
    await page.getByLabel(/^姓名/).fill('李娜');
    await submit(page, page.getByRole('button', { name: '免费报名' }));
    const field = page.getByLabel('工作邮箱');
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    const described = (await field.getAttribute('aria-describedby'))!.split(' ')[0]!;
    await expect(page.locator(`[id="${described}"]`).textContent()).resolves.toMatch(CJK);
    await expect(page.getByLabel(/^姓名/).inputValue()).resolves.toBe('李娜');
    await look(page, 'b3-wrong-email');

    await field.fill(email);
    await submit(page, page.getByRole('button', { name: '免费报名' }));
    await page.waitForURL(/\/zh\/events\/[^/]+\/ticket\/[A-Z2-7-]+\/$/);
    await look(page, 'b4-ticket');

    const mail = await waitForMail(server.mailDir, (m) => m.to === email);
    expect(mail.subject).toBe('你已成功报名“测试论坛：线上聊聊渠道伙伴”');
    const cancel = /https?:\/\/\S+\/zh\/events\/\S+\/ticket\/[A-Z2-7-]+\/cancel\/?/.exec(mail.text)?.[0];
    expect(cancel, mail.text).toBeTruthy();

    await page.goto(server.url + new URL(cancel!).pathname);
    await look(page, 'b5-cancel-confirm');
    await submit(page, page.getByRole('button', { name: /取消/ }).first());
    await look(page, 'b6-cancelled');
    const cancelled = await waitForMail(server.mailDir, (m) => m.to === email && m.subject !== mail.subject);
    expect(cancelled.subject).toMatch(CJK);
    await context.close();
  }, 90_000);
});
