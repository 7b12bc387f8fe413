// Operations change the scoring model and the gift ladder in /admin/ on the
// built server: only admins may, bad input is refused beside its field, the
// community page shows the saved ladder in Chinese, and an admin walks the
// scoring page (a wrong threshold, then a right one, preview, save, rollback)
// at phone and desktop widths, once in Chinese.
import { describe, expect, it } from 'vitest';
import { rows, writeTransaction, type Db } from '../../src/lib/platform/db';
import { activities, people, referrals, rewards } from '../../db/tables';
import { and, eq, sql } from 'drizzle-orm';
import { rescoreAll } from '../../src/lib/leads/rescore';
import { initialWeights } from '../../src/lib/leads/scoring-model';
import { SCORING_FIELDS, weightValue } from '../../src/lib/leads/scoring-versions-admin';
import { saveGiftLadder } from '../../src/lib/community/gift-ladder-admin';
import { defaultLadder } from '../../src/lib/community/gift-ladder';
import { ensureRuleDefaults } from '../../src/lib/operations/rule-versions-defaults';
import { listVersions } from '../../src/lib/operations/rule-versions';
import { setRole } from '../../src/lib/leads/people';
import { sessionCookie } from '../support/people';
import { journeyHarness, SHOTS, VIEWPORTS } from '../support/journey';
import { expectChinesePage, expectNoSidewaysScroll } from '../support/page';

const DAY = 86_400_000;
const cookies: Record<string, string> = {};
let linId = 0;
const weightsForm = Object.fromEntries(SCORING_FIELDS.map((n) => [n, weightValue(initialWeights(), n)]));

/** Forty leads, so the preview has grades to move: scores from the title, size and demo requests. */
async function prepare(db: Db): Promise<void> {
  const now = new Date();
  await ensureRuleDefaults(db, now);
  const titles = ['CEO', '市场总监', 'Marketing Manager', '采购经理', 'Specialist'];
  const sizes = ['5000+', '201-1000', '51-200', '11-50'] as const;
  const ids = await writeTransaction(db, async (tx) =>
    tx
      .insert(people)
      .values(Array.from({ length: 40 }, (_, i) => ({ email: `buyer${i}@suzhou-parts${i}.cn`, name: `买家 ${i}`, company: `苏州零部件 ${i}`, jobTitle: titles[i % titles.length]!, companySize: sizes[i % sizes.length]!, industry: i % 2 ? 'manufacturing' : 'retail', createdAt: new Date(now.getTime() - 30 * DAY) })))
      .returning({ id: people.id }),
  );
  await writeTransaction(db, (tx) => tx.insert(activities).values(ids.flatMap(({ id }, i) => Array.from({ length: i % 4 }, (_, k) => ({ personId: id, type: k % 2 ? 'demo_request' : 'salon_checkin', subject: `x${k}`, occurredAt: new Date(now.getTime() - k * DAY) })))));
  await rescoreAll(db, { now, alerts: false });
  for (const role of ['member', 'sales', 'door', 'admin'] as const) cookies[role] = await sessionCookie(db, `${role}@flywheel.example`, role);
  const admin = await setRole(db, 'admin@flywheel.example', 'admin');
  // A member who brought four colleagues, all verified.
  const [lin] = await writeTransaction(db, (tx) => tx.insert(people).values({ email: 'lin@ningbo-molds.cn', name: '林晓', role: 'member', createdAt: new Date(now.getTime() - 60 * DAY) }).returning({ id: people.id }));
  const friends = await writeTransaction(db, (tx) => tx.insert(people).values(Array.from({ length: 4 }, (_, i) => ({ email: `colleague${i}@ningbo-molds.cn`, role: 'member' as const, createdAt: new Date(now.getTime() - 20 * DAY) }))).returning({ id: people.id }));
  await writeTransaction(db, (tx) => tx.insert(referrals).values(friends.map((f) => ({ referrerId: lin!.id, referredId: f.id, via: 'join' as const, convertedAt: now, verifiedAt: now }))));
  linId = lin!.id;
  const g = defaultLadder.gifts['recommend-3']!;
  await saveGiftLadder(db, { ladder: { gifts: { ...defaultLadder.gifts, 'recommend-3': { ...g, threshold: 2, zh: { ...g.zh, name: '推荐满两位同事' } } } }, note: '两位即可', actorId: admin.id }, now);
}

const h = journeyHarness({ prepare });

/** How many versions of each rule set there are: a refused request adds none. */
async function versionsNow(): Promise<number[]> {
  return [(await listVersions(h.server.db, 'scoring_model')).length, (await listVersions(h.server.db, 'gift_ladder')).length];
}

async function post(path: string, fields: Record<string, string> | string, cookie?: string): Promise<Response> {
  const body = typeof fields === 'string' ? fields : new URLSearchParams(fields).toString();
  return fetch(h.server.url + path, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: h.server.url, ...(cookie ? { cookie } : {}) }, body });
}

describe('who may change the rules', () => {
  it('answers 401 or the sign-in page to anonymous visitors and 403 to members, sales and door staff', async () => {
    const versions = await versionsNow();
    for (const path of ['/admin/scoring/', '/admin/gifts/rules/', '/zh/admin/scoring/']) {
      for (const method of ['GET', 'POST'] as const) {
        const res = method === 'GET' ? await fetch(h.server.url + path, { redirect: 'manual' }) : await post(path, { intent: 'save', 'grades.A': '60' });
        expect([401, 302], `${method} ${path}`).toContain(res.status);
        if (res.status === 302) expect(res.headers.get('location')).toMatch(/\/login\//);
        for (const role of ['member', 'sales', 'door'] as const) {
          const r = method === 'GET' ? await fetch(h.server.url + path, { headers: { cookie: cookies[role]! }, redirect: 'manual' }) : await post(path, { intent: 'rollback', version: '1' }, cookies[role]);
          expect(r.status, `${method} ${path} as ${role}`).toBe(403);
        }
      }
    }
    expect(await versionsNow()).toEqual(versions);
  });

  it('refuses bad input on both pages beside the field, and oversize bodies', async () => {
    const versions = await versionsNow();
    const bad = await post('/admin/scoring/', { ...weightsForm, intent: 'save', 'grades.A': '40' }, cookies.admin);
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(/<p class="field-error" id="f-grades-A-error">Grade A needs more points than grade B.<\/p>/.test(html)).toBe(true);
    const zh = await post('/zh/admin/scoring/', { ...weightsForm, intent: 'preview', 'grades.A': '40' }, cookies.admin);
    expect(zh.status).toBe(400);
    expect((await zh.text()).includes('A 级分数线必须高于 B 级。')).toBe(true);
    // A missing or negative field is named beside itself too.
    const negative = await post('/admin/scoring/', { ...weightsForm, intent: 'save', 'fit.icpPoints': '-5', 'engagement.activities.demo_request.cap': '' }, cookies.admin);
    expect(negative.status).toBe(400);
    const negativeHtml = await negative.text();
    expect(negativeHtml.includes('id="f-fit-icpPoints-error"') && negativeHtml.includes('id="f-engagement-activities-demo-request-cap-error"')).toBe(true);
    expect((await post('/admin/gifts/rules/', { intent: 'save', 'gifts.recommend-3.threshold': '-1' }, cookies.admin)).status).toBe(400);
    expect((await post('/admin/gifts/rules/', { intent: 'save', 'gifts.recommend-3.zh.name': '推荐\u0007' }, cookies.admin)).status).toBe(400);
    expect((await post('/admin/gifts/rules/', { intent: 'save', 'gifts.no-such-gift.threshold': '2' }, cookies.admin)).status).toBe(400);
    expect((await post('/admin/scoring/', { intent: 'rollback', version: '999' }, cookies.admin)).status).toBe(404);
    expect((await post('/admin/scoring/', `intent=save&note=${'x'.repeat(70_000)}`, cookies.admin)).status).toBe(413);
    expect(await versionsNow()).toEqual(versions);
  });

  it('shows the saved gift ladder on the community pages, in Chinese under /zh/', async () => {
    const zh = await (await fetch(`${h.server.url}/zh/community/`)).text();
    expect(zh.includes('推荐满两位同事')).toBe(true);
    expect(zh.includes('入会礼包')).toBe(true);
    const en = await (await fetch(`${h.server.url}/community/`)).text();
    expect(en.includes('Three recommendations')).toBe(true);
    expect(/When 2 colleagues join through you/.test(en)).toBe(true);
  });
});

describe('an admin changes the scoring model', () => {
  for (const vp of VIEWPORTS) {
    for (const lang of vp.name === 'phone' ? (['zh'] as const) : (['en'] as const)) {
      it(`previews, saves and rolls back (${vp.name}, ${lang})`, async () => {
        const zh = lang === 'zh';
        const base = zh ? '/zh' : '';
        const context = await h.browser.newContext({ viewport: { width: vp.width, height: vp.height }, locale: zh ? 'zh-CN' : 'en-GB' });
        await context.addCookies([{ name: 'fw_session', value: cookies.admin!.split('=')[1]!, url: h.server.url }]);
        const page = await context.newPage();
        try {
          const before = (await listVersions(h.server.db, 'scoring_model'))[0]!.version;
          await page.goto(`${h.server.url}${base}/admin/scoring/`);
          await expectNoSidewaysScroll(page);
          // A wrong threshold first: A at or below B.
          await page.fill('#f-grades-A', '45');
          await page.click('button[value="preview"]');
          await expect.poll(() => page.locator('#f-grades-A-error').textContent()).toBe(zh ? 'A 级分数线必须高于 B 级。' : 'Grade A needs more points than grade B.');
          expect(await page.locator('#f-grades-A').getAttribute('aria-invalid')).toBe('true');
          // Then a right one: A from 60.
          await page.fill('#f-grades-A', '60');
          await page.click('button[value="preview"]');
          await page.locator('#preview-title').waitFor();
          const moving = Number((await rows<{ n: number | string }>(h.server.db, sql.raw("SELECT count(*) AS n FROM people WHERE role IN ('lead', 'member') AND score >= 60 AND score < 70")))[0]!.n);
          expect(moving).toBeGreaterThan(0);
          expect(await page.locator('[data-testid="grade-changes"]').textContent()).toBe(String(moving));
          expect(await page.locator('td[data-move="BA"]').textContent()).toBe(String(moving));
          expect(await page.locator('[data-testid="sample"] tbody tr').count()).toBe(Math.min(15, moving));
          await expectNoSidewaysScroll(page);
          await page.screenshot({ path: `${SHOTS}/scoring-preview-${vp.name}-${lang}.png`, fullPage: true });
          // Nothing saved by a preview.
          expect((await listVersions(h.server.db, 'scoring_model'))[0]!.version).toBe(before);
          // Save as the next version with a note.
          expect(await page.inputValue('#f-grades-A')).toBe('60');
          await page.fill('#f-note', zh ? '华东大客户：A 级从 60 分起' : 'A from 60 for the East China push');
          await page.click('button[value="save"]');
          await page.locator('p[role="status"]').waitFor();
          expect(await page.locator('p[role="status"]').textContent()).toContain(zh ? `第 ${before + 1} 版已生效` : `Version ${before + 1} is active`);
          expect(Number((await rows<{ n: number | string }>(h.server.db, sql.raw("SELECT count(*) AS n FROM people WHERE score >= 60 AND score < 70 AND grade = 'A'")))[0]!.n)).toBe(moving);
          const history = page.locator('#history-title ~ .table-wrap tbody tr');
          expect(await history.first().textContent()).toContain(zh ? `第 ${before + 1} 版` : `Version ${before + 1}`);
          // Roll back to the version before: confirm, then a new version restores it.
          await history.nth(1).locator('a').click();
          await page.locator('#confirm-text').waitFor();
          const confirmButton = page.locator('#history-title ~ form button[type="submit"]');
          expect(await confirmButton.textContent()).toBe(zh ? '确认回滚' : 'Yes, roll back');
          await confirmButton.click();
          await page.locator('#confirm-text').waitFor({ state: 'detached' });
          await page.locator('p[role="status"]').waitFor();
          expect(await history.first().textContent()).toContain(zh ? `恢复自第 ${before} 版` : `Restores version ${before}`);
          expect(Number((await rows<{ n: number | string }>(h.server.db, sql.raw("SELECT count(*) AS n FROM people WHERE score >= 60 AND score < 70 AND grade = 'A'")))[0]!.n)).toBe(0);
          await expectNoSidewaysScroll(page);
          if (zh) await expectChinesePage(page, [/^Flywheel/, /@/, /^v?\d/, /^[A-D]$/, /^(saas|manufacturing|logistics|hr-tech|professional-services|electronics)(, .*)?$/, /^\d+ → \d+$/]);
          await page.screenshot({ path: `${SHOTS}/scoring-history-${vp.name}-${lang}.png`, fullPage: true });
        } finally {
          await context.close();
        }
      }, 90_000);
    }
  }
});

describe('an admin changes the gift ladder', () => {
  it('refuses a clashing milestone, previews who would newly qualify, saves, and the community page follows (phone, zh)', async () => {
    const vp = VIEWPORTS[0];
    const context = await h.browser.newContext({ viewport: { width: vp.width, height: vp.height }, locale: 'zh-CN' });
    await context.addCookies([{ name: 'fw_session', value: cookies.admin!.split('=')[1]!, url: h.server.url }]);
    const page = await context.newPage();
    try {
      await page.goto(`${h.server.url}/zh/admin/gifts/rules/`);
      await expectNoSidewaysScroll(page);
      // Ten recommendations at 1 clashes with the first milestone.
      await page.fill('#f-gifts-recommend-10-threshold', '1');
      await page.click('button[value="preview"]');
      await expect.poll(() => page.locator('#f-gifts-recommend-10-threshold-error').textContent()).toBe('两个推荐里程碑的门槛不能相同。');
      // At 4, Lin (four verified colleagues) would newly earn it.
      await page.fill('#f-gifts-recommend-10-threshold', '4');
      await page.click('button[value="preview"]');
      await page.locator('#preview-title').waitFor();
      expect(await page.locator('[data-testid="newly-recommend-10"]').textContent()).toBe('1');
      expect(await h.server.db.$count(rewards, and(eq(rewards.personId, linId), eq(rewards.giftId, 'recommend-10')))).toBe(0);
      await page.fill('#f-gifts-recommend-10-zh-name', '推荐满四位');
      await page.click('button[value="save"]');
      await page.locator('p[role="status"]').waitFor();
      expect(await page.locator('p[role="status"]').textContent()).toContain('已向 1 位已满足条件的会员发放礼品');
      expect(await h.server.db.$count(rewards, and(eq(rewards.personId, linId), eq(rewards.giftId, 'recommend-10')))).toBe(1);
      await expectNoSidewaysScroll(page);
      await expectChinesePage(page, [/^Flywheel/, /@/, /^v?\d/]);
      await page.screenshot({ path: `${SHOTS}/gift-rules-${vp.name}-zh.png`, fullPage: true });
      await page.goto(`${h.server.url}/zh/community/`);
      expect(await page.locator('main').textContent()).toContain('推荐满四位');
    } finally {
      await context.close();
    }
  }, 90_000);
});
