// Journey (d): a sales person's morning, at 390 px and 1280 px. Leads arrive
// through the public API (an A, a B, a C and a D), a sales person signed in by
// session cookie opens "Unclaimed A", sees the A lead with its top reason, opens
// it, claims it (it moves to "My leads"), adds a note and exports the view as
// CSV. And a lead someone else owns cannot be taken, on the page or the API.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { notes, people } from '../../db/tables';
import { setRole } from '../../src/lib/leads/people';
import { writeTransaction } from '../../src/lib/platform/db';
import { createSession } from '../../src/lib/auth/sessions';
import { postJson } from '../support/http';
import { journeyHarness, SHOTS, VIEWPORTS } from '../support/journey';
import { expectNoSidewaysScroll } from '../support/page';

const SAM = 'sam@flywheel.example';
const LEE = 'lee@flywheel.example';
const sessions: Record<string, string> = {};
const h = journeyHarness({
  env: { RATE_LIMITS: 'off' },
  prepare: async (db) => {
    for (const [email, name] of [[SAM, 'Sam Sales'], [LEE, 'Lee Sales']] as const) {
      const person = await setRole(db, email, 'sales');
      await writeTransaction(db, async (tx) => {
        await tx.update(people).set({ name }).where(eq(people.id, person.id));
      });
      sessions[email] = (await createSession(db, person.id)).token;
    }
  },
});

const lead = async (body: Record<string, unknown>): Promise<number> => {
  const res = await postJson(`${h.server.url}/api/leads`, body);
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body.leadId;
};

/** Grade A: a general manager (a decision maker) of a 5000+ manufacturer on a business address, with consent, who asked for a demo and downloaded the benchmark. */
async function aLead(email: string, name: string, company = 'Suzhou Lumen Sensors'): Promise<number> {
  const who = { email, name, jobTitle: '总经理', company, companySize: '5000+', industry: 'manufacturing', consent: true };
  const id = await lead({ ...who, interest: 'demo' });
  await lead({ ...who, interest: 'resource:b2b-lead-scoring-benchmark-2026' });
  return id;
}

/** A B, a C and a D lead: a VP who downloaded the benchmark, a manager on the newsletter, a student on webmail. */
async function othersAt(domain: string, tag: string): Promise<void> {
  await lead({ email: `vp.${tag}@${domain}`, name: `Bai VP ${tag}`, jobTitle: 'VP Operations', companySize: '201-1000', industry: 'manufacturing', interest: 'resource:b2b-lead-scoring-benchmark-2026', consent: true });
  await lead({ email: `manager.${tag}@${domain}`, name: `Cao Manager ${tag}`, jobTitle: 'Marketing Manager', companySize: '201-1000', interest: 'newsletter' });
  await lead({ email: `student.${tag}@qq.com`, name: `Du Student ${tag}`, jobTitle: '学生', interest: 'newsletter' });
}

async function signedIn(email: string, width: number, height = 900): Promise<Page> {
  const context = await h.browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  await context.addCookies([{ name: 'fw_session', value: sessions[email]!, url: h.server.url }]);
  return context.newPage();
}

/** Text contrast of every grade badge on the page, from the computed colours. */
async function badgeContrasts(page: Page): Promise<Array<{ grade: string; ratio: number; background: string; border: string }>> {
  return page.locator('.grade').evaluateAll((els) => {
    const lum = (css: string): number => {
      const [r, g, b] = (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => Number(v) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    return els.map((el) => {
      const s = getComputedStyle(el);
      const [hi, lo] = [lum(s.color), lum(s.backgroundColor)].sort((a, b) => b - a);
      return { grade: el.textContent!.replace('grade', '').trim(), ratio: (hi! + 0.05) / (lo! + 0.05), background: s.backgroundColor, border: `${s.borderTopStyle} ${s.borderTopColor}` };
    });
  });
}

describe("a sales person's morning", () => {
  for (const { width } of VIEWPORTS) {
    it(`works at ${width} px`, async () => {
      const me = width === 390 ? SAM : LEE;
      const domain = `lumen${width}.cn`;
      const name = `Chen Wei ${width}`;
      const email = `chen.wei@${domain}`;
      await aLead(email, name);
      await othersAt(domain, String(width));
      const page = await signedIn(me, width);
      const shot = (step: string) => page.screenshot({ path: `${SHOTS}/sales-${width}-${step}.png`, fullPage: true });

      await page.goto(`${h.server.url}/sales/`);
      // The filters fold away on a phone and stay open on a desktop.
      const grade = page.getByLabel('Grade', { exact: true });
      if (width === 390) {
        await expect(grade.isVisible()).resolves.toBe(false);
        await page.getByText('Filters', { exact: true }).click();
      }
      await expect(grade.isVisible()).resolves.toBe(true);
      await expectNoSidewaysScroll(page);

      // Grade badges: A, B, C and D differ in fill and border, not only hue, and every letter reads at 4.5:1 or better.
      const badges = await badgeContrasts(page);
      for (const b of badges) expect(b.ratio, `grade ${b.grade} text contrast`).toBeGreaterThanOrEqual(4.5);
      const legend = ['A', 'B', 'C', 'D'].map((g) => badges.find((b) => b.grade === g)!);
      expect(new Set(legend.map((b) => `${b.background} ${b.border}`)).size).toBe(4);

      const views = page.getByRole('navigation', { name: 'Quick views' });
      await expect(views.getByRole('link', { name: /Unclaimed A\s*\d+/ }).isVisible()).resolves.toBe(true);
      await views.getByRole('link', { name: /Unclaimed A/ }).click();
      expect(new URL(page.url()).searchParams.get('view')).toBe('unclaimed-a');
      await expect(views.getByRole('link', { name: /Unclaimed A/ }).getAttribute('aria-current')).resolves.toBe('page');
      const row = page.locator('tbody tr', { hasText: name });
      await expect(row.locator('.why').textContent()).resolves.toBe('Asked for a demo');
      await expect(row.getByText('Unclaimed').isVisible()).resolves.toBe(true);
      await expect(row.locator('.grade').textContent()).resolves.toMatch(/A$/);
      await expect(row.locator('time').getAttribute('title')).resolves.toMatch(/\d{4}, \d{2}:\d{2} UTC$/);
      await expect(row.locator('time').textContent()).resolves.toMatch(/just now|min ago/);
      for (const other of [`Bai VP ${width}`, `Cao Manager ${width}`, `Du Student ${width}`]) await expect(page.getByText(other).count()).resolves.toBe(0);
      // Name and grade are on screen without scrolling sideways.
      for (const part of [row.getByRole('link', { name }), row.locator('.grade')]) expect((await part.boundingBox())!.x + (await part.boundingBox())!.width).toBeLessThanOrEqual(width);
      await expectNoSidewaysScroll(page);
      await shot('1-unclaimed-a');

      // New A/B since yesterday: the A and the B lead created just now, not the C.
      await views.getByRole('link', { name: /New A\/B since yesterday/ }).click();
      await expect(page.locator('tbody tr', { hasText: name }).count()).resolves.toBe(1);
      await expect(page.locator('tbody tr', { hasText: `Bai VP ${width}` }).count()).resolves.toBe(1);
      await expect(page.locator('tbody tr', { hasText: `Cao Manager ${width}` }).count()).resolves.toBe(0);

      await page.goto(`${h.server.url}/sales/?view=unclaimed-a`);
      await page.locator('tbody tr', { hasText: name }).getByRole('link', { name }).click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(name);
      const why = page.getByRole('region', { name: /Score \d+ · grade A/ });
      await expect(why.getByText('Asked for a demo').isVisible()).resolves.toBe(true);
      await expect(why.getByText('Decision maker (总经理)').isVisible()).resolves.toBe(true);
      for (const points of await why.locator('.points').allTextContents()) expect(points).toMatch(/^[+-]?\d+$/);
      const activity = page.getByRole('region', { name: 'Activity' });
      await expect(activity.getByRole('link', { name: 'Downloaded: 2026 B2B Lead Scoring Benchmark' }).isVisible()).resolves.toBe(true);
      await expect(activity.getByText('Asked for a demo').isVisible()).resolves.toBe(true);
      if (width === 1280) expect((await activity.boundingBox())!.width).toBeLessThanOrEqual(720); // a readable measure, not edge to edge
      // The company is the lead's account: its committee lists the colleagues.
      const account = page.getByRole('region', { name: 'Account', exact: true });
      await expect(account.getByRole('link', { name: 'Suzhou Lumen Sensors' }).isVisible()).resolves.toBe(true);
      await expect(account.getByRole('link', { name: `Bai VP ${width}` }).isVisible()).resolves.toBe(true);

      await page.getByRole('button', { name: 'Claim this lead' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Claimed: this lead is yours.' }).isVisible()).resolves.toBe(true);
      await expect(page.getByText('You own this lead.').isVisible()).resolves.toBe(true);
      await page.getByLabel('Add a note').fill('Called at 09:10; wants a pilot for two plants in Q1.');
      await page.getByRole('button', { name: 'Save note' }).click();
      await expect(page.getByRole('region', { name: 'Notes' }).getByText('wants a pilot for two plants').isVisible()).resolves.toBe(true);
      await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Contacted' });
      await page.getByRole('button', { name: 'Update' }).click();
      await expect(page.getByText('Status: Contacted').isVisible()).resolves.toBe(true);
      await expectNoSidewaysScroll(page);
      await shot('2-lead');

      await page.getByRole('link', { name: '← Sales desk' }).click();
      await page.getByRole('navigation', { name: 'Quick views' }).getByRole('link', { name: /My leads/ }).click();
      const mine = page.locator('tbody tr', { hasText: name });
      await expect(mine.locator('.owner').textContent()).resolves.toMatch(/You$/);
      await expect(mine.locator('.status').textContent()).resolves.toMatch(/Contacted$/);
      await expectNoSidewaysScroll(page);
      await shot('3-mine');

      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Export these leads as CSV' }).click();
      const csv = readFileSync((await (await download).path())!, 'utf8');
      expect(csv.split('\n')[0]).toMatch(/^id,email,name,company,jobTitle,companySize,industry,score,fitScore,engagementScore,grade,status,source,owner,/);
      expect(csv).toContain(email);
      expect(csv).not.toContain(`vp.${width}@${domain}`); // the view, not every lead

      await page.goto(`${h.server.url}/sales/?view=unclaimed-a`);
      await expect(page.locator('tbody tr', { hasText: name }).count()).resolves.toBe(0);
      await page.context().close();
    });
  }

  it('does not let a second person take a claimed lead from the page: they are told who owns it', async () => {
    const id = await aLead('race@lumen-race.cn', 'Race Lead', 'Lumen Race');
    const page = await signedIn(LEE, 1280);
    await page.goto(`${h.server.url}/sales/leads/${id}/`);
    // Sam claims it (through the API) while Lee looks at the page.
    const sam = await fetch(`${h.server.url}/api/sales/leads/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', cookie: `fw_session=${sessions[SAM]}` }, body: JSON.stringify({ owner: 'me' }) });
    expect(sam.status).toBe(200);
    await page.getByRole('button', { name: 'Claim this lead' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Sam Sales already owns this lead/);
    await expect(page.getByText('Owned by Sam Sales').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Claim this lead' }).count()).resolves.toBe(0);
    await page.screenshot({ path: `${SHOTS}/sales-1280-4-conflict.png`, fullPage: true });
    await page.context().close();
  });

  it('answers 409 to a claim on a lead someone else owns, through the API and the page, and only one of parallel claims wins', async () => {
    const id = await aLead('owned@lumen-owned.cn', 'Owned Lead', 'Lumen Owned');
    const claim = (email: string) => fetch(`${h.server.url}/api/sales/leads/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', cookie: `fw_session=${sessions[email]}` }, body: JSON.stringify({ owner: 'me' }) });
    // Twenty parallel claims from two people: one person wins, the other gets 409 every time.
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => claim(i % 2 ? SAM : LEE).then(async (r) => ({ status: r.status, body: await r.json() }))));
    expect(results.filter((r) => r.status === 409)).toHaveLength(10);
    expect(results.filter((r) => r.status === 200)).toHaveLength(10);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe('conflict');
    const owner = (await (await fetch(`${h.server.url}/api/sales/leads?limit=500`, { headers: { cookie: `fw_session=${sessions[SAM]}` } })).json()).leads.find((l: { id: number }) => l.id === id).owner;
    const loser = owner === SAM ? LEE : SAM;
    const page = await fetch(`${h.server.url}/sales/leads/${id}/`, { method: 'POST', body: new URLSearchParams({ owner: 'me', note: 'mine now' }), headers: { cookie: `fw_session=${sessions[loser]}`, origin: h.server.url } });
    expect(page.status).toBe(409);
    expect(await page.text()).toMatch(/already owns this lead/);
    const after = (await (await fetch(`${h.server.url}/api/sales/leads?limit=500`, { headers: { cookie: `fw_session=${sessions[SAM]}` } })).json()).leads.find((l: { id: number }) => l.id === id);
    expect(after.owner).toBe(owner); // nothing written, not even the note
    expect((await h.server.db.select({ n: count() }).from(notes).where(eq(notes.body, 'mine now')))[0]).toEqual({ n: 0 });
  });

  it('answers a hand-made cursor with the first page and a message, not a 500', async () => {
    const res = await fetch(`${h.server.url}/sales/?cursor=x`, { headers: { cookie: `fw_session=${sessions[SAM]}` } });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/cursor/);
  });
});
