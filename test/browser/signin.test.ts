// A member signs in at /login in Chromium with the code from the mail file,
// with JavaScript switched off (the forms must work without it), and lands on /me/.
import { describe, expect, it } from 'vitest';
import { codeFrom, waitForMail } from '../support/mailbox';
import { journeyHarness, SHOTS } from '../support/journey';

const h = journeyHarness(); // the mail worker polls every 100 ms

describe('signing in', () => {
  it('works end to end without JavaScript and lands on /me/', async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: false, viewport: { width: 420, height: 860 } });
    const page = await context.newPage();
    await page.goto(`${h.server.url}/me/`);
    expect(new URL(page.url()).pathname).toBe('/login/');

    await page.getByLabel('Work email').fill('Reader@Example.com');
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toMatch(/six-digit code to reader@example.com/);

    const mail = await waitForMail(h.server.mailDir, (m) => m.to === 'reader@example.com');
    await page.getByLabel('Six-digit code').fill('000000' === codeFrom(mail) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/not right/);

    await page.getByLabel('Six-digit code').fill(codeFrom(mail));
    await page.screenshot({ path: `${SHOTS}/login-code.png` });
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(new URL(page.url()).pathname).toBe('/me/');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/Hello/);
    await expect(page.locator('main').getByText('reader@example.com').first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: `${SHOTS}/me.png`, fullPage: true });

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.goto(`${h.server.url}/me/`);
    expect(new URL(page.url()).pathname).toBe('/login/');
    await context.close();
  });
});
