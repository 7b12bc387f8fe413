// Operations' money walk, at 390 px (in Chinese) and 1280 px (in English):
// import a month of campaign costs from CSV with one bad row — the preview
// names the row and its problem, nothing is saved until "Import" — then see
// the costs and the channel report's cost per lead change; add a partner with
// a 60 % share first (the message beside the field), then 35 %.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { campaignCosts, people } from '../../db/tables';
import { setRole } from '../../src/lib/leads/people';
import { createSession } from '../../src/lib/auth/sessions';
import { writeTransaction } from '../../src/lib/platform/db';
import { journeyHarness, SHOTS, VIEWPORTS } from '../support/journey';
import { expectChinesePage, expectNoSidewaysScroll } from '../support/page';

let token = '';
const h = journeyHarness({
  env: { RATE_LIMITS: 'off', MAIL_WORKER: 'off' },
  prepare: async (db) => {
    token = (await createSession(db, (await setRole(db, 'grace@flywheel.example', 'admin')).id)).token;
    // Ten leads from each width's Baidu campaign in October 2026.
    await writeTransaction(db, (tx) =>
      tx.insert(people).values(
        VIEWPORTS.flatMap(({ width }) =>
          Array.from({ length: 10 }, (_, i) => ({ email: `lead${i}.${width}@lumen.cn`, firstSource: 'baidu', firstMedium: 'cpc', firstCampaign: `sem-${width}`, createdAt: new Date(Date.UTC(2026, 9, 3 + i)) })),
        ),
      ),
    );
  },
});

async function admin(width: number): Promise<Page> {
  const context = await h.browser.newContext({ viewport: { width, height: 900 } });
  await context.addCookies([{ name: 'fw_session', value: token, url: h.server.url }]);
  return context.newPage();
}

/** Submits with `button` and waits for the answer page. */
async function submit(page: Page, button: ReturnType<Page['getByRole']>): Promise<void> {
  await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), button.click()]);
  await page.waitForLoadState('load');
}

const ALLOWED_ZH = [/^(baidu|cpc|CNY|CSV|MQL|sem-\d+)$/, /^(baidu|cpc|sem-\d+)( \/ (baidu|cpc|sem-\d+))*$/, /^\d{4}-\d{2}$/, /^Agency \d+$/, /month,source/];

describe('operations enters costs and partners', () => {
  for (const { width } of VIEWPORTS) {
    const zh = width === 390;
    const words = zh
      ? { preview: '预览', row3: '第 3 行：月份格式为 YYYY-MM，例如 2026-11。', importValid: /导入 1 行有效数据/, imported: /导入完成：新增 1 行/, addPartner: '新增伙伴', shareError: '分成比例须为 20 到 50 之间的整数百分比。', added: /已新增渠道伙伴/ }
      : { preview: 'Preview', row3: 'Row 3: The month is YYYY-MM, such as 2026-11.', importValid: /Import 1 valid row$/, imported: /Imported: 1 added/, addPartner: 'Add partner', shareError: 'The share is a whole percentage between 20 and 50.', added: /Partner Agency 1280 \(AGENCY1280\) added/ };
    it(`works at ${width} px${zh ? ', in Chinese' : ''}`, async () => {
      const base = `${h.server.url}${zh ? '/zh' : ''}/admin`;
      const page = await admin(width);
      const shot = (step: string) => page.screenshot({ path: `${SHOTS}/money-${width}-${step}.png`, fullPage: true });
      const report = `${base}/channels/?from=2026-10&to=2026-10&by=campaign`;
      const perLead = () => page.locator(`#channel-table tr[data-key="sem-${width}"] td[data-col="per-lead"]`).textContent();

      // Before: ten leads, no cost yet.
      await page.goto(report);
      await expect(perLead()).resolves.toBe('—');

      // The CSV: one good row, one with a month that does not exist.
      await page.goto(`${base}/costs/`);
      await page.locator('#cost-csv').fill(`month,source,medium,campaign,partner,amount,currency\n2026-10,baidu,cpc,sem-${width},,20000,CNY\n2026-13,baidu,cpc,sem-${width},,5000,CNY\n`);
      await submit(page, page.getByRole('button', { name: words.preview }));
      const preview = page.locator('#preview');
      await expect(preview.locator('tr[data-status="error"]').textContent()).resolves.toContain(words.row3);
      await expect(preview.locator('tr[data-status="new"]').count()).resolves.toBe(1);
      await expectNoSidewaysScroll(page);
      await shot('1-preview');
      // Nothing is saved by the preview.
      await expect(h.server.db.select().from(campaignCosts).where(eq(campaignCosts.campaign, `sem-${width}`))).resolves.toEqual([]);
      await submit(page, page.getByRole('button', { name: words.importValid }));
      await expect(page.getByRole('status').first().textContent()).resolves.toMatch(words.imported);
      await expect(page.locator('#cost-list details').first().textContent()).resolves.toContain(`sem-${width}`);
      await expectNoSidewaysScroll(page);
      if (zh) await expectChinesePage(page, ALLOWED_ZH);
      await shot('2-imported');

      // After: ¥20,000 over ten leads.
      await page.goto(report);
      await expect(perLead()).resolves.toMatch(/¥2,000$/);
      await expectNoSidewaysScroll(page);
      if (zh) await expectChinesePage(page, ALLOWED_ZH);
      await shot('3-channels');

      // A partner on 60 % first: the message sits beside the share; then 35 %.
      await page.goto(`${base}/partners/`);
      await page.locator('#p-name').fill(`Agency ${width}`);
      await page.locator('#p-code').fill(`agency${width}`);
      await page.locator('#p-share').fill('60');
      await submit(page, page.getByRole('button', { name: words.addPartner }));
      await expect(page.locator('#p-share-error').textContent()).resolves.toBe(words.shareError);
      await expect(page.locator('#p-name').inputValue()).resolves.toBe(`Agency ${width}`);
      await expectNoSidewaysScroll(page);
      await shot('4-partner-wrong-share');
      await page.locator('#p-share').fill('35');
      await submit(page, page.getByRole('button', { name: words.addPartner }));
      await expect(page.getByRole('status').first().textContent()).resolves.toMatch(words.added);
      const row = page.locator(`tr[data-code="AGENCY${width}"]`);
      await expect(row.textContent()).resolves.toContain('35%');
      await expectNoSidewaysScroll(page);
      if (zh) await expectChinesePage(page, ALLOWED_ZH);

      // Its page: the partner links to share, and an empty ledger.
      await row.getByRole('link').click();
      await page.waitForLoadState('load');
      await expect(page.locator('#link-en').inputValue()).resolves.toMatch(new RegExp(`/\\?partner=AGENCY${width}$`));
      await expect(page.locator('#link-zh').inputValue()).resolves.toMatch(new RegExp(`/zh/\\?partner=AGENCY${width}$`));
      await expectNoSidewaysScroll(page);
      await shot('5-partner');
      await page.context().close();
    }, 60_000);
  }
});
