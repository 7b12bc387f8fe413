// A member signs in at /login in Chromium with the code from the mail file,
// with JavaScript switched off (the forms must work without it), and lands on /me/.
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { codeFrom, waitForMail } from '../support/mailbox';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let browser: Browser;
const shots = 'test-results/screenshots';

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startServer({ env: { MAIL_WORKER_INTERVAL_MS: '100' } });
  browser = await launchBrowser(); // after the server, so a failed launch still leaves its handle for afterAll
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('signing in', () => {
  it('works end to end without JavaScript and lands on /me/', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 420, height: 860 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/me/`);
    expect(new URL(page.url()).pathname).toBe('/login/');

    await page.getByLabel('Work email').fill('Reader@Example.com');
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toMatch(/six-digit code to reader@example.com/);

    const mail = await waitForMail(server.mailDir, (m) => m.to === 'reader@example.com');
    await page.getByLabel('Six-digit code').fill('000000' === codeFrom(mail) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/not right/);

    await page.getByLabel('Six-digit code').fill(codeFrom(mail));
    await page.screenshot({ path: `${shots}/login-code.png` });
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(new URL(page.url()).pathname).toBe('/me/');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/Hello/);
    await expect(page.locator('main').getByText('reader@example.com').first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: `${shots}/me.png`, fullPage: true });

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.goto(`${server.url}/me/`);
    expect(new URL(page.url()).pathname).toBe('/login/');
    await context.close();
  });
});
