// Journey (d): a sales person's morning. Open "Unclaimed A", see why the lead
// scores, open it, claim it (it moves to "My leads"), add a note, export the
// view as CSV. At 390 px and 1280 px. And a lead someone else owns cannot be
// taken, on the page or through the API.
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setRole } from '../../src/lib/people';
import { createSession } from '../../src/lib/sessions';
import { launchBrowser } from '../support/browser';
import { postJson } from '../support/http';
import { expectNoSidewaysScroll } from '../support/page';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let browser: Browser;
const sessions: Record<string, string> = {};
const shots = 'test-results/screenshots';

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startServer({
    prepare: (db) => {
      for (const email of ['sam@flywheel.example', 'lee@flywheel.example']) sessions[email] = createSession(db, setRole(db, email, 'sales').id).token;
    },
  });
  browser = await launchBrowser(); // after the server, so a failed launch still leaves its handle for afterAll
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** An A lead: a general manager at a big manufacturer who asked for a demo, consented and came to a salon. */
async function aLead(email: string, name: string): Promise<number> {
  const lead = { email, name, jobTitle: '总经理', company: 'Suzhou Lumen Sensors', companySize: '1001-5000', industry: 'manufacturing', consent: true };
  const { body } = await postJson(`${server.url}/api/leads`, { ...lead, interest: 'demo' });
  await postJson(`${server.url}/api/leads`, { ...lead, interest: 'resource:b2b-lead-scoring-benchmark-2026' });
  await postJson(`${server.url}/api/leads`, { ...lead, interest: 'package:lead-scoring-desk' });
  return body.leadId;
}

describe("a sales person's morning", () => {
  for (const [width, who] of [[390, 'sam@flywheel.example'], [1280, 'lee@flywheel.example']] as const) {
    it(`works at ${width} px`, async () => {
      const name = `Chen Wei ${width}`;
      await aLead(`chen.wei.${width}@suzhoulumen.cn`, name);
      await postJson(`${server.url}/api/leads`, { email: `buyer.${width}@suzhoulumen.cn`, name: `Wang Buyer ${width}`, jobTitle: '采购经理', interest: 'newsletter' });
      await postJson(`${server.url}/api/leads`, { email: `student.${width}@qq.com`, name: `Li Student ${width}`, jobTitle: '学生', interest: 'newsletter' });
      const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
      await context.addCookies([{ name: 'fw_session', value: sessions[who]!, url: server.url }]);
      const page = await context.newPage();
      await page.goto(`${server.url}/sales/`);
      await page.getByRole('navigation', { name: 'Quick views' }).getByRole('link', { name: /Unclaimed A/ }).click();
      const row = page.locator('tr', { hasText: name });
      await expect(row.getByText('Unclaimed').isVisible()).resolves.toBe(true);
      await expect(row.locator('.why').textContent()).resolves.toMatch(/总经理|Engaged/);
      await expect(page.getByText(`Li Student ${width}`).count()).resolves.toBe(0); // not an A lead
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: `${shots}/sales-${width}-1-unclaimed-a.png`, fullPage: true });

      await row.getByRole('link', { name }).click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(name);
      await expect(page.getByText('Asked for a demo').first().isVisible()).resolves.toBe(true);
      await expect(page.getByText(/Downloaded: .*Benchmark/).first().isVisible()).resolves.toBe(true);
      await expect(page.getByRole('heading', { name: /Others at Suzhou Lumen/ }).isVisible()).resolves.toBe(true);
      await page.getByRole('button', { name: 'Claim this lead' }).click();
      await expect(page.getByText('Claimed: this lead is yours.').isVisible()).resolves.toBe(true);
      await page.getByLabel('Add a note').fill('Called at 09:10; wants a pilot for two plants in Q1.');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByText('wants a pilot for two plants').isVisible()).resolves.toBe(true);
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: `${shots}/sales-${width}-2-lead.png`, fullPage: true });

      await page.goto(`${server.url}/sales/?view=mine`);
      await page.screenshot({ path: `${shots}/sales-${width}-3-mine.png`, fullPage: true });
      await expect(page.locator('tr', { hasText: name }).getByRole('cell', { name: 'You', exact: true }).isVisible()).resolves.toBe(true);
      await page.goto(`${server.url}/sales/?view=unclaimed-a`);
      await expect(page.locator('tr', { hasText: name }).count()).resolves.toBe(0);

      await page.goto(`${server.url}/sales/?view=mine`);
      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Export these leads as CSV' }).click();
      const csv = readFileSync((await (await download).path())!, 'utf8');
      expect(csv.split('\n')[0]).toMatch(/^id,email,name/);
      expect(csv).toContain(`chen.wei.${width}@suzhoulumen.cn`);
      expect(csv).toContain(who);
      await context.close();
    });
  }

  it("refuses to take a lead someone else owns, on the page and through the API", async () => {
    const id = await aLead('owned@suzhoulumen.cn', 'Owned Lead');
    const claim = (email: string) => fetch(`${server.url}/api/sales/leads/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', cookie: `fw_session=${sessions[email]}` }, body: JSON.stringify({ owner: 'me' }) });
    // Twenty parallel claims from two people: one person wins, the other gets 409 every time.
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => claim(i % 2 ? 'sam@flywheel.example' : 'lee@flywheel.example').then((r) => r.status)));
    expect(results.filter((s) => s === 409).length).toBe(10);
    expect(results.filter((s) => s === 200).length).toBe(10);
    const owner = (await (await fetch(`${server.url}/api/sales/leads?limit=500`, { headers: { cookie: `fw_session=${sessions['sam@flywheel.example']}` } })).json()).leads.find((l: { id: number }) => l.id === id).owner;
    const loser = owner === 'sam@flywheel.example' ? 'lee@flywheel.example' : 'sam@flywheel.example';
    const page = await fetch(`${server.url}/sales/leads/${id}/`, { method: 'POST', body: new URLSearchParams({ owner: 'me' }), headers: { cookie: `fw_session=${sessions[loser]}`, origin: server.url } });
    expect(page.status).toBe(409);
    expect(await page.text()).toMatch(/already owns this lead/);
  });

  it('answers a hand-made cursor with the first page and a message, not a 500', async () => {
    const res = await fetch(`${server.url}/sales/?cursor=x`, { headers: { cookie: `fw_session=${sessions['sam@flywheel.example']}` } });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/cursor/);
  });
});
