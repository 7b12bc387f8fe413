// The demo request on /pricing/ with JavaScript switched off, as a phone on a
// poor connection or a locked-down browser would send it: a wrong email first,
// then the optional fields left blank.
import { describe, expect, it } from 'vitest';
import { journeyHarness, SHOTS } from '../support/journey';
import { expectNoSidewaysScroll } from '../support/page';
import { fixtureIds } from '../support/salons';

const h = journeyHarness();

describe('the lead form without JavaScript', () => {
  for (const width of [390, 1280]) {
    it(`asks for a demo at ${width} px: the wrong email is named, then blank optional fields are fine`, async () => {
      const context = await h.browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 860 } });
      const page = await context.newPage();
      await page.goto(`${h.server.url}/pricing/#demo`);
      const form = page.locator('form', { has: page.getByRole('button', { name: 'Book my demo' }) });
      await form.getByLabel('Work email').fill('not-an-email');
      await form.getByRole('button', { name: 'Book my demo' }).click();
      expect(new URL(page.url()).pathname).toBe('/request/');
      await expect(page.locator('#error-summary a').first().textContent()).resolves.toMatch(/Work email: Enter a valid email/);
      await expect(page.getByLabel('Work email').getAttribute('aria-invalid')).resolves.toBe('true');
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: `${SHOTS}/lead-nojs-${width}-1-wrong.png`, fullPage: true });
      await page.getByLabel('Work email').fill(`nojs.${width}@acme-industrial.com`);
      await page.getByRole('button', { name: 'Send' }).click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/we will be in touch/);
      await context.close();
    });
  }
});

describe('forms for a visitor we know', () => {
  it('come prefilled on the pricing page and the salon page after a first form', async () => {
    const context = await h.browser.newContext({ viewport: { width: 390, height: 860 } });
    const page = await context.newPage();
    await page.goto(`${h.server.url}/request/?interest=newsletter`);
    await page.getByLabel('Work email').fill('known.visitor@acme-industrial.com');
    await page.getByLabel('Full name (optional)').fill('Kim Known');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.goto(`${h.server.url}/pricing/`, { waitUntil: 'networkidle' });
    const demo = page.locator('form', { has: page.getByRole('button', { name: 'Book my demo' }) });
    await expect(demo.getByLabel('Work email').inputValue()).resolves.toBe('known.visitor@acme-industrial.com');
    await expect(demo.getByLabel('Full name (optional)').inputValue()).resolves.toBe('Kim Known');
    await page.goto(`${h.server.url}/events/${fixtureIds.open}/`, { waitUntil: 'networkidle' });
    await expect(page.locator('#register').getByLabel('Work email').inputValue()).resolves.toBe('known.visitor@acme-industrial.com');
    await context.close();
  });
});
