// Journey (c): a visitor presses Join, signs in with the emailed code (a wrong
// code first), lands in the cohort with a welcome, asks a question, copies the
// referral link and fills in their details; another member answers, the
// asker is mailed and accepts the answer. At 390 px and 1280 px.
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinCohort } from '../../src/lib/cohorts';
import { setRole } from '../../src/lib/people';
import { createSession } from '../../src/lib/sessions';
import { launchBrowser } from '../support/browser';
import { codeFrom, readMail, waitForMail } from '../support/mailbox';
import { expectNoSidewaysScroll } from '../support/page';
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

describe('joining the community and sharing', () => {
  for (const width of [390, 1280]) {
    it(`works end to end at ${width} px`, async () => {
      const email = `joiner.${width}@example.com`;
      const context: BrowserContext = await browser.newContext({ viewport: { width, height: 860 }, permissions: ['clipboard-read', 'clipboard-write'] });
      const page = await context.newPage();
      const shot = (step: string) => page.screenshot({ path: `${shots}/community-${width}-${step}.png`, fullPage: true });

      await page.goto(`${server.url}/community/`);
      await page.getByRole('button', { name: 'Join the open cohort' }).first().click();
      expect(new URL(page.url()).pathname).toBe('/login/');
      await expect(page.getByText('take your seat').isVisible()).resolves.toBe(true);
      await page.getByLabel('Work email').fill(email);
      await page.getByRole('button', { name: 'Email me a code' }).click();
      const code = codeFrom(await waitForMail(server.mailDir, (m) => m.to === email));
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      await page.getByLabel('Six-digit code').fill(wrong);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toMatch(/not right/);
      await shot('1-wrong-code');
      await page.getByLabel('Six-digit code').fill(code);
      await page.getByRole('button', { name: 'Sign in' }).click();

      // Straight into the cohort: no second press of Join.
      await page.waitForURL(/\/community\/q\/\?welcome=1$/);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/^Cohort 1 Q&A$/);
      await expect(page.getByText(/Welcome to Cohort 1 — you have seat \d+/).isVisible()).resolves.toBe(true);
      await expectNoSidewaysScroll(page);
      await shot('2-welcome');

      const title = `How do you run salon follow-ups? (${width})`;
      await page.getByLabel('Question').fill('short'); // too short first
      await page.getByRole('button', { name: 'Post question' }).click();
      await expect(page.locator('#error-summary').textContent()).resolves.toMatch(/Question: A title of at least 8 characters/);
      await page.getByLabel('Question').fill(title);
      await page.getByLabel('Context').fill('We get 30 people in a room and then lose them. What do you send the next morning?');
      await page.getByRole('button', { name: 'Post question' }).click();
      await expect(page.getByRole('heading', { name: title }).isVisible()).resolves.toBe(true);

      await page.goto(`${server.url}/me/`);
      const link = await page.getByLabel('Your personal link').inputValue();
      expect(link).toMatch(new RegExp(`^${server.url}/r/[a-z2-7]{8}$`));
      await page.getByRole('button', { name: 'Copy' }).click();
      await page.locator('#copy-status', { hasText: 'Copied' }).waitFor();
      await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(link);
      await expect(page.getByRole('img', { name: 'QR code of your link' }).isVisible()).resolves.toBe(true);
      await expect(page.getByText('First recommendation', { exact: false }).first().isVisible()).resolves.toBe(true);
      await expect(page.getByText('Welcome kit').isVisible()).resolves.toBe(true);

      // Details: optional fields left blank, a shipping address started but incomplete first.
      await page.getByLabel('Name (optional)').fill('Jo Joiner');
      await page.getByLabel('Recipient (optional)').fill('Jo Joiner');
      await page.getByRole('button', { name: 'Save my details' }).click();
      await expect(page.locator('#error-summary').textContent()).resolves.toMatch(/Street address/);
      await page.getByLabel('Phone (optional)').fill('+86 21 5555 0101');
      await page.getByLabel('Street address (optional)').fill('88 Huaihai Middle Road');
      await page.getByLabel('City (optional)').fill('Shanghai');
      await page.getByLabel('Country (optional)').fill('China');
      await page.getByRole('button', { name: 'Save my details' }).click();
      await expect(page.getByText('Saved.').isVisible()).resolves.toBe(true);
      await expect(page.getByLabel('City (optional)').inputValue()).resolves.toBe('Shanghai');
      await expectNoSidewaysScroll(page);
      await shot('3-me');

      // Another member answers; the asker is mailed and accepts the answer.
      const other = setRole(server.db, `answerer.${width}@example.com`, 'member');
      joinCohort(server.db, other.id);
      const otherContext = await browser.newContext({ viewport: { width, height: 860 } });
      await otherContext.addCookies([{ name: 'fw_session', value: createSession(server.db, other.id).token, url: server.url }]);
      const otherPage = await otherContext.newPage();
      await otherPage.goto(`${server.url}/community/q/?view=unanswered`);
      const thread = otherPage.locator('article', { has: otherPage.getByRole('heading', { name: title }) });
      await thread.getByText('Answer', { exact: true }).click();
      await thread.getByLabel('Your answer').fill('A one-page summary with the three best ideas, sent before 10:00.');
      await thread.getByRole('button', { name: 'Post answer' }).click();
      await expect(otherPage.getByText('your answer is posted').isVisible()).resolves.toBe(true);
      await otherContext.close();

      await waitForMail(server.mailDir, (m) => m.to === email && m.subject === 'Your question has a new answer');
      await page.goto(`${server.url}/community/q/`);
      const mine = page.locator('article', { has: page.getByRole('heading', { name: title }) });
      await mine.getByRole('button', { name: 'Accept this answer' }).click();
      await expect(page.locator('article', { has: page.getByRole('heading', { name: title }) }).getByText('Accepted answer').isVisible()).resolves.toBe(true);
      await page.goto(`${server.url}/community/q/?view=unanswered`);
      await expect(page.getByRole('heading', { name: title }).count()).resolves.toBe(0);
      await shot('4-accepted');
      expect(readMail(server.mailDir).filter((m) => m.to === email && m.subject === 'Your question has a new answer')).toHaveLength(1);
      await context.close();
    });
  }

  it('lets only the asker accept an answer', async () => {
    const asker = setRole(server.db, 'asker@example.com', 'member');
    const stranger = setRole(server.db, 'stranger@example.com', 'member');
    joinCohort(server.db, asker.id);
    joinCohort(server.db, stranger.id);
    const { askQuestion, answerQuestion } = await import('../../src/lib/questions');
    const q = askQuestion(server.db, asker.id, { title: 'Which CRM do you use?', body: 'Looking for something that works in China.' }) as number;
    const a = answerQuestion(server.db, stranger.id, { questionId: q, body: 'We use one with WeChat sync.' }) as number;
    const cookie = `fw_session=${createSession(server.db, stranger.id).token}`;
    const res = await fetch(`${server.url}/community/q/`, { method: 'POST', body: new URLSearchParams({ action: 'accept', answerId: String(a) }), headers: { cookie, origin: server.url } });
    expect(res.status).toBe(404);
    const { questions } = await import('../../db/schema');
    const { eq } = await import('drizzle-orm');
    expect(server.db.select().from(questions).where(eq(questions.id, q)).get()?.acceptedAnswerId).toBeNull();
  });
});
