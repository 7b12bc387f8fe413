// The two sites: English at today's URLs, Chinese under /zh/. The same page in
// both languages, linked both ways (hreflang, x-default, the language switch);
// a browser that prefers the other language is offered it once, never sent
// there; guarded areas send a Chinese visitor to the Chinese sign-in; JSON
// errors follow Accept-Language.
import { parse, type HTMLElement } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { journeyHarness } from '../support/journey';
import { expectNoSidewaysScroll } from '../support/page';

const h = journeyHarness();
const site = process.env.SITE_URL ?? 'http://localhost:4321';

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; html: HTMLElement; res: Response }> {
  const res = await fetch(h.server.url + path, { redirect: 'manual', headers });
  return { status: res.status, html: parse(await res.text()), res };
}

function alternates(html: HTMLElement): Record<string, string | undefined> {
  return Object.fromEntries(html.querySelectorAll('link[rel=alternate][hreflang]').map((l) => [l.getAttribute('hreflang')!, l.getAttribute('href')]));
}

describe('one page, two languages', () => {
  it.each([
    ['/', '/zh/'],
    ['/events/', '/zh/events/'],
  ])('%s and %s name each other, in their own language', async (en, zh) => {
    const english = await get(en);
    const chinese = await get(zh);
    expect([english.status, chinese.status]).toEqual([200, 200]);
    expect(english.html.querySelector('html')?.getAttribute('lang')).toBe('en');
    expect(chinese.html.querySelector('html')?.getAttribute('lang')).toBe('zh-CN');
    const both = { en: new URL(en, site).href, 'zh-CN': new URL(zh, site).href, 'x-default': new URL(en, site).href };
    expect(alternates(english.html)).toEqual(both);
    expect(alternates(chinese.html)).toEqual(both);
    expect(chinese.html.querySelector('link[rel=canonical]')?.getAttribute('href')).toBe(both['zh-CN']);
    expect(english.html.querySelector('a.lang-switch')?.getAttribute('href')).toBe(zh);
    expect(chinese.html.querySelector('a.lang-switch')?.getAttribute('href')).toBe(en);
    expect(chinese.html.querySelector('nav.nav-wide a')?.getAttribute('href')).toBe('/zh/articles/');
    expect(chinese.html.querySelector('nav.nav-wide')?.text).toContain('线下沙龙');
  });

  it('a page kept out of search engines still switches language', async () => {
    const { html } = await get('/zh/login/');
    expect(html.querySelector('html')?.getAttribute('lang')).toBe('zh-CN');
    expect(html.querySelector('a.lang-switch')?.getAttribute('href')).toBe('/login/');
  });

  it('answers an unknown Chinese address with the Chinese 404', async () => {
    const { status, html } = await get('/zh/no-such-page/');
    expect(status).toBe(404);
    expect(html.querySelector('html')?.getAttribute('lang')).toBe('zh-CN');
  });

  it('sends a Chinese visitor of a guarded page to the Chinese sign-in, and back', async () => {
    const { status, res } = await get('/zh/me/?tab=gifts');
    expect(status).toBe(302);
    expect(res.headers.get('location')).toBe(`/zh/login/?next=${encodeURIComponent('/zh/me/?tab=gifts')}`);
  });
});

describe('JSON errors', () => {
  const bad = { method: 'POST', body: JSON.stringify({ email: 'not-an-email' }), headers: { 'content-type': 'application/json' } };

  it('speak Chinese to a caller whose Accept-Language prefers it, English otherwise', async () => {
    const zh = await fetch(`${h.server.url}/api/leads`, { ...bad, headers: { ...bad.headers, 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' } });
    const en = await fetch(`${h.server.url}/api/leads`, { ...bad, headers: { ...bad.headers, 'accept-language': 'en-GB,en;q=0.9' } });
    const zhBody = (await zh.json()) as { error: { code: string; fields: Record<string, string> } };
    const enBody = (await en.json()) as { error: { code: string; fields: Record<string, string> } };
    expect([zh.status, en.status]).toEqual([400, 400]);
    expect(zhBody.error.code).toBe('invalid'); // codes are the contract; only the words change
    expect(zhBody.error.fields.email).toMatch(/[\u4e00-\u9fff]/);
    expect(enBody.error.fields.email).toMatch(/valid email/);
    expect(zh.headers.get('content-language')).toBe('zh-CN');
    expect(zh.headers.get('vary')).toMatch(/Accept-Language/);
  });
});

describe('the language suggestion', () => {
  it('offers Chinese once to a browser that prefers it, and remembers "stay"', async () => {
    const context = await h.browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${h.server.url}/events/`);
    const bar = page.locator('[data-lang-suggest]');
    await expect(bar.isVisible()).resolves.toBe(true);
    await expect(bar.textContent()).resolves.toContain('本页有中文版');
    expect(page.url()).toBe(`${h.server.url}/events/`); // suggested, not forced
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expectNoSidewaysScroll(page);
    await page.getByRole('button', { name: '继续看英文' }).click();
    await expect(bar.isVisible()).resolves.toBe(false);
    await page.goto(`${h.server.url}/pricing/`);
    await expect(page.locator('[data-lang-suggest]').isVisible()).resolves.toBe(false);
    await context.close();
  });

  it('takes a Chinese reader to the same page in Chinese when they accept', async () => {
    const context = await h.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${h.server.url}/events/`);
    await Promise.all([page.waitForURL(/\/zh\/events\/$/), page.getByRole('link', { name: '切换到中文' }).click()]);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    await expect(page.locator('[data-lang-suggest]').isVisible()).resolves.toBe(false); // a Chinese page suggests nothing to a Chinese reader
    await context.close();
  });

  it('suggests nothing to a browser that prefers the page language', async () => {
    const context = await h.browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${h.server.url}/events/`);
    await expect(page.locator('[data-lang-suggest]').isVisible()).resolves.toBe(false);
    await page.goto(`${h.server.url}/zh/events/`);
    await expect(page.locator('[data-lang-suggest]').textContent()).resolves.toContain('This page is also in English');
    await expect(page.locator('[data-lang-suggest]').isVisible()).resolves.toBe(true);
    await context.close();
  });
});
