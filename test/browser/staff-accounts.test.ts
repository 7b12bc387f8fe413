// An admin manages staff on /admin/people/ on a phone and on a desktop: a
// mistyped email first (the message sits beside the field), then the right
// one; moves the new volunteer to sales; takes a sales person's access away;
// then finds each change on /admin/audit/ and follows its link back. The same
// in Chinese at 390 px. Nothing scrolls sideways.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { setRole } from '../../src/lib/leads/people';
import { createSession } from '../../src/lib/auth/sessions';
import { createApiToken } from '../../src/lib/auth/api-tokens';
import { expectChinesePage, expectNoSidewaysScroll } from '../support/page';
import { journeyHarness, SHOTS, VIEWPORTS } from '../support/journey';

let token = '';
const h = journeyHarness({
  prepare: async (db) => {
    token = (await createSession(db, (await setRole(db, 'ops@flywheel.example', 'admin')).id)).token;
    for (const who of ['desk.phone', 'desk.desktop', 'desk.zh']) await createApiToken(db, (await setRole(db, `${who}@flywheel.example`, 'sales')).id, 'CRM');
  },
});

async function adminPage(width: number, height: number): Promise<Page> {
  const context = await h.browser.newContext({ viewport: { width, height }, isMobile: width < 500, hasTouch: width < 500 });
  await context.addCookies([{ name: 'fw_session', value: token, url: h.server.url }]);
  return context.newPage();
}

const english = { email: 'Email address', role: 'Role', add: 'Give access', change: 'Change role', remove: 'Remove staff access for', audit: 'Audit trail', chip: 'Staff account', badEmail: 'Enter a valid email address', added: 'is now door', changed: ': door → sales.', removed: 'no longer has staff access', roleFor: 'Role for', sales: 'sales', heading: 'People & roles' };
const chinese = { email: '邮箱地址', role: '角色', add: '开通权限', change: '修改角色', remove: '收回', audit: '操作日志', chip: '员工账号', badEmail: '邮箱', added: '现在是签到人员', changed: '：签到人员 → 销售。', removed: '已收回', roleFor: '的角色', sales: '销售', heading: '人员与角色' };

const walks = [
  ...VIEWPORTS.map((v) => ({ ...v, lang: 'en' as const, prefix: '', words: english, who: `yang.${v.name}` })),
  { name: 'phone', width: 390, height: 844, lang: 'zh' as const, prefix: '/zh', words: chinese, who: 'yang.zh' },
];

describe('staff accounts and the audit trail', () => {
  it.each(walks)('an admin adds, moves and removes staff, then reads the trail ($lang, $width px)', async ({ width, height, lang, prefix, words, who, name }) => {
    const narrow = width < 500;
    const page = await adminPage(width, height);
    await page.goto(`${h.server.url}${prefix}/admin/people/`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(words.heading);

    // A mistyped address first: the message sits right under the field, and what was typed stays.
    const form = page.locator('form', { has: page.locator('#s-email') });
    await form.getByLabel(words.email).fill(`${who}@example`);
    await form.getByRole('button', { name: words.add }).click();
    await expect(page.locator('#s-email-error').textContent()).resolves.toContain(words.badEmail);
    await expect(page.locator('#s-email').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#s-email').inputValue()).resolves.toBe(`${who}@example`);
    const [field, message] = await Promise.all([page.locator('#s-email').boundingBox(), page.locator('#s-email-error').boundingBox()]);
    expect(message!.y - (field!.y + field!.height)).toBeLessThan(40); // beside the field, not somewhere else
    if (narrow) await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/staff-${lang}-${width}-1-bad-email.png`, fullPage: true });

    await page.locator('#s-email').fill(`${who}@example.com`);
    await form.getByRole('button', { name: words.add }).click();
    await expect.poll(() => page.locator('p.panel[role=status]').textContent()).toContain(words.added);

    // Move the new volunteer to sales with their row's own select.
    await page.getByLabel(lang === 'en' ? `${words.roleFor} ${who}@example.com` : `${who}@example.com ${words.roleFor}`).selectOption('sales');
    await page.locator('tr', { hasText: `${who}@example.com` }).getByRole('button', { name: words.change }).click();
    await expect.poll(() => page.locator('p.panel[role=status]').textContent()).toContain(`${who}@example.com${words.changed}`);

    // Take a sales person's access away.
    const desk = `desk.${lang === 'zh' ? 'zh' : name}@flywheel.example`;
    await page.getByRole('button', { name: new RegExp(`${words.remove}.*${desk.replace(/\./g, '\\.')}`) }).click();
    await expect.poll(() => page.locator('p.panel[role=status]').textContent()).toContain(words.removed);
    await expect(page.locator('tr', { hasText: desk }).count()).resolves.toBe(0);
    if (narrow) await expectNoSidewaysScroll(page);
    if (lang === 'zh') await expectChinesePage(page, [/→/]);
    await page.screenshot({ path: `${SHOTS}/staff-${lang}-${width}-2-changed.png`, fullPage: true });

    // The trail: newest first, filtered to staff accounts, each change with its before → after.
    await page.getByRole('link', { name: words.audit, exact: true }).click();
    await page.getByRole('link', { name: words.chip, exact: true }).click();
    await expect(page.getByRole('link', { name: words.chip, exact: true }).getAttribute('aria-current')).resolves.toBe('page');
    const rows = page.locator('tbody tr');
    await expect(rows.first().textContent()).resolves.toContain(desk);
    await expect(rows.nth(1).textContent()).resolves.toContain(`${who}@example.com`);
    await expect(rows.nth(1).locator('.after').textContent()).resolves.toBe(words.sales);
    if (narrow) await expectNoSidewaysScroll(page);
    if (lang === 'zh') await expectChinesePage(page, [/→/, /^role$/]);
    await page.screenshot({ path: `${SHOTS}/staff-${lang}-${width}-3-audit.png`, fullPage: true });

    // Its link leads back to the person's row.
    await rows.nth(1).getByRole('link').click();
    await page.waitForURL(/\/admin\/people\/#staff-\d+$/);
    await expect(page.locator(`tr:target`).textContent()).resolves.toContain(`${who}@example.com`);
    await page.context().close();
  }, 90_000);
});
