// Share cards over HTTP from the built server (issue 11): Open Graph, Twitter
// and the WeChat card show an entry's shareTitle / shareDescription, written
// to fit WeChat's two- and three-line card, while <title> and the meta
// description (for search engines) keep the full title and description. A
// Chinese page shows the Chinese card lines, never the English ones.
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { parse, type HTMLElement } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server?.stop());

type Front = Record<string, string | undefined>;
const front = (path: string): Front => yaml.load(/^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(path, 'utf8'))?.[1] ?? '') as Front;

async function head(path: string): Promise<(selector: string) => string | undefined> {
  const res = await fetch(server.url + path, { redirect: 'manual' });
  expect(res.status, path).toBe(200);
  const html: HTMLElement = parse(await res.text());
  return (selector) => (selector === 'title' ? html.querySelector('title')?.text : html.querySelector(selector)?.getAttribute('content'));
}

const cases = [
  { path: '/articles/harbourline-referrals-pipeline/', file: 'content/articles/harbourline-referrals-pipeline.mdx' },
  { path: '/zh/articles/harbourline-referrals-pipeline/', file: 'content/articles/zh/harbourline-referrals-pipeline.mdx' },
  { path: '/events/2026-09-shanghai-content-to-pipeline/', file: 'content/events/2026-09-shanghai-content-to-pipeline.mdx' },
  { path: '/zh/events/2026-09-shanghai-content-to-pipeline/', file: 'content/events/zh/2026-09-shanghai-content-to-pipeline.mdx' },
];

describe('share cards', () => {
  it.each(cases)('$path shows its card lines to Open Graph and Twitter, its full title and description to search engines', async ({ path, file }) => {
    const f = front(file);
    const description = f.description ?? f.summary;
    const get = await head(path);
    expect(f.shareDescription).toBeTruthy();
    expect(get('meta[property="og:description"]')).toBe(f.shareDescription);
    expect(get('meta[name="twitter:description"]')).toBe(f.shareDescription);
    expect(get('meta[property="og:title"]')).toBe(f.shareTitle ?? f.title);
    expect(get('meta[name="twitter:title"]')).toBe(f.shareTitle ?? f.title);
    expect(get('title')).toBe(`${f.title} · Flywheel`);
    expect(get('meta[name="description"]')).toBe(description);
  });
});
