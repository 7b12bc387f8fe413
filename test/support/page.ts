// Assertions about what a page looks like in the browser tests.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Nothing scrolls sideways: the document is no wider than the viewport (the failure names what sticks out). */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth, culprits } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    culprits: [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} → ${Math.round(e.getBoundingClientRect().right)}px`),
  }));
  expect(scrollWidth, `${page.url()} is ${scrollWidth}px wide in a ${innerWidth}px viewport: ${culprits.join(', ')}`).toBeLessThanOrEqual(innerWidth);
}
