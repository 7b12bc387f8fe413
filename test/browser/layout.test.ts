// Every page, public, member and staff, at 320 and 390 px: nothing scrolls
// sideways. And the header knows who you are: "Sign in", or your name with the
// places your role opens; staff screens wear a plain working header.
import { mkdirSync, readdirSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { people } from '../../db/tables';
import { setRole } from '../../src/lib/leads/people';
import { writeTransaction } from '../../src/lib/platform/db';
import { createSession } from '../../src/lib/auth/sessions';
import { launchBrowser } from '../support/browser';
import { postJson } from '../support/http';
import { fixtureIds } from '../support/salons';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let browser: Browser;
const tokens: Record<string, string> = {};
let leadId = 0;
const shots = 'test-results/screenshots';

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startServer({
    prepare: async (db) => {
      for (const [email, role, name] of [['mia@example.com', 'member', 'Mia Member'], ['dora@example.com', 'door', 'Dora Door'], ['sam@flywheel.example', 'sales', 'Sam Sales'], ['ada@flywheel.example', 'admin', 'Ada Admin']] as const) {
        const person = await setRole(db, email, role);
        await writeTransaction(db, async (tx) => {
          await tx.update(people).set({ name }).where(eq(people.id, person.id));
        });
        tokens[role] = (await createSession(db, person.id)).token;
      }
    },
  });
  browser = await launchBrowser(); // after the server, so a failed launch still leaves its handle for afterAll
  leadId = (await postJson(`${server.url}/api/leads`, { email: 'lead.for.layout@acme-industrial.com', name: 'Lena Lead', jobTitle: 'VP Operations', companySize: '1000+', interest: 'demo' })).body.leadId;
  await postJson(`${server.url}/api/events/${fixtureIds.open}/register`, { email: 'guest.for.layout@example.com', name: 'Gus Guest' });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function contextFor(role: string | null, width: number): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  if (role) await context.addCookies([{ name: 'fw_session', value: tokens[role]!, url: server.url }]);
  return context;
}

const article = readdirSync('content/articles').find((f) => f.endsWith('.mdx'))!.replace(/\.mdx$/, '');
const resource = readdirSync('content/resources').find((f) => f.endsWith('.mdx'))!.replace(/\.mdx$/, '');
const publicPages = ['/', '/articles/', `/articles/${article}/`, '/articles/category/playbook/', '/case-studies/', '/events/', `/events/${fixtureIds.open}/`, `/events/${fixtureIds.past}/`, `/resources/${resource}/`, '/pricing/', '/community/', '/login/', '/request/?interest=demo', '/no-such-page/'];
/** Read after beforeAll, once the lead exists. */
const pagesByRole = (): Array<[string, string[]]> => [
  ['member', ['/me/', '/community/q/']],
  ['door', ['/door/', `/admin/events/${fixtureIds.open}/check-in/`]],
  ['sales', ['/sales/', `/sales/leads/${leadId}/`]],
  ['admin', ['/admin/', '/admin/events/', `/admin/events/${fixtureIds.open}/`, '/admin/channels/', '/admin/gifts/', '/admin/coupons/', '/admin/outbox/', '/admin/people/']],
];

describe('nothing scrolls sideways on a phone', () => {
  for (const width of [320, 390]) {
    it(`public pages at ${width} px`, async () => {
      const context = await contextFor(null, width);
      const page = await context.newPage();
      const wide: string[] = [];
      for (const path of publicPages) {
        await page.goto(server.url + path, { waitUntil: 'networkidle' });
        const w = await page.evaluate(() => document.documentElement.scrollWidth);
        if (w > width) wide.push(`${path} (${w}px)`);
      }
      expect(wide, 'pages wider than the viewport').toEqual([]);
      await context.close();
    });

    it(`member and staff pages at ${width} px`, async () => {
      const wide: string[] = [];
      for (const [role, paths] of pagesByRole()) {
        const context = await contextFor(role, width);
        const page = await context.newPage();
        for (const path of paths) {
          const res = await page.goto(server.url + path, { waitUntil: 'networkidle' });
          expect(res?.status(), `${role} ${path}`).toBeLessThan(400);
          const w = await page.evaluate(() => document.documentElement.scrollWidth);
          if (w > width) wide.push(`${role} ${path} (${w}px)`);
          if (width === 390) await page.screenshot({ path: `${shots}/layout-390-${role}-${path.replace(/[^a-z0-9]+/gi, '-')}.png`, fullPage: true });
        }
        await context.close();
      }
      expect(wide, 'pages wider than the viewport').toEqual([]);
    });
  }
});

describe('a header that knows who you are', () => {
  it('offers "Sign in" to a visitor, and on a phone stays one row with the links in a menu', async () => {
    const context = await contextFor(null, 390);
    const page = await context.newPage();
    await page.goto(`${server.url}/events/`, { waitUntil: 'networkidle' });
    await expect(page.locator('.site-header').getByRole('link', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
    const height = await page.locator('.site-header').evaluate((el) => el.getBoundingClientRect().height);
    expect(height).toBeLessThanOrEqual(80);
    await expect(page.locator('.site-header').getByRole('link', { name: 'Case studies' }).first().isVisible()).resolves.toBe(false);
    await page.getByText('Menu', { exact: true }).click();
    await expect(page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Case studies' }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: `${shots}/layout-390-menu-open.png` });
    await context.close();
  });

  const expectations: Array<[string, string, string[], string[]]> = [
    ['member', 'Mia', ['My page', 'Community Q&A'], ['Sales desk', 'Operations', 'Door check-in']],
    ['door', 'Dora', ['My page', 'Door check-in'], ['Sales desk', 'Operations']],
    ['sales', 'Sam', ['My page', 'Sales desk'], ['Operations', 'Door check-in']],
    ['admin', 'Ada', ['My page', 'Sales desk', 'Operations', 'Door check-in'], []],
  ];
  for (const [role, name, shown, hidden] of expectations) {
    it(`shows a ${role} their name and only their places`, async () => {
      for (const width of [390, 1280]) {
        const context = await contextFor(role, width);
        const page = await context.newPage();
        await page.goto(`${server.url}/events/`, { waitUntil: 'networkidle' });
        const account = page.locator('.site-header details.account');
        await account.locator('summary').click();
        await expect(account.locator('summary').textContent()).resolves.toContain(name);
        for (const label of shown) await expect(account.getByRole('link', { name: label }).isVisible(), `${role} sees ${label}`).resolves.toBe(true);
        for (const label of hidden) await expect(account.getByRole('link', { name: label }).count(), `${role} does not see ${label}`).resolves.toBe(0);
        if (width === 1280) await page.screenshot({ path: `${shots}/layout-1280-account-${role}.png` });
        await context.close();
      }
    });
  }

  it('keeps articles free of JavaScript: their header links "Account" for everyone', async () => {
    const context = await contextFor('member', 390);
    const page = await context.newPage();
    await page.goto(`${server.url}/articles/${article}/`, { waitUntil: 'networkidle' });
    await page.locator('.site-header').getByRole('link', { name: 'Account', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe('/me/');
    await context.close();
  });

  it('gives staff screens a working header without marketing, and signs out from the menu', async () => {
    const context = await contextFor('admin', 1280);
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/gifts/`, { waitUntil: 'networkidle' });
    await expect(page.locator('.staff-tag').textContent()).resolves.toBe('Staff');
    await expect(page.getByText('Monthly field notes').count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Book a demo' }).count()).resolves.toBe(0);
    await page.locator('details.account summary').click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/\?signed-out=1$/);
    await page.goto(`${server.url}/admin/gifts/`);
    expect(new URL(page.url()).pathname).toBe('/login/');
    await context.close();
  });
});
