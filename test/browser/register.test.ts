// An attendee registers from the salon page in Chromium with JavaScript off,
// gets the ticket page with a QR code, and can cancel from it.
import { describe, expect, it } from 'vitest';
import { fixtureSalon } from '../support/salons';
import { journeyHarness } from '../support/journey';

const salon = fixtureSalon('open');

const h = journeyHarness();

describe('registering for a salon', () => {
  it('works from the event page without JavaScript, shows the ticket and cancels', async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${h.server.url}/events/${salon.id}/`);
    await page.getByLabel('Work email').fill('attendee@acme-industrial.com');
    await page.getByLabel('Full name').fill('Ada Attendee');
    await page.getByLabel('Company size').selectOption('201-1000');
    await page.getByRole('button', { name: /Register/ }).click();
    expect(page.url()).toMatch(new RegExp(`/events/${salon.id}/ticket/[A-Z2-7-]+/$`));
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/seat is confirmed/);
    await expect(page.getByRole('img', { name: /QR code of ticket/ }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: 'test-results/screenshots/ticket.png', fullPage: true });
    await page.getByRole('link', { name: 'Cancel my seat' }).click();
    await page.getByRole('button', { name: 'Yes, cancel my seat' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/cancelled/);
    await context.close();
  });

  it('shows the form again with the problem marked when the email is wrong', async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${h.server.url}/events/${salon.id}/`);
    await page.getByLabel('Work email').fill('not-an-email');
    await page.getByRole('button', { name: /Register/ }).click();
    await expect(page.locator('#r-email-error').textContent()).resolves.toMatch(/valid email/);
    await expect(page.getByLabel('Work email').getAttribute('aria-invalid')).resolves.toBe('true');
    // The summary at the top names the field and links to it.
    await expect(page.locator('#error-summary a[href="#r-email"]').textContent()).resolves.toMatch(/Work email: Enter a valid email/);
    await context.close();
  });
});
