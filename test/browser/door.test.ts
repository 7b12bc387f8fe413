// Journey (e): door staff (an admin session) on a phone and on a desktop check
// one guest in by searching a name, another by typing the ticket code; trying
// again says "Already checked in at <time in the salon's zone>". Where the
// browser reads QR codes, the camera fills the code in. Nothing scrolls sideways at 390 px.
import { eq } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { registrations } from '../../db/tables';
import { setRole } from '../../src/lib/leads/people';
import { createSession } from '../../src/lib/auth/sessions';
import { postJson } from '../support/http';
import { fixtureSalon } from '../support/salons';
import { expectNoSidewaysScroll } from '../support/page';
import { journeyHarness, SHOTS } from '../support/journey';

let token = '';
const salon = fixtureSalon('open'); // Asia/Shanghai: GMT+8 all year, never the server's UTC
const checkInPath = `/events/${salon.id}/check-in/`;

const h = journeyHarness({ prepare: async (db) => void (token = (await createSession(db, (await setRole(db, 'door.staff@example.com', 'admin')).id)).token) });

async function register(email: string, name: string, company: string): Promise<string> {
  const res = await postJson(`${h.server.url}/api/events/${salon.id}/register`, { email, name, company, jobTitle: 'Engineer' });
  expect(res.status).toBe(201);
  return res.body.ticketCode as string;
}

/** "19:02 GMT+8": when the database says this ticket was checked in, in the salon's zone. */
async function checkedInAt(ticketCode: string): Promise<string> {
  const at = (await h.server.db.select().from(registrations).where(eq(registrations.ticketCode, ticketCode)))[0]?.checkedInAt;
  expect(at).toBeInstanceOf(Date);
  return `${new Intl.DateTimeFormat('en-GB', { timeZone: salon.timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at!)} GMT+8`;
}

async function staffContext(width: number, height: number): Promise<BrowserContext> {
  const context = await h.browser.newContext({ viewport: { width, height }, isMobile: width < 500, hasTouch: width < 500 });
  await context.addCookies([{ name: 'fw_session', value: token, url: h.server.url }]);
  return context;
}

const answer = (page: Page) => page.getByRole('alert');

const viewports = [
  { name: 'phone', width: 390, height: 844, byName: ['Grace', 'Hopper', 'Navy Research Lab'], byCode: ['Alan', 'Turing', 'Bletchley Park'] },
  { name: 'desktop', width: 1280, height: 800, byName: ['Katherine', 'Johnson', 'Langley Center'], byCode: ['Dorothy', 'Vaughan', 'West Computing'] },
] as const;

describe('door check-in', () => {
  it.each(viewports)('by name and by code at $width px ($name)', async ({ width, height, byName, byCode }) => {
    const narrow = width < 500;
    const nameTicket = await register(`${byName[0].toLowerCase()}@example.com`, `${byName[0]} ${byName[1]}`, byName[2]);
    const codeTicket = await register(`${byCode[0].toLowerCase()}@example.com`, `${byCode[0]} ${byCode[1]}`, byCode[2]);
    const context = await staffContext(width, height);
    const page = await context.newPage();
    await page.goto(`${h.server.url}/admin${checkInPath}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Check-in');
    // The code field has the focus: a handheld scanner can start typing at once.
    await expect(page.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('ticketCode');
    await expect(page.getByText(/18:30–21:00 GMT\+8/).first().isVisible()).resolves.toBe(true);

    // By name: search, see the guest and their state, press their Check in button.
    await page.getByLabel('Name, company or email').fill(byName[1].toLowerCase());
    await page.getByRole('button', { name: 'Search' }).click();
    const fullName = `${byName[0]} ${byName[1]}`;
    const row = page.getByRole('listitem').filter({ hasText: fullName });
    await expect(row.textContent()).resolves.toMatch(/Confirmed · not in yet/);
    await expect(row.textContent()).resolves.toContain(byName[2]);
    const button = row.getByRole('button', { name: `Check in ${fullName}` });
    const box = (await button.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44); // a thumb-sized target
    if (narrow) await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/door-${width}-1-search.png`, fullPage: true });
    await button.click();
    await expect.poll(() => answer(page).textContent()).toContain(`Checked in: ${fullName}`);
    await expect(answer(page).evaluate((el) => getComputedStyle(el).borderColor)).resolves.toBe('rgb(21, 128, 61)'); // green
    const nameTime = await checkedInAt(nameTicket);
    await expect.poll(() => answer(page).textContent()).toContain(`In at ${nameTime}`);
    // The list, still showing the search, now says when they came in and offers no button.
    await expect.poll(() => row.textContent()).toContain(`Checked in at ${nameTime}`);
    await expect(row.getByRole('button').count()).resolves.toBe(0);
    if (narrow) await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/door-${width}-2-checked-in-by-name.png`, fullPage: true });

    // By company, the other guest is found too — but is checked in by the typed code (lower case, no dashes), Enter to submit.
    await page.getByLabel('Name, company or email').fill(byCode[2].split(' ')[0]!);
    await page.getByLabel('Name, company or email').press('Enter');
    await expect(page.getByRole('listitem').filter({ hasText: `${byCode[0]} ${byCode[1]}` }).count()).resolves.toBe(1);
    await page.getByLabel('Ticket code').fill(codeTicket.replace(/-/g, '').toLowerCase());
    await page.getByLabel('Ticket code').press('Enter');
    await expect.poll(() => answer(page).textContent()).toContain(`Checked in: ${byCode[0]} ${byCode[1]}`);
    const codeTime = await checkedInAt(codeTicket);

    // Again: clearly refused, with the time they came in, in the salon's zone.
    await page.getByLabel('Ticket code').fill(codeTicket);
    await page.getByLabel('Ticket code').press('Enter');
    await expect.poll(() => answer(page).textContent()).toContain(`Already checked in at ${codeTime}`);
    await expect.poll(() => answer(page).textContent()).toContain(`${byCode[0]} ${byCode[1]}`);
    await expect(answer(page).evaluate((el) => getComputedStyle(el).borderColor)).resolves.toBe('rgb(180, 35, 24)'); // red
    if (narrow) await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/door-${width}-3-already.png`, fullPage: true });

    // A made-up code is refused just as clearly.
    await page.getByLabel('Ticket code').fill('AAAA-BBBB-CCCC-DDDD');
    await page.getByRole('button', { name: 'Check in', exact: true }).click();
    await expect.poll(() => answer(page).textContent()).toContain('No such ticket for this salon');

    // The salon's admin page lists both with their check-in times in the salon's zone.
    await page.goto(`${h.server.url}/admin/events/${salon.id}/`);
    const table = (await page.getByRole('table').innerText()).replace(/\s+/g, ' ');
    expect(table).toContain(`${nameTime}`);
    expect(table).toContain(`${codeTime}`);
    if (narrow) await expectNoSidewaysScroll(page);
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), `${h.server.url}/admin/events/${salon.id}/attendees.csv`);
    expect(csv).toMatch(new RegExp(`${codeTicket},confirmed,.*,\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00,\\d{4}-\\d\\d-\\d\\dT${codeTime.slice(0, 5)}:\\d\\d\\+08:00,Asia/Shanghai`));
    await context.close();
  }, 60_000);

  it('scans the QR code with the camera where the browser can read QR codes, and hides the button where it cannot', async () => {
    const ticket = await register('ada.scan@example.com', 'Ada Scanned', 'Analytical Engines');
    const context = await staffContext(390, 844);
    const page = await context.newPage();
    // Without BarcodeDetector (desktop Linux Chromium has none), no camera button.
    await page.addInitScript(() => delete (window as { BarcodeDetector?: unknown }).BarcodeDetector);
    await page.goto(`${h.server.url}/admin${checkInPath}`);
    await page.waitForLoadState('networkidle');
    await expect(page.getByRole('button', { name: 'Scan QR with the camera' }).isVisible()).resolves.toBe(false);

    // A browser that reads QR codes and has a camera: a stand-in detector that "sees" the ticket.
    const scanning = await context.newPage();
    await scanning.addInitScript((code) => {
      (window as unknown as { BarcodeDetector: unknown }).BarcodeDetector = class {
        static async getSupportedFormats(): Promise<string[]> {
          return ['qr_code'];
        }
        async detect(): Promise<Array<{ rawValue: string }>> {
          return [{ rawValue: code }];
        }
      };
      const canvas = document.createElement('canvas');
      canvas.getContext('2d')?.fillRect(0, 0, 10, 10);
      Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia: async () => canvas.captureStream() } });
    }, ticket);
    await scanning.goto(`${h.server.url}/admin${checkInPath}`);
    const scan = scanning.getByRole('button', { name: 'Scan QR with the camera' });
    await scan.waitFor({ state: 'visible' });
    await scan.click();
    await expect.poll(() => answer(scanning).textContent(), { timeout: 10_000 }).toContain('Checked in: Ada Scanned');
    await expectNoSidewaysScroll(scanning);
    await scanning.screenshot({ path: `${SHOTS}/door-390-4-scanned.png`, fullPage: true });
    await context.close();
  }, 60_000);
});
