// The content pages in Simplified Chinese under /zh/: every one answers in
// Chinese (<html lang="zh-CN">, Chinese title, none of the English UI words it
// replaced), its internal links keep the reader under /zh/, and each names its
// other-language twin. Against the built server; one phone-width check in Chromium.
import { readdirSync } from 'node:fs';
import { parse, type HTMLElement } from 'node-html-parser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadUrl } from '../../src/lib/resources/downloads';
import { launchBrowser } from '../support/browser';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let browser: Browser | undefined;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const site = process.env.SITE_URL ?? 'http://localhost:4321';
const slugs = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.mdx')).map((f) => f.replace(/\.mdx$/, ''));
const translated = slugs('content/articles/zh');
const untranslated = slugs('content/articles').filter((s) => !translated.includes(s));
const CASE_STUDY = 'kaida-partner-channel';
const NOT_TRANSLATED = 'pipl-pdpa-lead-forms';
const RESOURCE = 'salon-playbook-template';

async function page(path: string): Promise<{ status: number; html: HTMLElement; text: string }> {
  const res = await fetch(server.url + path, { redirect: 'manual' });
  const text = await res.text();
  return { status: res.status, html: parse(text), text };
}

/** English UI words these pages used to show; none may be left on a Chinese page. */
const ENGLISH_UI = [
  'Book a demo', 'Keep reading', 'min read', 'On this page', 'About the author', 'Filter by tag', 'The Flywheel journal',
  'Monthly field notes', 'All articles', 'Packages and pricing', 'Upcoming salons', 'Salon recaps', 'RSS feed',
  'Read the case studies', 'Teams that turned the wheel', 'Latest field notes', 'Page not found', 'Recently published',
  'Free resource', 'Download:', 'Get the ', 'Join the open cohort', 'How it works', 'Gifts for bringing colleagues',
  'Bundle · best value', 'Single tool', 'Ask about', 'Book a 30-minute demo', 'Older →', '← Newer', 'Case study',
  'What happened when they turned the wheel', 'See it on your own funnel', 'Welcome kit', 'Lead Scoring Desk',
];

/** Visible text outside parts marked as another language (an English original shown on purpose). */
function chineseText(html: HTMLElement): string {
  const body = parse(html.querySelector('body')!.toString());
  for (const el of body.querySelectorAll('[lang]')) if (!el.getAttribute('lang')!.startsWith('zh')) el.remove();
  for (const el of body.querySelectorAll('script, style')) el.remove();
  return body.text;
}

/**
 * Internal links that leave the Chinese site: everything but /api, files, mail
 * and links to the other language. Salon cards and the account link belong to
 * the salon and member pages' own work (SalonCard, AccountMenu), not these pages.
 */
function linksOutsideZh(html: HTMLElement): string[] {
  const others = new Set([...html.querySelectorAll('.event-card a, a.signin-link')]);
  return html
    .querySelectorAll('a[href]')
    .filter((a) => !others.has(a))
    .filter((a) => !a.getAttribute('hreflang') && !a.hasAttribute('data-lang-choice'))
    .filter((a) => {
      const href = a.getAttribute('href')!;
      return href.startsWith('/') && !/^\/(zh\/|zh$|api\/)/.test(href) && !/\.(ics|csv|png|pdf)$/.test(href);
    })
    .map((a) => a.toString().slice(0, 200));
}

function alternates(html: HTMLElement): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const l of html.querySelectorAll('link[rel=alternate][hreflang]')) out[l.getAttribute('hreflang')!] = l.getAttribute('href');
  return out;
}

const pages: Array<[path: string, status: number, title: RegExp, keyText: string]> = [
  ['/zh/', 200, /把内容变成客户/, '每一位读者都是未来的客户'],
  ['/zh/articles/', 200, /文章/, '把内容变成客户的一线笔记'],
  [`/zh/articles/${CASE_STUDY}/`, 200, /Kaida/, '阅读约'],
  [`/zh/articles/${NOT_TRANSLATED}/`, 200, /暂无中文版/, '阅读英文原文'],
  ['/zh/articles/category/case-study/', 200, /客户案例/, '客户案例'],
  ['/zh/articles/tag/lead-scoring/', 200, /线索评分/, '线索评分'],
  ['/zh/case-studies/', 200, /客户案例/, '当他们让飞轮转起来'],
  ['/zh/pricing/', 200, /套餐与价格/, '增长飞轮套装'],
  ['/zh/community/', 200, /社群期/, '加入本期社群'],
  [`/zh/resources/${RESOURCE}/`, 200, /30 人沙龙实战手册/, '免费获取实战手册与检查清单'],
  ['/zh/nonexistent', 404, /页面不存在/, '这个页面从飞轮上甩出去了'],
];

describe('Chinese content pages', () => {
  it.each(pages)('%s answers %i in Chinese, links staying under /zh/', async (path, status, title, keyText) => {
    const { status: got, html } = await page(path);
    expect(got).toBe(status);
    expect(html.querySelector('html')!.getAttribute('lang')).toBe('zh-CN');
    expect(html.querySelector('title')!.text).toMatch(title);
    expect(html.querySelector('meta[name=description]')!.getAttribute('content')).toMatch(/[\u4e00-\u9fff]/);
    const text = chineseText(html);
    expect(text).toContain(keyText);
    expect(ENGLISH_UI.filter((w) => text.includes(w)), 'English UI words left').toEqual([]);
    expect(linksOutsideZh(html), 'internal links leaving /zh/').toEqual([]);
  });

  it('renders the Chinese article with its Chinese metrics, author and a link to the English version, and back', async () => {
    const { html } = await page(`/zh/articles/${CASE_STUDY}/`);
    expect(html.querySelector('h1')!.text).toMatch(/[\u4e00-\u9fff]/);
    expect(html.querySelector('.metrics')!.text).toContain('活跃合作伙伴');
    expect(html.querySelector('#author')!.text).toContain('新加坡客户成功负责人');
    expect(html.querySelector('.meta')!.text).toMatch(/2026年9月9日/);
    const toEnglish = html.querySelector('.meta a[hreflang=en]')!;
    expect(toEnglish.getAttribute('href')).toBe(`/articles/${CASE_STUDY}/`);
    expect(toEnglish.text).toBe('Read in English');
    const ld = JSON.parse(html.querySelector('script[type="application/ld+json"]')!.text);
    expect(ld).toMatchObject({ inLanguage: 'zh-CN', url: new URL(`/zh/articles/${CASE_STUDY}/`, site).href });

    const english = (await page(`/articles/${CASE_STUDY}/`)).html;
    const toChinese = english.querySelector('.meta a[hreflang=zh-CN]')!;
    expect(toChinese.getAttribute('href')).toBe(`/zh/articles/${CASE_STUDY}/`);
    expect(toChinese.text).toBe('阅读中文版');
    expect(alternates(english)).toMatchObject({ en: new URL(`/articles/${CASE_STUDY}/`, site).href, 'zh-CN': new URL(`/zh/articles/${CASE_STUDY}/`, site).href });
    expect(alternates(html)).toMatchObject({ en: new URL(`/articles/${CASE_STUDY}/`, site).href, 'zh-CN': new URL(`/zh/articles/${CASE_STUDY}/`, site).href });
  });

  it('gives an article without a Chinese version a noindex page with its English title and summary, marked English', async () => {
    const { html } = await page(`/zh/articles/${NOT_TRANSLATED}/`);
    expect(html.querySelector('meta[name=robots]')!.getAttribute('content')).toBe('noindex');
    const original = html.querySelector('.panel[lang=en]')!;
    expect(original.querySelector('h2')!.text).toMatch(/^[\x20-\x7e’—]+$/);
    expect(html.querySelector(`main a.btn[href="/articles/${NOT_TRANSLATED}/"]`)!.text).toBe('阅读英文原文');
    // The English page offers no Chinese version that does not exist.
    expect((await page(`/articles/${NOT_TRANSLATED}/`)).html.querySelector('.meta a[hreflang]')).toBeNull();
  });

  it('lists Chinese articles first on /zh/articles/, then the English-only ones marked as such', async () => {
    const html = (await page('/zh/articles/')).html;
    const cards = html.querySelectorAll('.card');
    const marked = cards.map((c) => c.text.includes('英文'));
    expect(marked.slice(0, translated.length)).toEqual(translated.map(() => false));
    expect(marked.slice(translated.length).every(Boolean)).toBe(true);
    const second = (await page('/zh/articles/page/2/')).html;
    const all = [...cards, ...second.querySelectorAll('.card')].map((c) => c.querySelector('h2 a')!.getAttribute('href'));
    expect(all.sort()).toEqual([...translated, ...untranslated].map((s) => `/zh/articles/${s}/`).sort());
  });

  it('shows packages with Chinese names and features at the same prices', async () => {
    const text = chineseText((await page('/zh/pricing/')).html);
    expect(text).toContain('¥79,000');
    expect(text).toContain('线索评分台');
    expect(text).toContain('/ 年');
  });

  it('publishes a Chinese RSS feed of the Chinese articles with /zh/ links', async () => {
    const res = await fetch(`${server.url}/zh/rss.xml`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xml).toContain('<language>zh-cn</language>');
    const links = [...xml.matchAll(/<item>[\s\S]*?<link>([^<]+)<\/link>/g)].map((m) => new URL(m[1]!).pathname);
    expect(links.sort()).toEqual(translated.map((s) => `/zh/articles/${s}/`).sort());
    expect(xml).toMatch(/<item><title>[^<]*[\u4e00-\u9fff]/);
    expect(await (await fetch(`${server.url}/rss.xml`)).text()).toContain('<language>en</language>');
  });

  it('lists Chinese pages in the sitemap with alternates, on-demand ones included, but no untranslated article', async () => {
    const xml = await (await fetch(`${server.url}/sitemap-0.xml`)).text();
    for (const path of ['/zh/', '/zh/events/', '/zh/articles/', `/zh/articles/${CASE_STUDY}/`, '/zh/pricing/']) {
      expect(xml).toContain(`<loc>${new URL(path, site).href}</loc>`);
    }
    expect(xml).toContain(`<xhtml:link rel="alternate" hreflang="zh-CN" href="${new URL(`/zh/articles/${CASE_STUDY}/`, site).href}"/>`);
    expect(xml).not.toContain(`<loc>${new URL(`/zh/articles/${NOT_TRANSLATED}/`, site).href}</loc>`);
  });

  it('serves the Chinese document to a download link from the Chinese page', async () => {
    const link = await downloadUrl(server.db, RESOURCE);
    const zh = await fetch(`${server.url}/zh${link}`);
    expect(zh.status).toBe(200);
    expect(decodeURIComponent(zh.headers.get('content-disposition')!)).toContain('30 人沙龙实战手册');
    const en = await fetch(server.url + link);
    expect(decodeURIComponent(en.headers.get('content-disposition')!)).toContain('The 30-Seat Salon Playbook');
  });
});

describe('a Chinese case study on a phone', () => {
  it('does not scroll sideways at 390 px', async () => {
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const tab = await context.newPage();
    await tab.goto(`${server.url}/zh/articles/${CASE_STUDY}/`);
    expect(await tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();
  });
});
