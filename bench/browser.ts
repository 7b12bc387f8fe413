// Pages in the browser: Lighthouse's four categories for the home page, an
// article and a salon page in both languages, and the JavaScript each page
// type makes a visitor download (bytes on the wire, compressed as served),
// all against the production wrapper (scripts/serve.mjs) around the test build,
// in the same Chromium the browser tests use.
import { brotliCompressSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { fontconfigFile, launchBrowser, resolveChromium } from '../test/support/browser';
import { sessionCookie } from '../test/support/people';
import { fixtureSalon } from '../test/support/salons';
import { startServer, type RunningServer } from '../test/support/server';
import type { Row } from './stats';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const ARTICLE = '/articles/scoring-model-sales-trusts/';
const CASE_STUDY = '/articles/peoplestack-mql-to-sql/';

/** Lighthouse pages: home, an article and a salon page, each in English and Chinese. */
function lighthousePages(salonId: string): string[] {
  const en = ['/', ARTICLE, `/events/${salonId}/`];
  return [...en, ...en.map((p) => `/zh${p}`)];
}

export interface LighthouseScores {
  path: string;
  scores: Record<(typeof CATEGORIES)[number], number>;
  /** The audits that cost points, for the note. */
  misses: string[];
}

/** Runs Lighthouse (mobile emulation, its default throttling) on each path of a running server. */
export async function lighthouseScores(base: string, paths: string[]): Promise<LighthouseScores[]> {
  const { executablePath, args } = await resolveChromium();
  process.env.FONTCONFIG_FILE = fontconfigFile();
  const results: LighthouseScores[] = [];
  for (const path of paths) {
    // Lighthouse now and then fails to record a page load's trace (NO_NAVSTART), more often on a busy
    // machine: that is its hiccup, not the page's, so each page gets up to three tries, each in a fresh Chromium.
    let lhr: Awaited<ReturnType<typeof audit>> | undefined;
    for (let attempt = 0; attempt < 3 && (!lhr || lhr.runtimeError); attempt++) lhr = await audit(base + path, executablePath, args);
    if (!lhr || lhr.runtimeError) throw new Error(`Lighthouse could not audit ${path}: ${lhr?.runtimeError?.code} ${lhr?.runtimeError?.message}`);
    const found = lhr;
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((found.categories[c]?.score ?? 0) * 100)])) as LighthouseScores['scores'];
    const misses = CATEGORIES.flatMap((c) =>
      (found.categories[c]?.auditRefs ?? []).flatMap((ref) => {
        const result = found.audits[ref.id];
        return ref.weight > 0 && result && result.score !== null && result.score < 1 ? [`${result.id}${result.displayValue ? ` ${result.displayValue}` : ''}`] : [];
      }),
    );
    results.push({ path, scores, misses });
  }
  return results;
}

/** One Lighthouse run of one URL in its own Chromium. */
async function audit(url: string, chromePath: string, args: string[]): Promise<import('lighthouse').Result> {
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: [...args, '--headless=new'] });
  try {
    return (await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] }))!.lhr;
  } finally {
    chrome.kill();
  }
}

interface ScriptWeight {
  files: number;
  inline: number;
  wire: number;
  raw: number;
}

/** The scripts a fresh visitor's browser downloads for one page: bytes on the wire (as encoded) and decoded. */
async function scriptWeight(server: RunningServer, path: string, cookie?: string): Promise<ScriptWeight> {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, ...(cookie ? { extraHTTPHeaders: { cookie } } : {}) });
    const page = await context.newPage();
    const scripts: Promise<{ wire: number; raw: number }>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      scripts.push(Promise.all([response.request().sizes(), response.body()]).then(([sizes, body]) => ({ wire: sizes.responseBodySize, raw: body.length })));
    });
    const response = await page.goto(server.url + path, { waitUntil: 'networkidle' });
    if (!response?.ok()) throw new Error(`${path} answered ${response?.status()}`);
    const sizes = await Promise.all(scripts);
    // Small scripts are inlined into the HTML by Astro: they travel compressed with it; counted as brotli would send them.
    const inline = await page.evaluate(() => [...document.scripts].filter((s) => !s.src && s.type !== 'application/ld+json').map((s) => s.textContent ?? ''));
    const inlineRaw = Buffer.from(inline.join('\n'));
    return {
      files: sizes.length,
      inline: inline.length,
      wire: sizes.reduce((n, s) => n + s.wire, 0) + (inlineRaw.length ? brotliCompressSync(inlineRaw).length : 0),
      raw: sizes.reduce((n, s) => n + s.raw, 0) + inlineRaw.length,
    };
  } finally {
    await browser.close();
  }
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

export async function benchBrowser(): Promise<Row[]> {
  const salon = fixtureSalon('open');
  const server = await startServer();
  try {
    const staff = await sessionCookie(server.db, 'bench-sales@flywheel.test', 'sales');
    const admin = await sessionCookie(server.db, 'bench-admin@flywheel.test', 'admin');
    const rows: Row[] = [];
    const types: Array<[string, string, string?]> = [
      ['home', '/'],
      ['article', ARTICLE],
      ['case study', CASE_STUDY],
      ['salon list', '/events/'],
      ['salon page', `/events/${salon.id}/`],
      ['sales desk (signed in)', '/sales/', staff],
      ['admin salons (signed in)', '/admin/salons/', admin],
    ];
    for (const [type, path, cookie] of types) {
      const w = await scriptWeight(server, path, cookie);
      rows.push({ measure: `JS per page: ${type}`, value: kb(w.wire), baseline: kb(w.raw), note: `${path}: ${w.files} script file(s), ${w.inline} inline; value compressed as sent, baseline uncompressed` });
    }
    for (const r of await lighthouseScores(server.url, lighthousePages(salon.id))) {
      const s = r.scores;
      rows.push({
        measure: `Lighthouse ${r.path}`,
        value: `${s.performance} / ${s.accessibility} / ${s['best-practices']} / ${s.seo}`,
        baseline: '100 / 100 / 100 / 100',
        note: `performance / accessibility / best practices / SEO${r.misses.length ? `; lost points: ${r.misses.slice(0, 4).join(', ')}` : ''}`,
      });
    }
    return rows;
  } finally {
    await server.stop();
  }
}
