// Journey: a sales person works accounts, at 390 px and 1280 px. The acceptance
// account (a CFO 财务总监 who has not engaged yet, an operations manager and a
// student intern who have) is found with a filter (a wrong value first), opened:
// the CFO is under decision makers with the rule that put her there, the score
// is explained, the gap is said in words; a person's lead page shows the
// account panel. Once in Chinese at /zh/sales/accounts/. Nothing scrolls sideways.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setRole } from '../../src/lib/leads/people';
import { writeTransaction, type Db } from '../../src/lib/platform/db';
import { parseWith } from '../../src/lib/platform/http';
import { createSession } from '../../src/lib/auth/sessions';
import { captureLead, leadCaptureSchema } from '../../src/lib/leads/capture';
import { upsertLead } from '../../src/lib/leads/lead-input';
import { rescorePerson } from '../../src/lib/leads/rescore';
import { journeyHarness, SHOTS, VIEWPORTS } from '../support/journey';
import { expectChinesePage, expectNoSidewaysScroll } from '../support/page';

let session = '';
const base = { company: '云帆财税科技', companySize: '201-1000', industry: 'saas', consent: true };

async function seedAccounts(db: Db): Promise<void> {
  const now = new Date();
  // The CFO left her card: known, not engaged.
  await writeTransaction(db, async (tx) => {
    const { person } = await upsertLead(tx, parseWith(leadCaptureSchema, { ...base, email: 'li.na@yunfan-tax.cn', name: '李娜', jobTitle: 'CFO 财务总监' }), null, now);
    await rescorePerson(tx, person.id, now);
  });
  const form = (fields: Record<string, unknown>) => captureLead(db, { input: parseWith(leadCaptureSchema, fields), attribution: null, referralClickId: null }, now);
  await form({ ...base, email: 'wang.qiang@yunfan-tax.cn', name: '王强', jobTitle: '运营经理', interest: 'resource:b2b-lead-scoring-benchmark-2026' });
  await form({ ...base, email: 'chen.xiao@yunfan-tax.cn', name: '陈晓', jobTitle: '学生 实习生', interest: 'newsletter' });
  // Another company, with one person: the filter leaves it out.
  await form({ email: 'zhou@other-co.cn', name: '周涛', company: '别家科技', jobTitle: '总经理', interest: 'demo' });
}

const h = journeyHarness({
  env: { RATE_LIMITS: 'off' },
  prepare: async (db) => {
    session = (await createSession(db, (await setRole(db, 'rita@flywheel.example', 'sales')).id)).token;
    await seedAccounts(db);
  },
});

async function signedIn(width: number, height: number): Promise<Page> {
  const context = await h.browser.newContext({ viewport: { width, height } });
  await context.addCookies([{ name: 'fw_session', value: session, url: h.server.url }]);
  return context.newPage();
}

/** Opens the filter panel when it is folded. */
async function openFilters(page: Page): Promise<void> {
  if (!(await page.getByLabel('At least this many people').isVisible())) await page.getByText('Filters', { exact: true }).click();
}

describe('a sales person works accounts', () => {
  for (const { width, height } of VIEWPORTS) {
    it(`at ${width} px`, async () => {
      const page = await signedIn(width, height);
      const shot = (step: string) => page.screenshot({ path: `${SHOTS}/accounts-${width}-${step}.png`, fullPage: true });
      await page.goto(`${h.server.url}/sales/`);
      await page.getByRole('navigation', { name: 'Sales sections' }).getByRole('link', { name: 'Accounts' }).click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Accounts');
      const rows = page.locator('tbody tr');
      await expect(rows.filter({ hasText: '别家科技' }).count()).resolves.toBe(1);
      await expectNoSidewaysScroll(page);

      // A wrong value first: the list says why and shows every account.
      await openFilters(page);
      await page.getByLabel('At least this many people').fill('three');
      await page.getByRole('button', { name: 'Show' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toContain('minPeople is a number.');
      await openFilters(page);
      await page.getByLabel('At least this many people').fill('3');
      await page.getByLabel('Company or domain').fill('yunfan');
      await page.getByRole('button', { name: 'Show' }).click();
      await expect(page.getByRole('status').filter({ hasText: '1 account matches' }).isVisible()).resolves.toBe(true);
      await expect(rows.filter({ hasText: '别家科技' }).count()).resolves.toBe(0);
      const row = rows.filter({ hasText: '云帆财税科技' });
      await expect(row.getByText('No decision maker engaged').isVisible()).resolves.toBe(true);
      await expectNoSidewaysScroll(page);
      await shot('list');

      // The quick view finds it too: nobody who decides is engaged there yet.
      await page.getByRole('navigation', { name: 'Quick views of accounts' }).getByRole('link', { name: /No decision maker engaged/ }).click();
      await page.locator('tbody tr', { hasText: '云帆财税科技' }).getByRole('link', { name: '云帆财税科技' }).click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('云帆财税科技');
      const committee = page.getByRole('region', { name: 'Buying committee' });
      const deciders = committee.getByRole('region', { name: 'Decision makers' });
      await expect(deciders.getByRole('link', { name: '李娜' }).isVisible()).resolves.toBe(true);
      await expect(deciders.getByText('CFO → decision maker').isVisible()).resolves.toBe(true);
      await expect(committee.getByRole('region', { name: 'Influencers' }).getByText('经理 → influencer').isVisible()).resolves.toBe(true);
      await expect(committee.getByRole('region', { name: 'Users' }).getByRole('link', { name: '陈晓' }).isVisible()).resolves.toBe(true);
      const score = page.getByRole('region', { name: /^Account score \d+ · grade [ABCD]$/ });
      await expect(score.getByText('Best fit: 李娜 (CFO 财务总监)').isVisible()).resolves.toBe(true);
      await expect(score.getByText('Engagement across 2 people').isVisible()).resolves.toBe(true);
      await expect(score.getByText('Influencer engaged').isVisible()).resolves.toBe(true);
      await expect(score.getByText('No decision maker engaged yet').isVisible()).resolves.toBe(true);
      const timeline = page.getByRole('region', { name: 'Activity across the account' });
      await expect(timeline.getByRole('link', { name: '王强' }).isVisible()).resolves.toBe(true);
      await expectNoSidewaysScroll(page);
      await shot('account');

      // A person's lead page shows the account.
      await committee.getByRole('link', { name: '王强' }).click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('王强');
      const panel = page.getByRole('region', { name: 'Account', exact: true });
      await expect(panel.getByRole('link', { name: '云帆财税科技' }).isVisible()).resolves.toBe(true);
      await expect(panel.getByRole('link', { name: '李娜' }).isVisible()).resolves.toBe(true);
      await expect(panel.getByText('No decision maker engaged yet').isVisible()).resolves.toBe(true);
      await expectNoSidewaysScroll(page);
      await page.context().close();
    });
  }

  it('reads in Chinese at /zh/sales/accounts/ on a phone', async () => {
    const page = await signedIn(390, 844);
    await page.goto(`${h.server.url}/zh/sales/accounts/`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('客户公司');
    const domains = [/^[a-z0-9-]+\.(cn|com)$/];
    await expectChinesePage(page, domains);
    await expectNoSidewaysScroll(page);
    await page.getByRole('link', { name: '云帆财税科技' }).click();
    const deciders = page.getByRole('region', { name: '决策者' });
    await expect(deciders.getByText('CFO → 决策者').isVisible()).resolves.toBe(true);
    await expect(page.getByText('最佳匹配：李娜（CFO 财务总监）').isVisible()).resolves.toBe(true);
    await expect(page.getByText('尚无决策者参与').isVisible()).resolves.toBe(true);
    await expectChinesePage(page, domains);
    await expectNoSidewaysScroll(page);
    await page.context().close();
  });
});
