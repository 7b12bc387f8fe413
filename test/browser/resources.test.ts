// Journey (a): a prospect reads a case study, follows its resource call to
// action, leaves their details in the gated form (optional fields blank,
// company size left on "Choose…"), downloads the PDF from the thank-you page,
// finds the same link in their mailbox, then asks for a demo from
// /pricing/#demo, again with the optional fields blank. At 390 px and
// 1280 px; nothing may scroll sideways on the phone.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { journeyHarness, SHOTS, VIEWPORTS } from '../support/journey';
import { waitForMail } from '../support/mailbox';
import { expectNoSidewaysScroll } from '../support/page';
import { pdfPageCount, pdfText } from '../support/pdf';

const run = journeyHarness();
const CASE_STUDY = 'Peoplestack HR cut MQL-to-SQL time from nine days to two';
const RESOURCE = '2026 B2B Lead Scoring Benchmark';

/** Submits the form the button belongs to and waits for the page the server answers with. */
async function submit(page: Page, button: ReturnType<Page['getByRole']>): Promise<void> {
  await Promise.all([page.waitForURL(/\/request\/?$/, { waitUntil: 'load' }), button.click()]);
}

describe('a prospect reads a case study, downloads its resource and asks for a demo', () => {
  it.each(VIEWPORTS)('at $width px ($name)', async ({ name, width, height }) => {
    const narrow = width < 500;
    const email = `lin.${name}@peoplestack-demo.example`;
    const { server, browser } = run;
    const context = await browser.newContext({ viewport: { width, height }, isMobile: narrow, hasTouch: narrow, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000); // a step that fails says which, well inside the test's time
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const shot = (step: string) => page.screenshot({ path: `${SHOTS}/resources-${width}-${step}.png`, fullPage: true });

    // 1. The case studies, then one of them.
    await page.goto(`${server.url}/case-studies/`);
    await Promise.all([page.waitForURL(/\/articles\/peoplestack-mql-to-sql\/$/), page.getByRole('link', { name: CASE_STUDY }).first().click()]);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(CASE_STUDY);
    if (narrow) await expectNoSidewaysScroll(page);

    // 2. Its resource card after the article (the aside has one too on a desktop).
    const card = page.getByRole('heading', { name: `Download: ${RESOURCE}` });
    expect(await card.count()).toBe(narrow ? 1 : 2); // the aside's card is hidden on a phone
    const cta = page.getByRole('link', { name: /^Get the report\s*:\s*2026 B2B Lead Scoring Benchmark$/ });
    await cta.last().scrollIntoViewIfNeeded();
    await shot('1-case-study-cta');
    await Promise.all([page.waitForURL(/\/resources\/b2b-lead-scoring-benchmark-2026\/#get-it$/), cta.last().click()]);

    // 3. The gated form: email and name only; company, title and size left as they are.
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(RESOURCE);
    if (narrow) await expectNoSidewaysScroll(page);
    await page.getByLabel('Work email').fill(email);
    await page.getByLabel('Full name').fill('Lin Chen');
    await expect(page.getByLabel('Company size').inputValue()).resolves.toBe(''); // "Choose…"
    await expect(page.getByLabel('Company (optional)', { exact: true }).inputValue()).resolves.toBe('');
    await shot('2-gated-form');
    await submit(page, page.getByRole('button', { name: 'Download' }));

    // 4. The thank-you page hands out the link. (Before main's fix for an empty
    //    company size, this is where the form came back with an error.)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Your download is ready');
    if (narrow) await expectNoSidewaysScroll(page);
    await shot('3-download-ready');
    const link = page.getByRole('link', { name: `Download ${RESOURCE}` });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`Flywheel - ${RESOURCE}.pdf`);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfPageCount(pdf)).toBeGreaterThan(1);
    expect(pdfText(pdf)).toContain(`Flywheel · ${RESOURCE}`);

    // 5. The same link is in the mailbox.
    const mail = await waitForMail(server.mailDir, (m) => m.to === email);
    expect(mail.subject).toBe(`Your download: ${RESOURCE}`);
    expect(mail.text).toMatch(/Download the PDF: http\S+\/resources\/b2b-lead-scoring-benchmark-2026\/download\?expires=\d+&sig=[0-9a-f]+/);

    // 6. A demo from the pricing page, optional fields blank.
    await page.goto(`${server.url}/pricing/#demo`);
    const demo = page.locator('#demo');
    await demo.getByLabel('Work email').fill(email);
    await expect(demo.getByLabel('Company size').inputValue()).resolves.toBe('');
    if (narrow) await expectNoSidewaysScroll(page);
    await shot('4-demo-form');
    await submit(page, demo.getByRole('button', { name: 'Book my demo' }));
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Thank you — we will be in touch');
    if (narrow) await expectNoSidewaysScroll(page);
    await shot('5-demo-thanks');

    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
