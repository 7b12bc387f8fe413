// Journey (c): a visitor presses Join, signs in with the emailed code (a wrong
// code first), lands in the cohort with a welcome, asks a question, copies the
// referral link and fills in their details; another member answers, the
// asker is mailed and accepts the answer. At 390 px and 1280 px.
import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { answers, cohorts, coupons, memberships, people, questions, registrations, rewards } from '../../db/tables';
import { joinCohort } from '../../src/lib/community/cohorts';
import { issueCoupon } from '../../src/lib/operations/coupons';
import { setRole } from '../../src/lib/leads/people';
import { answerQuestion, askQuestion } from '../../src/lib/community/questions';
import { countTaken, registerForSalon } from '../../src/lib/salons/registrations';
import { grantReward } from '../../src/lib/community/rewards';
import { createSession } from '../../src/lib/auth/sessions';
import { writeTransaction } from '../../db/client';
import { codeFrom, readMail, waitForMail } from '../support/mailbox';
import { expectNoSidewaysScroll } from '../support/page';
import { fixtureSalon } from '../support/salons';
import { journeyHarness, SHOTS } from '../support/journey';

const h = journeyHarness(); // the mail worker polls every 100 ms

describe('joining the community and sharing', () => {
  for (const width of [390, 1280]) {
    it(`works end to end at ${width} px`, async () => {
      const email = `joiner.${width}@example.com`;
      const context: BrowserContext = await h.browser.newContext({ viewport: { width, height: 860 }, permissions: ['clipboard-read', 'clipboard-write'] });
      const page = await context.newPage();
      const shot = (step: string) => page.screenshot({ path: `${SHOTS}/community-${width}-${step}.png`, fullPage: true });

      await page.goto(`${h.server.url}/community/`);
      await page.getByRole('button', { name: 'Join the open cohort' }).first().click();
      expect(new URL(page.url()).pathname).toBe('/login/');
      await expect(page.getByText('take your seat').isVisible()).resolves.toBe(true);
      await page.getByLabel('Work email').fill(email);
      await page.getByRole('button', { name: 'Email me a code' }).click();
      const code = codeFrom(await waitForMail(h.server.mailDir, (m) => m.to === email));
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

      // A salon ticket of theirs (registered with the same address) shows on /me/.
      const salon = fixtureSalon('open');
      await registerForSalon(h.server.db, salon, { input: { email }, attribution: null, referralClickId: null });

      await page.goto(`${h.server.url}/me/`);
      const ticket = page.getByRole('link', { name: salon.title });
      await expect(ticket.getAttribute('href')).resolves.toMatch(new RegExp(`^/events/${salon.id}/ticket/[A-Z2-7-]+/$`));
      await expect(page.locator('li', { has: ticket }).getByText('Confirmed').isVisible()).resolves.toBe(true);
      await expect(page.getByText('0 of 1').first().isVisible()).resolves.toBe(true);
      const link = await page.getByLabel('Your personal link').inputValue();
      expect(link).toMatch(new RegExp(`^${h.server.url}/r/[a-z2-7]{8}$`));
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
      const other = await setRole(h.server.db, `answerer.${width}@example.com`, 'member');
      await joinCohort(h.server.db, other.id);
      const otherContext = await h.browser.newContext({ viewport: { width, height: 860 } });
      await otherContext.addCookies([{ name: 'fw_session', value: (await createSession(h.server.db, other.id)).token, url: h.server.url }]);
      const otherPage = await otherContext.newPage();
      await otherPage.goto(`${h.server.url}/community/q/?view=unanswered`);
      const thread = otherPage.locator('article', { has: otherPage.getByRole('heading', { name: title }) });
      await thread.getByText('Answer', { exact: true }).click();
      await thread.getByLabel('Your answer').fill('A one-page summary with the three best ideas, sent before 10:00.');
      await thread.getByRole('button', { name: 'Post answer' }).click();
      await expect(otherPage.getByText('your answer is posted').isVisible()).resolves.toBe(true);
      await otherContext.close();

      const answered = await waitForMail(h.server.mailDir, (m) => m.to === email && m.subject === 'Your question has a new answer');
      expect(answered.text).toContain(title);
      expect(answered.text).toContain('A one-page summary with the three best ideas');
      expect(answered.html).toContain(`${h.server.url}/community/q/#thread-`);
      // The link in the mail opens the question.
      await page.goto(/Read the answer: (\S+)/.exec(answered.text)![1]!);
      await expect(page.getByRole('heading', { name: title }).isVisible()).resolves.toBe(true);
      await page.goto(`${h.server.url}/community/q/`);
      const mine = page.locator('article', { has: page.getByRole('heading', { name: title }) });
      await mine.getByRole('button', { name: 'Accept this answer' }).click();
      await expect(page.locator('article', { has: page.getByRole('heading', { name: title }) }).getByText('Accepted answer').isVisible()).resolves.toBe(true);
      await page.goto(`${h.server.url}/community/q/?view=unanswered`);
      await expect(page.getByRole('heading', { name: title }).count()).resolves.toBe(0);
      await shot('4-accepted');
      expect(readMail(h.server.mailDir).filter((m) => m.to === email && m.subject === 'Your question has a new answer')).toHaveLength(1);
      await context.close();
    });
  }

  it('works without JavaScript: join through sign-in, answer from the disclosure, select the link by hand', async () => {
    const email = 'nojs@example.com';
    const context = await h.browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${h.server.url}/community/`);
    await page.getByRole('button', { name: 'Join the open cohort' }).first().click();
    await page.getByLabel('Work email').fill(email);
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await page.getByLabel('Six-digit code').fill(codeFrom(await waitForMail(h.server.mailDir, (m) => m.to === email)));
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/community/q/?welcome=1');
    await expect(page.getByText(/Welcome to Cohort 1/).isVisible()).resolves.toBe(true);

    const asker = await memberOf('nojs-asker@example.com', 1);
    const title = 'Does anyone run salons without JavaScript?';
    await askQuestion(h.server.db, asker.id, { title, body: 'Asking for a friend with a very old phone.' });
    await page.goto(`${h.server.url}/community/q/?view=unanswered`);
    const thread = page.locator('article', { has: page.getByRole('heading', { name: title }) });
    await expect(thread.getByLabel('Your answer').isVisible()).resolves.toBe(false); // closed until asked for
    await thread.getByText('Answer', { exact: true }).click();
    await thread.getByLabel('Your answer').fill('Yes: every form here is plain HTML.');
    await thread.getByRole('button', { name: 'Post answer' }).click();
    await expect(page.getByText('your answer is posted').isVisible()).resolves.toBe(true);
    await expectNoSidewaysScroll(page);

    await page.goto(`${h.server.url}/me/`);
    const link = page.getByLabel('Your personal link');
    await expect(link.getAttribute('readonly')).resolves.not.toBeNull();
    await expect(link.inputValue()).resolves.toMatch(new RegExp(`^${h.server.url}/r/[a-z2-7]{8}$`));
    await expect(page.getByRole('button', { name: 'Copy' }).isVisible()).resolves.toBe(false); // only offered when it can work
    await page.getByLabel('WeChat ID (optional)').fill('nojs_wx');
    await page.getByRole('button', { name: 'Save my details' }).click();
    await expect(page.getByText('Saved.').isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('WeChat ID (optional)').inputValue()).resolves.toBe('nojs_wx');
    await expectNoSidewaysScroll(page);
    await context.close();
  });

  /** A signed-in member of cohort `number` (created when missing, so a second cohort needs no 500 joins). */
  async function memberOf(email: string, number: number): Promise<{ id: number; cookie: string }> {
    const person = await setRole(h.server.db, email, 'member');
    if (number === 1) await joinCohort(h.server.db, person.id);
    else {
      await writeTransaction(h.server.db, async (tx) => {
        const cohort = (await tx.select().from(cohorts).where(eq(cohorts.number, number)))[0] ?? (await tx.insert(cohorts).values({ number, slug: `cohort-${number}`, capacity: 500 }).returning())[0]!;
        await tx.insert(memberships).values({ cohortId: cohort.id, personId: person.id, seat: cohort.memberCount + 1 });
        await tx.update(cohorts).set({ memberCount: cohort.memberCount + 1 }).where(eq(cohorts.id, cohort.id));
      });
    }
    return { id: person.id, cookie: `fw_session=${(await createSession(h.server.db, person.id)).token}` };
  }

  const post = (cookie: string, fields: Record<string, string>) =>
    fetch(`${h.server.url}/community/q/`, { method: 'POST', body: new URLSearchParams(fields), headers: { cookie, origin: h.server.url }, redirect: 'manual' });
  const acceptedOf = async (questionId: number) => (await h.server.db.select().from(questions).where(eq(questions.id, questionId)))[0]?.acceptedAnswerId;

  it('lets only the asker accept an answer, and hides a cohort from members of another', async () => {
    const asker = await memberOf('asker@example.com', 1);
    const neighbour = await memberOf('neighbour@example.com', 1);
    const outsider = await memberOf('outsider@example.com', 2);
    const q = (await askQuestion(h.server.db, asker.id, { title: 'Which CRM do you use?', body: 'Looking for something that works in China.' })) as number;
    const a = (await answerQuestion(h.server.db, neighbour.id, { questionId: q, body: 'We use one with WeChat sync.' })) as number;

    // Another member of the same cohort sees it, may answer, but may not accept.
    await expect((await fetch(`${h.server.url}/community/q/`, { headers: { cookie: neighbour.cookie } })).text()).resolves.toContain('Which CRM do you use?');
    const byNeighbour = await post(neighbour.cookie, { action: 'accept', answerId: String(a) });
    expect(byNeighbour.status).toBe(404);
    await expect(byNeighbour.text()).resolves.toContain('Only the person who asked can accept an answer.');
    expect(await acceptedOf(q)).toBeNull();

    // A member of cohort 2 sees none of cohort 1, and can neither answer nor accept there.
    const page = await (await fetch(`${h.server.url}/community/q/`, { headers: { cookie: outsider.cookie } })).text();
    expect(page).toContain('Cohort 2 Q&amp;A');
    expect(page).not.toContain('Which CRM do you use?');
    expect(page).not.toContain('WeChat sync');
    expect((await post(outsider.cookie, { action: 'answer', questionId: String(q), body: 'Sneaking in an answer' })).status).toBe(404);
    expect((await post(outsider.cookie, { action: 'accept', answerId: String(a) })).status).toBe(404);
    expect(await h.server.db.select().from(answers).where(eq(answers.questionId, q))).toHaveLength(1);
    expect(await acceptedOf(q)).toBeNull();

    // The asker can; the accepted answer is listed first with its badge.
    const later = (await answerQuestion(h.server.db, neighbour.id, { questionId: q, body: 'Second thought: a spreadsheet.' })) as number;
    expect((await post(asker.cookie, { action: 'accept', answerId: String(later) })).status).toBe(200);
    expect(await acceptedOf(q)).toBe(later);
    const html = await (await fetch(`${h.server.url}/community/q/`, { headers: { cookie: asker.cookie } })).text();
    expect(html.indexOf('Accepted answer')).toBeGreaterThan(-1);
    expect(html.indexOf('Second thought: a spreadsheet.')).toBeLessThan(html.indexOf('We use one with WeChat sync.'));
  });

  it('sends a member who is already in a cohort straight to its Q&A, without a second welcome', async () => {
    const member = await memberOf('again@example.com', 1);
    const res = await fetch(`${h.server.url}/community/join/`, { method: 'POST', headers: { cookie: member.cookie, origin: h.server.url }, redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/community/q/');
    const anonymous = await fetch(`${h.server.url}/community/join/`, { method: 'POST', headers: { origin: h.server.url }, redirect: 'manual' });
    expect(anonymous.headers.get('location')).toBe('/login/?intent=join');
  });

  it('shows tickets upcoming first with the waitlist place, and gifts and coupons by name with their state', async () => {
    const member = await memberOf('tickets@example.com', 1);
    const open = fixtureSalon('open');
    const large = fixtureSalon('openLarge');
    // Fill the open salon (other tests may hold seats in it already), then join its waitlist.
    const facts = (email: string) => ({ input: { email }, attribution: null, referralClickId: null });
    for (let i = 0; (await countTaken(h.server.db, open.id)) < open.capacity; i++) await registerForSalon(h.server.db, open, facts(`seat${i}@example.com`));
    await registerForSalon(h.server.db, large, facts('tickets@example.com'));
    const waiting = await registerForSalon(h.server.db, open, facts('tickets@example.com'));
    const position = waiting.outcome === 'created' ? waiting.position : undefined;
    expect(position).toBeGreaterThan(0);
    const past = fixtureSalon('past');
    await writeTransaction(h.server.db, async (tx) => {
      await tx.insert(registrations).values({ eventId: past.id, personId: member.id, status: 'confirmed', ticketCode: 'PAST-TEST-0001', checkedInAt: past.start });
      const vip = await issueCoupon(tx, { prefix: 'VIPTEST', description: '20% off Lead Scoring Desk for attendees', percentOff: 20, validDays: 60, issuedToId: member.id, origin: past.id });
      await grantReward(tx, { personId: member.id, giftId: 'salon-vip', subject: past.id, couponId: vip.id });
      const used = await issueCoupon(tx, { prefix: 'USEDTEST', description: 'Launch week discount', percentOff: 10, validDays: 30, issuedToId: member.id, origin: 'campaign' });
      await tx.update(coupons).set({ redeemedAt: new Date() }).where(eq(coupons.id, used.id));
      await tx.update(rewards).set({ status: 'fulfilled', fulfilledAt: new Date() }).where(eq(rewards.personId, member.id));
      await grantReward(tx, { personId: member.id, giftId: 'recommend-1' });
    });

    const res = await fetch(`${h.server.url}/me/`, { headers: { cookie: member.cookie } });
    const html = await res.text();
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    // Upcoming first (the sooner one first), the past one last.
    const order = [open.title, large.title, past.title].map((t) => text.indexOf(t));
    expect(order.every((i) => i > -1)).toBe(true);
    expect(order).toEqual([...order].sort((x, y) => x - y));
    expect(text).toContain(`${open.title} Waitlist · number ${position}`);
    expect(text).toContain(`${large.title} Confirmed`);
    expect(text).toContain(`${past.title} Checked in`);
    // Gifts by their names: the welcome kit fulfilled, the first recommendation granted, the VIP coupon with its code.
    expect(text).toMatch(/Welcome kit Fulfilled/);
    expect(text).toMatch(/First recommendation Granted/);
    expect(text).toMatch(/Salon VIP coupon 20% off Code VIPTEST-[A-Z0-9-]+ · 20% off Lead Scoring Desk for attendees · use by/);
    expect(text).toMatch(/Coupon Redeemed Code USEDTEST-[A-Z0-9-]+ · Launch week discount/);
    // A physical gift is waiting and no address is known: the page asks for one.
    expect(text).toContain('add your shipping address');
  });

  it('refuses control characters in one-line profile fields and keeps what was typed', async () => {
    const member = await memberOf('fields@example.com', 1);
    const res = await fetch(`${h.server.url}/me/`, { method: 'POST', body: new URLSearchParams({ name: 'Ada', wechat: 'ada\u0007wx', company: '' }), headers: { cookie: member.cookie, origin: h.server.url } });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('WeChat ID cannot contain control characters');
    expect(html).toMatch(/id="me-wechat"[^>]*aria-invalid="true"/);
    expect((await h.server.db.select().from(people).where(eq(people.id, member.id)))[0]?.wechat).toBeNull();
    const ok = await fetch(`${h.server.url}/me/`, { method: 'POST', body: new URLSearchParams({ name: 'Ada', wechat: 'ada_wx', company: '' }), headers: { cookie: member.cookie, origin: h.server.url } });
    expect(ok.status).toBe(200);
    const [saved] = await h.server.db.select().from(people).where(eq(people.id, member.id));
    expect([saved?.name, saved?.wechat, saved?.company, saved?.shippingAddress]).toEqual(['Ada', 'ada_wx', null, null]);
  });
});
