// What a visitor in mainland China can load: every request a page makes goes
// to this site (no web fonts, analytics, maps or CDNs from hosts the Great
// Firewall blocks or slows, such as Google's), in both languages, and the
// calendar offers the .ics file before Google Calendar.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { journeyHarness } from '../support/journey';
import { fixtureSalon } from '../support/salons';

const h = journeyHarness();
const article = readdirSync('content/articles/zh').find((f) => f.endsWith('.mdx'))!.replace(/\.mdx$/, '');
const realSalon = readdirSync('content/events/zh').find((f) => f.endsWith('.mdx'))!.replace(/\.mdx$/, '');
const open = fixtureSalon('open');

const pages = ['/', '/articles/', `/articles/${article}/`, '/case-studies/', '/events/', `/events/${realSalon}/`, `/events/${open.id}/`, '/pricing/', '/community/', '/login/'];

describe('a visitor in mainland China', () => {
  it.each(pages.flatMap((p) => [p, `/zh${p}`]))('%s loads nothing from another host', async (path) => {
    const context = await h.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.protocol !== 'data:' && url.host !== new URL(h.server.url).host) elsewhere.push(request.url());
    });
    const response = await page.goto(h.server.url + path, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(200);
    expect(elsewhere).toEqual([]);
    await context.close();
  });

  it.each([`/events/${open.id}/`, `/zh/events/${open.id}/`])('%s offers the calendar file before Google Calendar', async (path) => {
    const html = await (await fetch(h.server.url + path)).text();
    const ics = html.indexOf('calendar.ics');
    const google = html.indexOf('calendar.google.com');
    expect(ics).toBeGreaterThan(-1);
    if (google > -1) expect(ics).toBeLessThan(google);
  });
});
