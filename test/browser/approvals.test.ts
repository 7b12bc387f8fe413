// An organiser works through the approvals queue of an approval-mode salon
// at 390 px in Chinese and at 1280 px in English: the strongest lead first,
// their answers shown; declining with a reason that is too long is refused
// beside the box, then declined politely; the others approved together.
// Nothing scrolls sideways; every decision is mailed.
import type { Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { people, registrations } from '../../db/tables';
import { createSession } from '../../src/lib/auth/sessions';
import { setRole } from '../../src/lib/leads/people';
import { journeyHarness, SHOTS, VIEWPORTS } from '../support/journey';
import { waitForMail } from '../support/mailbox';
import { expectChinesePage, expectNoSidewaysScroll } from '../support/page';
import { postJson } from '../support/http';
import { fixtureSalon } from '../support/salons';

const salon = fixtureSalon('approval');
let token = '';
const h = journeyHarness({ env: { RATE_LIMITS: 'off' }, prepare: async (db) => void (token = (await createSession(db, (await setRole(db, 'organiser@flywheel.example', 'admin')).id)).token) });

/** Three people ask for a seat; the one who scores highest is not the first to ask. (Ties by role: test/unit/approvals.test.ts.) */
async function threeAsk(tag: string): Promise<Record<'eng' | 'cfo' | 'mgr', string>> {
  const ask = async (who: string, name: string, jobTitle: string, role: string) => {
    const r = await postJson(`${h.server.url}/api/events/${salon.id}/register`, { email: `${who}.${tag}@acme.cn`, name, company: 'Acme 上海', jobTitle, answers: { role } });
    expect(r.body.status).toBe('pending');
    return `${who}.${tag}@acme.cn`;
  };
  const emails = { eng: await ask('eng', `Eng ${tag}`, 'Engineer', 'user'), cfo: await ask('cfo', `Cfo ${tag}`, 'CFO', 'budget'), mgr: await ask('mgr', `Mgr ${tag}`, 'Sales Manager', 'influencer') };
  // Scored on arrival: the CFO (a decision maker, a budget holder) above the manager, the engineer last.
  return emails;
}

async function look(page: Page, narrow: boolean, chinese: boolean, shot: string): Promise<void> {
  if (narrow) await expectNoSidewaysScroll(page);
  // The salon's own title stays as operations wrote it (this fixture has no Chinese words).
  if (chinese) await expectChinesePage(page, [/^(Eng|Cfo|Mgr) \S+$/, /^(Engineer|CFO|Sales Manager)$/, /^[A-D]$/, new RegExp(`^${salon.title}$`)]);
  await page.screenshot({ path: `${SHOTS}/approvals-${shot}.png`, fullPage: true });
}

const walks = [
  { ...VIEWPORTS[0], lang: 'zh', prefix: '/zh', decline: '不通过', approveSelected: '批量通过所选', tooLong: /原因请控制在 500 个字符以内。/, declined: /未通过：1 人。/, approved: /已通过并确认座位：2 人。/, select: '选择' },
  { ...VIEWPORTS[1], lang: 'en', prefix: '', decline: 'Decline', approveSelected: 'Approve selected', tooLong: /Keep the reason to 500 characters\./, declined: /Declined: 1 person\./, approved: /Approved with a seat: 2 people\./, select: 'Select' },
];

describe('the approvals queue', () => {
  it.each(walks)('at $width px ($lang)', async (w) => {
    const narrow = w.width < 500;
    const chinese = w.lang === 'zh';
    const emails = await threeAsk(w.lang);
    const context = await h.browser.newContext({ viewport: { width: w.width, height: w.height }, isMobile: narrow, hasTouch: narrow, ...(chinese ? { locale: 'zh-CN' } : {}) });
    await context.addCookies([{ name: 'fw_session', value: token, url: h.server.url }]);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${h.server.url}${w.prefix}/admin/salons/${salon.id}/approvals/`);
    const rows = page.locator('tbody tr');
    // Best lead first, whatever the order they asked in.
    const order = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('td:nth-child(2) .muted')?.textContent));
    expect(order.filter((e) => e?.endsWith(`.${w.lang}@acme.cn`))).toEqual([emails.cfo, emails.mgr, emails.eng]);
    await expect(rows.first().innerText()).resolves.toContain(chinese ? '预算负责人' : 'Budget holder');
    await look(page, narrow, chinese, `${w.lang}-1-queue`);

    // Declining the engineer with a reason that is far too long: refused beside the box.
    const engRow = page.locator('tbody tr', { hasText: emails.eng });
    const reason = engRow.getByRole('textbox');
    await reason.fill('x'.repeat(600)); // the box stops at 500; the server checks as well
    await reason.evaluate((el: HTMLInputElement) => el.removeAttribute('maxlength'));
    await reason.fill('x'.repeat(600));
    await Promise.all([page.waitForLoadState('load'), engRow.getByRole('button', { name: w.decline }).click()]);
    await page.waitForSelector('.field-error');
    const refused = page.locator('tbody tr', { hasText: emails.eng });
    await expect(refused.locator('.field-error').textContent()).resolves.toMatch(w.tooLong);
    await expect(refused.getByRole('textbox').getAttribute('aria-invalid')).resolves.toBe('true');
    await look(page, narrow, chinese, `${w.lang}-2-too-long`);
    await refused.getByRole('textbox').fill(chinese ? '本场早餐会仅面向财务负责人。' : 'This breakfast is for finance leaders only.');
    await Promise.all([page.waitForLoadState('load'), refused.getByRole('button', { name: w.decline }).click()]);
    await expect(page.getByRole('status').textContent()).resolves.toMatch(w.declined);
    await waitForMail(h.server.mailDir, (m) => m.to === emails.eng && m.tags.template === 'registration-declined');

    // The other two, ticked and approved together.
    for (const email of [emails.cfo, emails.mgr]) await page.locator('tbody tr', { hasText: email }).getByRole('checkbox').check();
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: w.approveSelected }).click()]);
    await expect(page.getByRole('status').textContent()).resolves.toMatch(w.approved);
    await expect(page.locator('tbody tr', { hasText: emails.cfo }).count()).resolves.toBe(0);
    await look(page, narrow, chinese, `${w.lang}-3-approved`);
    for (const email of [emails.cfo, emails.mgr]) await waitForMail(h.server.mailDir, (m) => m.to === email && m.tags.template === 'registration-approved');
    const statuses = await h.server.db.select({ email: people.email, status: registrations.status }).from(registrations).innerJoin(people, eq(people.id, registrations.personId));
    expect(Object.fromEntries(statuses.filter((s) => s.email.endsWith(`.${w.lang}@acme.cn`)).map((s) => [s.email, s.status]))).toEqual({ [emails.eng]: 'declined', [emails.cfo]: 'confirmed', [emails.mgr]: 'confirmed' });
    await context.close();
  });
});
