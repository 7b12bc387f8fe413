// A salon's own question and the waitlist offer, walked in a browser at 390
// and 1280 px and once in Chinese: a person registers for a one-seat salon,
// first leaving its required question empty (the message appears beside it),
// then answering it; the room is full, so they are waitlisted; the seat frees
// up, the offer mail arrives and its Accept link opens the ticket page's offer
// panel, where accepting confirms the seat. Nothing scrolls sideways.
import type { Page } from 'playwright-core';
import { and, eq, notInArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { registrations } from '../../db/tables';
import { journeyHarness, SHOTS, VIEWPORTS } from '../support/journey';
import { waitForMail } from '../support/mailbox';
import { expectChinesePage, expectNoSidewaysScroll } from '../support/page';
import { postJson } from '../support/http';
import { fixtureSalon } from '../support/salons';

const salon = fixtureSalon('small');
const h = journeyHarness({ env: { RATE_LIMITS: 'off' } });

interface Words {
  prefix: string;
  email: string;
  name: string;
  register: RegExp;
  question: string;
  answer: string;
  required: RegExp;
  waitlisted: RegExp;
  offerSubject: RegExp;
  accept: string;
  offerHeading: RegExp;
  confirmed: RegExp;
}

const en: Words = {
  prefix: '',
  email: 'Work email',
  name: 'Full name',
  register: /Register/,
  question: 'Your role in buying software',
  answer: 'Budget holder',
  required: /Choose an answer to this question\./,
  waitlisted: /number 1 on the waitlist/,
  offerSubject: /A seat is free for you at/,
  accept: 'Accept the seat',
  offerHeading: /A seat freed up and it is yours/,
  confirmed: /seat is confirmed/,
};
const zh: Words = {
  prefix: '/zh',
  email: '工作邮箱',
  name: '姓名',
  register: /报名/,
  question: '你在软件采购中的角色',
  answer: '预算负责人',
  required: /请选择一个选项。/,
  waitlisted: /候补名单第 1 位/,
  offerSubject: /有座位空出，为你保留中/,
  accept: '确认参加',
  offerHeading: /有座位空出，为您保留中/,
  confirmed: /座位已确认/,
};

/** The room as each walk starts: one seat, held by someone who registered through the API. */
async function seatTakenBy(holder: string): Promise<string> {
  const api = (path: string) => `${h.server.url}/api/events/${salon.id}/${path}`;
  // Clear the room the previous walk left: cancelling the seat offers it on, so repeat until nobody holds anything.
  for (;;) {
    const active = await h.server.db.select().from(registrations).where(and(eq(registrations.eventId, salon.id), notInArray(registrations.status, ['cancelled', 'declined'])));
    if (active.length === 0) break;
    for (const r of active) await postJson(api('cancel'), { ticketCode: r.ticketCode });
  }
  const r = await postJson(api('register'), { email: holder, answers: { role: 'user' } });
  expect(r.body.status).toBe('confirmed');
  return r.body.ticketCode as string;
}

async function look(page: Page, narrow: boolean, chinese: boolean, shot: string): Promise<void> {
  if (narrow) await expectNoSidewaysScroll(page);
  if (chinese) await expectChinesePage(page, [/^Flywheel$/, /^Priya Raman$/, /^Google( 日历)?$/, /^Outlook$/]);
  await page.screenshot({ path: `${SHOTS}/offer-${shot}.png`, fullPage: true });
}

const walks = [...VIEWPORTS.map((v) => ({ ...v, words: en, lang: 'en' })), { ...VIEWPORTS[0], name: 'phone-zh', words: zh, lang: 'zh' }];

describe('a required question, then a waitlist offer accepted from the mail', () => {
  it.each(walks)('at $width px ($name)', async ({ name, width, height, words: w, lang }) => {
    const narrow = width < 500;
    const chinese = lang === 'zh';
    const email = `offer.${name}@example.com`;
    const holderCode = await seatTakenBy(`holder.${name}@example.com`);
    const context = await h.browser.newContext({ viewport: { width, height }, isMobile: narrow, hasTouch: narrow, ...(chinese ? { locale: 'zh-CN' } : {}) });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);

    // The salon page's form: the question is there, in the page's language; left empty first.
    await page.goto(`${h.server.url}${w.prefix}/events/${salon.id}/`);
    await page.getByLabel(w.email).fill(email);
    await page.getByLabel(new RegExp(`^${w.name}`)).fill(chinese ? '王芳' : 'Grace Hopper');
    const group = page.getByRole('group', { name: w.question });
    await expect(group.isVisible()).resolves.toBe(true);
    await Promise.all([page.waitForURL(/\/register\/?$/), page.getByRole('button', { name: w.register }).last().click()]);
    const question = page.getByRole('group', { name: w.question });
    await expect(question.getAttribute('aria-invalid')).resolves.toBe('true');
    const errorId = (await question.getAttribute('aria-describedby'))!;
    await expect(page.locator(`[id="${errorId}"]`).textContent()).resolves.toMatch(w.required);
    // The message sits beside the question, not only in the summary.
    const [groupBox, errorBox] = [(await question.boundingBox())!, (await page.locator(`[id="${errorId}"]`).boundingBox())!];
    expect(errorBox.y).toBeGreaterThanOrEqual(groupBox.y);
    expect(errorBox.y).toBeLessThanOrEqual(groupBox.y + groupBox.height);
    await expect(page.getByLabel(w.email).inputValue()).resolves.toBe(email); // kept
    await look(page, narrow, chinese, `${name}-1-required`);

    // Answered with the keyboard: focus the group, pick an option with the arrow keys and Space.
    await page.getByLabel(w.answer).focus();
    await page.keyboard.press('Space');
    await expect(page.getByLabel(w.answer).isChecked()).resolves.toBe(true);
    await Promise.all([page.waitForURL(/\/ticket\/[A-Z2-7-]+\/$/), page.getByRole('button', { name: w.register }).last().click()]);
    const ticketPath = new URL(page.url()).pathname;
    const code = ticketPath.split('/').at(-2)!;
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(w.waitlisted);
    await look(page, narrow, chinese, `${name}-2-waitlisted`);
    expect((await h.server.db.select().from(registrations).where(eq(registrations.ticketCode, code)))[0]!.answers).toEqual({ role: 'budget' });

    // The seat frees up: the holder cancels. The offer mail comes, in the person's language, with an Accept link.
    expect((await postJson(`${h.server.url}/api/events/${salon.id}/cancel`, { ticketCode: holderCode })).body.offered).toBe(1);
    const mail = await waitForMail(h.server.mailDir, (m) => m.to === email && w.offerSubject.test(m.subject));
    const acceptLink = /<a href="([^"]+\?offer=accept#offer)"/.exec(mail.html)![1]!.replace(/&amp;/g, '&');
    const link = new URL(acceptLink);
    expect(link.pathname).toBe(ticketPath);
    await page.goto(`${h.server.url}${link.pathname}${link.search}${link.hash}`);
    const panel = page.locator('#offer');
    await expect(panel.getByRole('heading').textContent()).resolves.toMatch(w.offerHeading);
    await look(page, narrow, chinese, `${name}-3-offer`);
    // (The browser keeps the link's #offer through the redirect.)
    await Promise.all([page.waitForURL(/\?accepted=1(#offer)?$/), panel.getByRole('button', { name: w.accept }).click()]);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(w.confirmed);
    await expect(page.getByRole('img', { name: new RegExp(code) }).isVisible()).resolves.toBe(true); // the QR code, ready for the door
    await look(page, narrow, chinese, `${name}-4-accepted`);
    await waitForMail(h.server.mailDir, (m) => m.to === email && m.tags.template === 'waitlist-promotion');
    await context.close();
  });
});
