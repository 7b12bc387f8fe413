// Nothing jumps while a long page arrives. On a phone an article's table of
// contents and a resource's form sit above the text; when they came after it
// in the markup (moved up by CSS), a slow connection painted the text first
// and then pushed it down by the aside's height as the end of the page
// arrived: Lighthouse's layout shift on the articles. Here the HTML arrives
// slowly, as on a poor mobile connection, and the page's own layout-shift
// entries are summed.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { journeyHarness, VIEWPORTS } from '../support/journey';

const h = journeyHarness();

const ARTICLE = 'scoring-model-sales-trusts';
const PAGES = [`/articles/${ARTICLE}/`, `/zh/articles/${ARTICLE}/`, '/resources/salon-playbook-template/', '/zh/resources/salon-playbook-template/'];

/** Opens `path` over a throttled connection (the HTML comes in over a second or so) and returns the layout shift seen. */
async function loadSlowly(path: string, viewport: { width: number; height: number }): Promise<{ page: Page; shift: number }> {
  const context = await h.browser.newContext({ viewport, locale: 'en-US' });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __shift: number };
    w.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) if (!entry.hadRecentInput) w.__shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 40, downloadThroughput: 12 * 1024, uploadThroughput: 12 * 1024 });
  await page.goto(h.server.url + path, { waitUntil: 'load' });
  await page.waitForTimeout(300); // a shift is reported after the frame it happens in
  return { page, shift: await page.evaluate(() => (window as unknown as { __shift: number }).__shift) };
}

describe('long pages keep still while they load', () => {
  for (const viewport of VIEWPORTS) {
    for (const path of PAGES) {
      it(`${path} at ${viewport.width} px: no layout shift, and the aside sits where the reader expects it`, async () => {
        const { page, shift } = await loadSlowly(path, viewport);
        try {
          expect(shift).toBeLessThan(0.01);
          const aside = (await page.locator('.article-layout > aside').boundingBox())!;
          const text = (await page.locator('.article-layout > :not(aside)').first().boundingBox())!;
          // A phone: above the text, full width. A laptop: beside it, on the right.
          if (viewport.width < 900) expect(aside.y + aside.height).toBeLessThanOrEqual(text.y + 1);
          else {
            expect(aside.x).toBeGreaterThan(text.x + text.width - 1);
            expect(Math.abs(aside.y - text.y)).toBeLessThan(2);
          }
          expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        } finally {
          await page.context().close();
        }
      });
    }
  }
});
