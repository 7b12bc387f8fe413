// What a reader sees in a real browser: the home page, an article and a salon,
// on a laptop and on a phone. Screenshots go to test-results/ (not committed).
import { readdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fixtureIds } from '../support/salons';
import { journeyHarness, SHOTS } from '../support/journey';

const h = journeyHarness();

async function open(path: string, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; errors: string[] }> {
  const page = await h.browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(h.server.url + path, { waitUntil: 'networkidle' });
  return { page, errors };
}

const firstCaseStudy = readdirSync('content/articles').find((f) => f.endsWith('.mdx'))!.replace(/\.mdx$/, '');

describe('a reader in Chromium', () => {
  it('sees the home page: promise, case studies, next salons and the community call to action', async () => {
    const { page, errors } = await open('/');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/customer/i);
    expect(await page.locator('#cases ~ .grid .card, section:has(#cases) .card').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('section:has(#salons) .event-card').count()).toBeGreaterThanOrEqual(1);
    await expect(page.getByRole('link', { name: /how cohorts work/i }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: `${SHOTS}/home.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reads an article: table of contents jumps to its section, author and related articles shown', async () => {
    const { page, errors } = await open(`/articles/${firstCaseStudy}/`);
    const tocLink = page.locator('.toc a').nth(1);
    const target = (await tocLink.getAttribute('href'))!;
    await tocLink.click();
    await page.waitForFunction((id) => location.hash === id, target);
    const top = await page.locator(target).evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(200);
    await expect(page.locator('#author').isVisible()).resolves.toBe(true);
    await expect(page.locator('text=Keep reading').isVisible()).resolves.toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}/article.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sees a salon with live seats from the server island', async () => {
    const upcoming = fixtureIds.open;
    const { page, errors } = await open(`/events/${upcoming}/`);
    await page.locator('#status').waitFor();
    await expect(page.locator('#status').textContent()).resolves.toMatch(/seats left|closed|ended/);
    await page.screenshot({ path: `${SHOTS}/event.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a phone screen without sideways scrolling, and the skip link is the first tab stop', async () => {
    for (const path of ['/', `/articles/${firstCaseStudy}/`, '/events/']) {
      const { page } = await open(path, { width: 375, height: 740 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      await page.keyboard.press('Tab');
      await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to content');
      if (path === '/') await page.screenshot({ path: `${SHOTS}/home-phone.png`, fullPage: true });
      await page.close();
    }
  });
});
