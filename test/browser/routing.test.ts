// Routing at 390 px and 1280 px: an admin turns routing on at /admin/routing/
// (a wrong SLA first, its message beside the field), gives Sam weight 2 and
// Lee 0; a lead that becomes A goes to Sam, who sees its SLA on the desk and
// on the lead page, and marks himself away (a past date first) and back. One
// walk in Chinese. Nothing scrolls sideways.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { people } from '../../db/tables';
import { setRole } from '../../src/lib/leads/people';
import { writeTransaction } from '../../src/lib/platform/db';
import { createSession } from '../../src/lib/auth/sessions';
import { postJson } from '../support/http';
import { journeyHarness, SHOTS, VIEWPORTS } from '../support/journey';
import { expectChinesePage, expectNoSidewaysScroll } from '../support/page';

const ADMIN = 'ops@flywheel.example';
const SAM = 'sam@flywheel.example';
const LEE = 'lee@flywheel.example';
const sessions: Record<string, string> = {};
const h = journeyHarness({
  env: { RATE_LIMITS: 'off', JOBS: 'off' },
  prepare: async (db) => {
    for (const [email, name, role] of [[ADMIN, 'Ops Admin', 'admin'], [SAM, 'Sam Sales', 'sales'], [LEE, 'Lee Sales', 'sales']] as const) {
      const person = await setRole(db, email, role);
      await writeTransaction(db, (tx) => tx.update(people).set({ name }).where(eq(people.id, person.id)));
      sessions[email] = (await createSession(db, person.id)).token;
    }
  },
});

async function signedIn(email: string, width: number, height = 900): Promise<Page> {
  const context = await h.browser.newContext({ viewport: { width, height } });
  await context.addCookies([{ name: 'fw_session', value: sessions[email]!, url: h.server.url }]);
  return context.newPage();
}

const idOf = async (email: string) => (await h.server.db.select({ id: people.id }).from(people).where(eq(people.email, email)))[0]!.id;
/** A day relative to the test's own clock (the form's date), never a fixed calendar day. */
const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe.each(VIEWPORTS)('routing at $name width', (vp) => {
  it('an admin turns routing on (a wrong SLA first) and sets weights; Sam sees the SLA and goes away and back', async () => {
    const admin = await signedIn(ADMIN, vp.width, vp.height);
    await admin.goto(`${h.server.url}/admin/routing/`);
    await admin.getByLabel('Assign new leads round-robin').check();
    await admin.locator('#f-slaHours-A').fill('-1');
    await admin.getByRole('button', { name: 'Save rules' }).click();
    await expect.poll(() => admin.locator('#f-slaHours-A-error').textContent()).toBe('SLA hours are a whole number from 1 to 720, or empty for no SLA.');
    expect(await admin.locator('#f-slaHours-A').getAttribute('aria-invalid')).toBe('true');
    expect(await admin.locator('#error-summary').isVisible()).toBe(true);
    await expectNoSidewaysScroll(admin);
    await admin.locator('#f-slaHours-A').fill(vp.name === 'phone' ? '4' : '3');
    await admin.getByRole('button', { name: 'Save rules' }).click();
    await expect.poll(() => admin.getByRole('status').first().textContent()).toMatch(/^Saved as version \d+\.$/);
    expect(await admin.getByLabel('Assign new leads round-robin').isChecked()).toBe(true);

    const [sam, lee] = [await idOf(SAM), await idOf(LEE)];
    await admin.getByLabel('Available: Sam Sales').check();
    await admin.getByLabel('Weight: Sam Sales').fill('2');
    await admin.getByLabel('Available: Lee Sales').check();
    await admin.getByLabel('Weight: Lee Sales').fill('0');
    await admin.getByLabel('Weight: Ops Admin').fill('0');
    await admin.getByRole('button', { name: 'Save people' }).click();
    await expect.poll(() => admin.getByRole('status').first().textContent()).toMatch(/^Saved: \d+ changed\.$/);
    expect(await admin.locator(`tr[data-person="${SAM}"]`).textContent()).toContain('In rotation');
    await expectNoSidewaysScroll(admin);
    await admin.screenshot({ path: `${SHOTS}/routing-admin-${vp.name}.png`, fullPage: true });

    // A general manager of a 5000+ manufacturer asks for a demo: grade A, routed to Sam (Lee has weight 0).
    const res = await postJson(`${h.server.url}/api/leads`, { email: `gm.${vp.name}@lumen-sensors.cn`, name: `Zhou GM ${vp.name}`, jobTitle: '总经理', company: 'Suzhou Lumen Sensors', companySize: '5000+', industry: 'manufacturing', interest: 'demo', consent: true });
    expect(res.status).toBe(201);
    const lead = (await h.server.db.select().from(people).where(eq(people.id, res.body.leadId)))[0]!;
    expect(lead.ownerId).toBe(sam);
    expect(lead.ownerId).not.toBe(lee);

    // An unclaimed lead whose first touch was due two hours ago (the settle job is off in this server).
    await writeTransaction(h.server.db, (tx) => tx.insert(people).values({ email: `late.${vp.name}@yunfan.cn`, name: `Wang Late ${vp.name}`, grade: 'A', score: 75, status: 'mql', slaDueAt: new Date(Date.now() - 2 * 3_600_000) }));
    const desk = await signedIn(SAM, vp.width, vp.height);
    await desk.goto(`${h.server.url}/sales/`);
    expect(await desk.locator('section.overdue').textContent()).toMatch(new RegExp(`Overdue first touch \\(\\d+\\)[\\s\\S]*Wang Late ${vp.name}[\\s\\S]*Unclaimed · due 2 h ago`));
    expect(await desk.locator('tr', { hasText: `Wang Late ${vp.name}` }).locator('[data-sla]').textContent()).toBe('Overdue');
    await desk.goto(`${h.server.url}/sales/?owner=${encodeURIComponent(SAM)}`);
    const row = desk.locator('tr', { hasText: `Zhou GM ${vp.name}` });
    expect(await row.locator('[data-sla]').getAttribute('data-sla')).toBe('due');
    expect(await row.locator('[data-sla]').textContent()).toMatch(/^Due in \d+ (min|h|days)$/);
    await expectNoSidewaysScroll(desk);
    await row.getByRole('link', { name: `Zhou GM ${vp.name}` }).click();
    await desk.waitForURL(/\/sales\/leads\/\d+\/$/);
    const panel = desk.locator('section.sla');
    expect(await panel.getAttribute('data-sla')).toBe('due');
    expect(await panel.textContent()).toMatch(/First-touch SLA[\s\S]*Due .*GMT\+8[\s\S]*Working hours: Mon, Tue, Wed, Thu, Fri, 09:00–18:00, Asia\/Shanghai/);
    await expectNoSidewaysScroll(desk);

    // Away: a day in the past first, then next week; then back.
    await desk.goto(`${h.server.url}/sales/`);
    await desk.getByLabel('Away, back on').fill(dayFromNow(-3));
    await desk.getByRole('button', { name: 'Mark me away' }).click();
    await expect.poll(() => desk.locator('#away-until-error').textContent()).toBe('Choose the day you are back, after today.');
    await desk.getByLabel('Away, back on').fill(dayFromNow(7));
    await desk.getByRole('button', { name: 'Mark me away' }).click();
    await expect.poll(() => desk.locator('.rotation').textContent()).toContain(`You are away: back on ${dayFromNow(7)}`);
    await expectNoSidewaysScroll(desk);
    await desk.getByRole('button', { name: 'I’m back' }).click();
    await expect.poll(() => desk.locator('.rotation').textContent()).toContain('You get new leads in the rotation.');
    await desk.screenshot({ path: `${SHOTS}/routing-desk-${vp.name}.png`, fullPage: true });
    await desk.context().close();
    await admin.context().close();
  });
});

describe('in Chinese', () => {
  it('the routing page and the desk speak Chinese, with the wrong value explained beside its field', async () => {
    const admin = await signedIn(ADMIN, 390, 844);
    await admin.goto(`${h.server.url}/zh/admin/routing/`);
    await admin.locator('#f-workingHours-end').fill('08:00');
    await admin.getByRole('button', { name: '保存规则' }).click();
    await expect.poll(() => admin.locator('.field-error').first().textContent()).toBe('下班时间需晚于上班时间。');
    await expectChinesePage(admin, [/^Webhooks?$/, /^(Asia|Europe|America)\/\w+$/, /^UTC$/, /Sales$|Admin$/, /^SLA$/]);
    await expectNoSidewaysScroll(admin);
    // A lead of its own: grade A starts a 4-working-hour clock whether or not routing is on.
    const res = await postJson(`${h.server.url}/api/leads`, { email: 'li.zong@hangzhou-yunfan.cn', name: '李总', jobTitle: '总经理', company: '杭州云帆物流', companySize: '5000+', industry: 'logistics', interest: 'demo', consent: true });
    expect(res.status).toBe(201);
    const desk = await signedIn(SAM, 390, 844);
    await desk.goto(`${h.server.url}/zh/sales/?q=${encodeURIComponent('李总')}`);
    expect(await desk.locator('tr', { hasText: '李总' }).locator('[data-sla]').textContent()).toMatch(/^(\d+ (分钟|小时|天)内到期|已超时|已按时跟进)$/);
    await expectChinesePage(desk, [/Sales$|Admin$/, /^SLA$/, /^(Zhou GM|Wang Late) (phone|desktop)$/, /Lumen Sensors$/, /^(direct|Baidu)$/i]);
    await expectNoSidewaysScroll(desk);
    await admin.context().close();
    await desk.context().close();
  });
});
