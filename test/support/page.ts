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

/**
 * Every visible piece of text on a Chinese page is Chinese: a text node with
 * Latin words and no Chinese character must be a name or code the test allows
 * (Flywheel, people, companies, emails, ticket codes). Returns what it read.
 */
export async function expectChinesePage(page: Page, allowed: RegExp[] = []): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.replace(/\s+/g, ' ').trim() ?? '';
      const parent = node.parentElement;
      if (!text || !parent || parent.closest('script, style, [hidden], [aria-hidden="true"], .visually-hidden, .hp, [lang="en"]')) continue;
      const box = parent.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (getComputedStyle(parent).visibility === 'hidden') continue;
      out.push(text);
    }
    // What a person reads that is not a text node: button labels by aria, placeholders, the title.
    for (const el of document.querySelectorAll('[placeholder]')) out.push(el.getAttribute('placeholder') ?? '');
    out.push(document.title);
    return out;
  });
  // Names that are not English words: the brand, numbers, emails, codes, a company's web domain.
  const always = [/^Flywheel$/, /^[\d\s.,:;%×+\-–—/()·¥$@#]+$/, /^\S+@\S+\.\S+$/, /^[A-Z0-9]{2,}(-[A-Z0-9]+)*$/, /^[·\s]*([a-z0-9-]+\.)+[a-z]{2,}$/];
  const english = texts.filter((t) => /[A-Za-z]{2,}/.test(t) && !/[\u4e00-\u9fff]/.test(t) && ![...always, ...allowed].some((r) => r.test(t)));
  expect(english, `${page.url()} shows English text on a Chinese page`).toEqual([]);
  return texts;
}
