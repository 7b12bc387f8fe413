// The public site over real HTTP from the built server: every page of the
// contract answers with real content, metadata and no stray client JavaScript.
import { readdirSync } from 'node:fs';
import { parse, type HTMLElement } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server?.stop());

const articleSlugs = readdirSync('content/articles').filter((f) => f.endsWith('.mdx')).map((f) => f.replace(/\.mdx$/, ''));
const eventSlugs = readdirSync('content/events').filter((f) => f.endsWith('.mdx')).map((f) => f.replace(/\.mdx$/, ''));

async function page(path: string): Promise<{ status: number; html: HTMLElement; text: string; res: Response }> {
  const res = await fetch(server.url + path, { redirect: 'manual' });
  const text = await res.text();
  return { status: res.status, html: parse(text), text, res };
}

/** Canonical URLs use the public origin the site was built for (SITE_URL), not the test server's address. */
const site = process.env.SITE_URL ?? 'http://localhost:4321';

function meta(html: HTMLElement, selector: string): string | undefined {
  return html.querySelector(selector)?.getAttribute('content') ?? html.querySelector(selector)?.getAttribute('href');
}

describe('pages of the contract', () => {
  const paths = ['/', '/articles/', '/case-studies/', '/events/', '/pricing/', '/community/', ...articleSlugs.slice(0, 4).map((s) => `/articles/${s}/`), ...eventSlugs.map((s) => `/events/${s}/`)];

  it.each(paths)('%s answers 200 with a title, description, canonical URL and Open Graph tags', async (path) => {
    const { status, html } = await page(path);
    expect(status).toBe(200);
    expect(html.querySelector('title')?.text).toMatch(/Flywheel/);
    expect(meta(html, 'meta[name=description]')?.length).toBeGreaterThan(40);
    expect(meta(html, 'link[rel=canonical]')).toBe(new URL(path, site).href);
    expect(meta(html, 'meta[property="og:title"]')).toBeTruthy();
    expect(meta(html, 'meta[property="og:url"]')).toBe(new URL(path, site).href);
    expect(html.querySelectorAll('h1')).toHaveLength(1);
    expect(html.querySelector('html')?.getAttribute('lang')).toBe('en');
  });

  it('lists every article across the paginated index, with working category and tag filters', async () => {
    const seen = new Set<string>();
    let path: string | undefined = '/articles/';
    while (path) {
      const { status, html } = await page(path);
      expect(status).toBe(200);
      for (const a of html.querySelectorAll('.card h2 a')) seen.add(a.getAttribute('href')!);
      path = html.querySelector('a[rel=next]')?.getAttribute('href');
    }
    expect([...seen].sort()).toEqual(articleSlugs.map((s) => `/articles/${s}/`).sort());

    const cases = await page('/articles/category/case-study/');
    const cards = cases.html.querySelectorAll('.card h2 a');
    expect(cards.length).toBeGreaterThanOrEqual(5);
    expect(cases.html.querySelector('.chip[aria-current=page]')?.text).toBe('Case study');

    const tagHref = cases.html.querySelector('a[href^="/articles/tag/"]')!.getAttribute('href')!;
    const tagged = await page(tagHref);
    expect(tagged.status).toBe(200);
    expect(tagged.html.querySelectorAll('.card').length).toBeGreaterThan(0);
  });

  it('renders an article with its headings, table of contents, author card, related articles and reading time', async () => {
    const { html } = await page(`/articles/${articleSlugs[0]}/`);
    const tocLinks = html.querySelectorAll('.toc a');
    expect(tocLinks.length).toBeGreaterThanOrEqual(3);
    for (const link of tocLinks) expect(html.getElementById(link.getAttribute('href')!.slice(1))).toBeTruthy();
    expect(html.querySelector('#author strong')?.text.length).toBeGreaterThan(3);
    expect(html.text).toMatch(/\d+ min read/);
    expect(html.querySelectorAll('#related-title ~ .grid .card').length).toBeGreaterThan(0);
  });

  it('ships no client JavaScript on articles but the language suggestion, and JSON-LD of type Article', async () => {
    for (const slug of articleSlugs) {
      const { html } = await page(`/articles/${slug}/`);
      // The one inline script offers the Chinese page to a browser that prefers it (a static page has no server to read Accept-Language).
      const scripts = html.querySelectorAll('script').filter((s) => !s.text.includes("querySelector('[data-lang-suggest]')"));
      expect(html.querySelectorAll('script').length - scripts.length).toBe(1);
      expect(scripts.every((s) => s.getAttribute('type') === 'application/ld+json')).toBe(true);
      const ld = JSON.parse(scripts[0]!.text);
      expect(ld['@type']).toBe('Article');
      expect(ld.headline).toBe(html.querySelector('h1')!.text);
    }
  });

  it('ships no more than 15 KB of compressed JavaScript on any page', async () => {
    const { gzipSync } = await import('node:zlib');
    for (const path of ['/', '/articles/', '/events/', '/pricing/', '/community/', `/events/${eventSlugs[0]}/`, `/articles/${articleSlugs[0]}/`, '/login/']) {
      const { html } = await page(path);
      let js = '';
      for (const script of html.querySelectorAll('script')) {
        if (script.getAttribute('type') === 'application/ld+json') continue;
        const src = script.getAttribute('src');
        js += src ? await (await fetch(new URL(src, server.url))).text() : script.text;
      }
      expect(gzipSync(js).length, path).toBeLessThanOrEqual(15 * 1024);
    }
  });

  it('describes events with Event JSON-LD in their own time zone', async () => {
    const { html } = await page(`/events/${eventSlugs[0]}/`);
    const ld = JSON.parse(html.querySelector('script[type="application/ld+json"]')!.text);
    expect(ld['@type']).toBe('Event');
    expect(new Date(ld.startDate).getTime()).toBeLessThan(new Date(ld.endDate).getTime());
    expect(html.querySelectorAll('.agenda li').length).toBeGreaterThanOrEqual(2);
    expect(html.text).toMatch(/GMT[+-]\d/);
  });

  it('answers unknown URLs with 404 and the designed page', async () => {
    const { status, html } = await page('/no-such-page/');
    expect(status).toBe(404);
    expect(html.querySelector('h1')?.text).toMatch(/spun off/);
    expect(html.querySelector('meta[name=robots]')?.getAttribute('content')).toBe('noindex');
    expect((await page('/articles/no-such-article/')).status).toBe(404);
  });
});

describe('feeds and crawler files', () => {
  it('publishes an RSS feed of every article', async () => {
    const { status, text, res } = await page('/rss.xml');
    expect(status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/xml/);
    expect(text.match(/<item>/g)).toHaveLength(articleSlugs.length);
  });

  it('publishes a sitemap listing articles and events but no private areas', async () => {
    const index = await page('/sitemap-index.xml');
    expect(index.status).toBe(200);
    const children = [...index.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
    // The built pages' sitemap, and the salons' one, made per request from their rows.
    expect(children).toContain('/sitemap-salons.xml');
    const sitemap = await page(children.find((c) => c !== '/sitemap-salons.xml')!);
    const salons = await page('/sitemap-salons.xml');
    expect(salons.status).toBe(200);
    for (const slug of articleSlugs) expect(sitemap.text).toContain(`/${slug}/`);
    for (const slug of eventSlugs) {
      expect(salons.text).toMatch(new RegExp(`<loc>https?://[^<]+/events/${slug}/</loc>`));
      expect(salons.text).toMatch(new RegExp(`<loc>https?://[^<]+/zh/events/${slug}/</loc>`));
    }
    for (const path of ['/', '/events/', '/pricing/', '/community/']) expect(sitemap.text).toContain(`<loc>${new URL(path, site).href}</loc>`);
    expect(sitemap.text).not.toMatch(/\/(sales|admin|me|login|community\/q|forbidden|not-found|request|unsubscribe)\//);
  });

  it('tells crawlers to keep out of member and staff areas', async () => {
    const { text } = await page('/robots.txt');
    expect(text).toMatch(/Disallow: \/sales\//);
    expect(text).toMatch(/Sitemap: .*sitemap-index\.xml/);
  });
});

describe('attribution cookie', () => {
  const cookieOf = (res: Response): string | undefined => res.headers.getSetCookie().find((c) => c.startsWith('fw_attr='));
  const decode = (c: string) => JSON.parse(Buffer.from(c.split(';')[0]!.slice('fw_attr='.length), 'base64url').toString());

  it('records first and last touch from utm parameters on a server-rendered page', async () => {
    const first = await fetch(`${server.url}/?utm_source=LinkedIn&utm_medium=cpc&utm_campaign=bench`);
    const cookie = cookieOf(first)!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const firstValue = decode(cookie);
    expect(firstValue.first).toMatchObject({ source: 'linkedin', medium: 'cpc', campaign: 'bench' });

    const second = await fetch(`${server.url}/events/`, {
      headers: { cookie: cookie.split(';')[0]!, referer: 'https://www.baidu.com/s?wd=flywheel' },
    });
    const merged = decode(cookieOf(second)!);
    expect(merged.first.source).toBe('linkedin');
    expect(merged.last).toMatchObject({ source: 'baidu.com', medium: 'organic' });
  });

  it('records utm parameters of prerendered pages through the beacon', async () => {
    const res = await fetch(`${server.url}/api/touch`, { headers: { referer: `${server.url}/articles/${articleSlugs[0]}/?utm_source=newsletter&partner=MEKONG` } });
    expect(res.headers.get('content-type')).toBe('image/gif');
    expect(decode(cookieOf(res)!).first).toMatchObject({ source: 'newsletter', partner: 'MEKONG', landing: `/articles/${articleSlugs[0]}/` });
  });

  it('sets nothing for internal navigation or a foreign page embedding the beacon', async () => {
    expect(cookieOf(await fetch(`${server.url}/events/`, { headers: { referer: `${server.url}/` } }))).toBeUndefined();
    expect(cookieOf(await fetch(`${server.url}/api/touch`, { headers: { referer: 'https://evil.example/?utm_source=x' } }))).toBeUndefined();
  });
});
