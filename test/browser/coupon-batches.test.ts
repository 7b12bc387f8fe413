// Operations creates a coupon batch (a wrong percentage first, seen beside the field), sees it
// with its counts and downloads its CSV; then changes a package's price in /admin/packages/ and
// sees it on /pricing/ without a rebuild. At 390 and 1280 px, and once in Chinese on a phone.
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { journeyHarness, SHOTS, VIEWPORTS } from '../support/journey';
import { expectChinesePage, expectNoSidewaysScroll } from '../support/page';
import { sessionCookie } from '../support/people';
import { packages } from '../../db/tables';

/** The English walks above made batches with English offers; their descriptions may show in the table. */
const ENGLISH_BATCHES = [/Baidu search campaign/];

const run = journeyHarness({ env: { RATE_LIMITS: 'off' } });

async function adminContext(viewport: { width: number; height: number }, locale = 'en-US'): Promise<BrowserContext> {
  const context = await run.browser.newContext({ viewport, locale, acceptDownloads: true });
  const cookie = await sessionCookie(run.server.db, 'ops@flywheel.example', 'admin');
  await context.addCookies([{ name: 'fw_session', value: cookie.split('=')[1]!, url: run.server.url }]);
  return context;
}

async function submit(page: Page, button: ReturnType<Page['getByRole']>): Promise<void> {
  await Promise.all([page.waitForEvent('framenavigated', (f) => f === page.mainFrame()), button.click()]);
  await page.waitForLoadState('load');
}

describe('coupon batches and packages in /admin/', () => {
  it.each(VIEWPORTS)('at $width px: a batch (wrong percentage first), its counts and CSV; a package price on /pricing/', async (viewport) => {
    const { server } = run;
    const context = await adminContext(viewport);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const prefix = `BAIDU${viewport.width}`;
    await page.goto(`${server.url}/admin/coupons/`);
    const batch = page.getByRole('form', { name: 'Create a batch' });
    await batch.getByLabel('Code prefix').fill(prefix);
    await batch.getByLabel('Number of codes').fill('30');
    await batch.getByLabel('Percent off').fill('150');
    await batch.getByLabel('Offer').fill('Baidu search campaign: 15% off Lead Scoring Desk');
    await submit(page, batch.getByRole('button', { name: 'Create the codes' }));
    // The message sits beside the field; what was typed is still there.
    await expect(page.locator('#b-pct-error').textContent()).resolves.toContain('Between 1 and 100.');
    await expect(page.getByLabel('Percent off').first().getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByRole('form', { name: 'Create a batch' }).getByLabel('Code prefix').inputValue()).resolves.toBe(prefix);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/coupons-${viewport.name}-1-wrong-percent.png`, fullPage: true });

    await page.getByRole('form', { name: 'Create a batch' }).getByLabel('Percent off').fill('15');
    await submit(page, page.getByRole('button', { name: 'Create the codes' }));
    await expect(page.getByRole('status').textContent()).resolves.toContain(`Created 30 codes starting ${prefix}-`);
    const row = page.locator('tr', { has: page.locator('code', { hasText: new RegExp(`^${prefix}$`) }) });
    await expect(row.locator('td').allTextContents()).resolves.toEqual(expect.arrayContaining(['15%', '30', '0']));
    await expect(row.getByRole('img').getAttribute('aria-label')).resolves.toBe('0 of 30 redeemed');
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/coupons-${viewport.name}-2-batch.png`, fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: `Download the codes of ${prefix} as CSV` }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('code,percent_off,expires_at,state,redeemed_at');
    expect(csv).toHaveLength(31);
    expect(csv.slice(1).every((l) => new RegExp(`^${prefix}-[A-Z2-7]{8},15,.*,open,$`).test(l))).toBe(true);

    // Redeem one of them on the same page: the bar moves.
    const code = csv[1]!.split(',')[0]!;
    await page.getByLabel('Coupon code').fill(code.toLowerCase());
    await submit(page, page.getByRole('button', { name: 'Redeem' }));
    await expect(page.getByRole('status').textContent()).resolves.toContain(`${code} redeemed: 15% off.`);
    await expect(page.locator('tr', { has: page.locator('code', { hasText: new RegExp(`^${prefix}$`) }) }).getByRole('img').getAttribute('aria-label')).resolves.toBe('1 of 30 redeemed');
    await page.getByLabel('Coupon code').fill(code);
    await submit(page, page.getByRole('button', { name: 'Redeem' }));
    await expect(page.getByRole('status').textContent()).resolves.toContain('That code has already been redeemed.');

    // A package's price, edited here, is on /pricing/ at once.
    const price = viewport.width === 390 ? '21800' : '22800';
    await page.goto(`${server.url}/admin/packages/`);
    await page.getByText('Salon Kit', { exact: true }).first().click();
    const form = page.getByRole('form', { name: 'Edit Salon Kit' });
    await form.getByLabel('Price (CNY)').fill('0');
    await submit(page, form.getByRole('button', { name: 'Save Salon Kit' }));
    await expect(page.locator('#salon-kit-priceCny-error').textContent()).resolves.toContain('A price in yuan');
    await page.getByRole('form', { name: 'Edit Salon Kit' }).getByLabel('Price (CNY)').fill(price);
    await submit(page, page.getByRole('form', { name: 'Edit Salon Kit' }).getByRole('button', { name: 'Save Salon Kit' }));
    await expect(page.getByRole('status').textContent()).resolves.toContain('Salon Kit saved.');
    await expectNoSidewaysScroll(page);
    await page.goto(`${server.url}/pricing/`);
    await expect(page.locator('#salon-kit').textContent()).resolves.toContain(`${price.slice(0, 2)},${price.slice(2)}`);
    await expectNoSidewaysScroll(page);
    await context.close();
  }, 90_000);

  it('in Chinese on a phone: /zh/admin/coupons/ with a wrong percentage first, then the batch', async () => {
    const { server } = run;
    const context = await adminContext({ width: 390, height: 844 }, 'zh-CN');
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.url}/zh/admin/coupons/`);
    const batch = page.getByRole('form', { name: '批量生成券码' });
    await batch.getByLabel('券码前缀').fill('HUANAN');
    await batch.getByLabel('券码数量').fill('20');
    await batch.getByLabel('优惠比例（%）').fill('0');
    await batch.getByLabel('优惠内容').fill('华南数字（深圳代理商）专属：增长飞轮套装 75 折');
    await submit(page, batch.getByRole('button', { name: '生成券码' }));
    await expect(page.locator('#b-pct-error').textContent()).resolves.toMatch(/1 到 100/);
    await expectNoSidewaysScroll(page);
    await expectChinesePage(page, ENGLISH_BATCHES);
    await page.getByRole('form', { name: '批量生成券码' }).getByLabel('优惠比例（%）').fill('25');
    await submit(page, page.getByRole('button', { name: '生成券码' }));
    await expect(page.getByRole('status').textContent()).resolves.toContain('已生成 20 张以 HUANAN- 开头的券码');
    const row = page.locator('tr', { has: page.locator('code', { hasText: /^HUANAN$/ }) });
    await expect(row.getByRole('img').getAttribute('aria-label')).resolves.toBe('已核销 0 / 20 张');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    await expectNoSidewaysScroll(page);
    await expectChinesePage(page, ENGLISH_BATCHES);
    await page.screenshot({ path: `${SHOTS}/zh-coupons-batch.png`, fullPage: true });
    await page.goto(`${server.url}/zh/admin/packages/`);
    await expectNoSidewaysScroll(page);
    // The English words of each package are in their own fields (what is being edited), not page text.
    const english = (await server.db.select().from(packages)).flatMap((p) => [p.tagline, p.features.join(' ')]);
    const escape = (s: string) => new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    await expectChinesePage(page, english.map(escape));
    await context.close();
  }, 90_000);
});
