// Journey (b): an attendee registers for a salon on a phone (and on a desktop),
// first with a wrong email, leaving the optional fields blank; reads the ticket
// mail (QR code inline, calendar file, a plain cancel link); opens the ticket
// (QR code above the fold); cancels after a confirmation step and gets the
// cancellation mail. Nothing may scroll sideways at 390 px.
import { describe, expect, it } from 'vitest';
import { fixtureSalon } from '../support/salons';
import { waitForMail } from '../support/mailbox';
import { expectNoSidewaysScroll } from '../support/page';
import { journeyHarness, SHOTS } from '../support/journey';

const salon = fixtureSalon('open');

const h = journeyHarness(); // the mail worker polls every 100 ms

const viewports = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

describe('an attendee registers, reads the ticket mail and cancels', () => {
  it.each(viewports)('at $width px ($name)', async ({ name, width, height }) => {
    const email = `ada.${name}@example.com`;
    const context = await h.browser.newContext({ viewport: { width, height }, isMobile: width < 500, hasTouch: width < 500 });
    const page = await context.newPage();
    const narrow = width < 500;

    // The salon page; a wrong email first.
    await page.goto(`${h.server.url}/events/${salon.id}/`);
    await page.getByLabel('Work email').fill('ada@');
    await page.getByLabel('Full name').fill('Ada Lovelace');
    await page.getByRole('button', { name: /Register/ }).click();
    await page.waitForURL(/\/register\/?$/, { timeout: 10_000 });
    const emailField = page.getByLabel('Work email');
    await expect(emailField.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await emailField.getAttribute('aria-describedby')) ?? '';
    await expect(page.locator(`[id="${describedBy.split(' ')[0]}"]`).textContent()).resolves.toMatch(/email/i);
    await expect(page.getByLabel('Full name').inputValue()).resolves.toBe('Ada Lovelace'); // kept
    if (narrow) await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/attendee-${width}-1-wrong-email.png`, fullPage: true });

    // Corrected; company, job title, size ("Choose…") and phone left blank.
    await emailField.fill(email);
    await expect(page.getByLabel('Company size').inputValue()).resolves.toBe('');
    // A form post: wait for the page it answers with (the ticket, or the form again).
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /Register/ }).click()]);
    const refused = await page.locator('[aria-invalid="true"]').evaluateAll((els) => els.map((el) => el.getAttribute('name')));
    expect(refused, 'blank optional fields mean "not given" and are never refused').toEqual([]);
    await page.waitForURL(/\/ticket\/[A-Z2-7-]+\/$/, { timeout: 10_000 });
    const ticketPath = new URL(page.url()).pathname;
    const ticketCode = ticketPath.split('/').at(-2)!;

    // The ticket: the QR code first, above the fold on a phone.
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/seat is confirmed/);
    const qr = page.getByRole('img', { name: `QR code of ticket ${ticketCode}` });
    await expect(qr.isVisible()).resolves.toBe(true);
    const qrBox = (await qr.boundingBox())!;
    expect(qrBox.y).toBeLessThan(height);
    expect(qrBox.width).toBeGreaterThanOrEqual(200); // big enough to scan from a phone
    const details = (await page.getByRole('heading', { level: 2, name: salon.title }).boundingBox())!;
    if (narrow) expect(qrBox.y).toBeLessThan(details.y); // QR first, details below
    else expect(details.x).toBeGreaterThan(qrBox.x + qrBox.width - 1); // side by side
    const ticketText = (await page.getByRole('article').innerText()).replace(/\s+/g, ' ');
    expect(ticketText).toContain('Ada Lovelace');
    expect(ticketText).toMatch(/18:30–21:00 GMT\+8/); // the salon's zone (Asia/Shanghai), whatever the server's
    expect(ticketText).toContain('Test Loft');
    expect(ticketText).toMatch(/Status\s*Confirmed/i);
    await expect(page.getByRole('link', { name: 'Open the map' }).getAttribute('href')).resolves.toMatch(/^https:\/\/www\.openstreetmap\.org\//);
    if (narrow) await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/attendee-${width}-2-ticket.png`, fullPage: true });

    // The ticket mail: QR inline (cid: image + inline attachment), the .ics, a plain cancel link.
    const mail = await waitForMail(h.server.mailDir, (m) => m.to === email && /Your seat at/.test(m.subject));
    const cid = /<img[^>]+src="cid:([^"]+)"[^>]*alt="QR code of ticket ([^"]+)"/.exec(mail.html);
    expect(cid?.[2]).toBe(ticketCode);
    const inline = mail.attachments?.find((a) => a.contentId === cid![1]);
    expect(inline).toMatchObject({ contentType: 'image/png' });
    expect(Buffer.from(inline!.content, 'base64').subarray(1, 4).toString()).toBe('PNG');
    expect(mail.attachments?.find((a) => a.filename.endsWith('.ics'))).toMatchObject({ contentType: 'text/calendar', contentId: null });
    const cancelUrl = `${h.server.url}${ticketPath}cancel/`;
    expect(mail.html).toMatch(new RegExp(`<a href="${cancelUrl.replace(/[.?]/g, '\\$&')}"[^>]*>Cancel my seat</a>`));
    expect(mail.text).toContain(`Cancel my seat: ${cancelUrl}`);
    expect(mail.text).toContain(`Ticket code: ${ticketCode}`);

    // Cancel: the link asks first; "Keep my seat" goes back, nothing changes.
    await page.getByRole('link', { name: 'Cancel my seat' }).click();
    expect(page.url()).toBe(cancelUrl);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`Cancel my seat at ${salon.title}?`);
    if (narrow) await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/attendee-${width}-3-confirm-cancel.png`, fullPage: true });
    await page.getByRole('link', { name: 'Keep my seat' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/seat is confirmed/);

    // The mail's link leads to the same question; confirm this time.
    await page.goto(cancelUrl);
    await page.getByRole('button', { name: 'Yes, cancel my seat' }).click();
    await page.waitForURL(/\?cancelled=1$/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/cancelled/);
    await expect(page.getByRole('status').first().textContent()).resolves.toMatch(/emailed you a confirmation/);
    await expect(page.getByRole('img', { name: /QR code/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Cancel my seat' }).count()).resolves.toBe(0);
    if (narrow) await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/attendee-${width}-4-cancelled.png`, fullPage: true });

    const cancelled = await waitForMail(h.server.mailDir, (m) => m.to === email && /cancelled/.test(m.subject));
    expect(cancelled.subject).toBe(`Your seat at ${salon.title} is cancelled`);
    expect(cancelled.text).toContain(ticketCode);
    await context.close();
  }, 60_000);
});
