// The compressed content pages in Chromium (which asks for br itself): the
// home page, an article and a salon page, at phone and desktop width, in
// English and Chinese, arrive brotli-compressed and still read, look and work
// as they should — title, the site's styles, a registration form that books a seat.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { journeyHarness, SHOTS, VIEWPORTS } from '../support/journey';
import { expectNoSidewaysScroll } from '../support/page';
import { fixtureSalon } from '../support/salons';

const salon = fixtureSalon('open');
const h = journeyHarness({ env: { RATE_LIMITS: 'off' } });

const LOCALES = {
  en: {
    prefix: '',
    homeTitle: 'Flywheel — turn content into customers',
    articleTitle: 'How to build a lead score that sales actually trusts',
    fill: async (page: Page, email: string): Promise<void> => {
      await page.getByLabel('Work email').fill(email);
      await page.getByLabel('Full name').fill('Cora Compressed');
      await page.getByLabel('Company size').selectOption('201-1000');
    },
    register: /Register/,
    confirmed: /seat is confirmed/,
  },
  zh: {
    prefix: '/zh',
    homeTitle: 'Flywheel — 把内容变成客户',
    articleTitle: '如何搭建一套销售真正信得过的线索评分',
    fill: async (page: Page, email: string): Promise<void> => {
      await page.getByLabel('工作邮箱').fill(email);
    },
    register: '免费报名',
    confirmed: /您的座位已确认/,
  },
} as const;

/** Opens `path` and checks the document came brotli-compressed, styled, without sideways scroll. */
async function open(page: Page, url: string): Promise<void> {
  const response = await page.goto(url, { waitUntil: 'networkidle' });
  expect(response?.status(), url).toBe(200);
  expect((await response!.allHeaders())['content-encoding'], url).toBe('br');
  // The site's stylesheet (inlined in the page) is applied: its paper background and body text size.
  const style = await page.evaluate(() => ({ background: getComputedStyle(document.body).backgroundColor, size: getComputedStyle(document.body).fontSize }));
  expect(style, url).toEqual({ background: 'rgb(251, 250, 247)', size: '17px' });
  await expectNoSidewaysScroll(page);
}

describe('compressed content pages in the browser', () => {
  for (const viewport of VIEWPORTS) {
    for (const [locale, l] of Object.entries(LOCALES)) {
      it(`home, article and salon page in ${locale} at ${viewport.width} px`, async () => {
        const context = await h.browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
        const page = await context.newPage();
        const base = `${h.server.url}${l.prefix}`;

        await open(page, `${base}/`);
        await expect(page.title()).resolves.toBe(l.homeTitle);
        await expect(page.getByRole('heading', { level: 1 }).isVisible()).resolves.toBe(true);

        await open(page, `${base}/articles/scoring-model-sales-trusts/`);
        await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(l.articleTitle);
        await expect(page.title()).resolves.toContain(l.articleTitle);

        await open(page, `${base}/events/${salon.id}/`);
        await page.screenshot({ path: `${SHOTS}/compressed-salon-${locale}-${viewport.width}.png` });
        await l.fill(page, `compressed.${locale}.${viewport.width}@example.com`);
        await Promise.all([page.waitForURL(/\/ticket\/[A-Z2-7-]+\/$/, { timeout: 10_000 }), page.getByRole('button', { name: l.register }).click()]);
        expect(new URL(page.url()).pathname).toMatch(new RegExp(`^${l.prefix}/events/${salon.id}/ticket/`));
        await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(l.confirmed);
        await context.close();
      });
    }
  }
});
