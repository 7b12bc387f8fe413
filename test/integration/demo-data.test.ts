// `npm start` on an empty database seeds the demo data set: every operations
// page then has something to show — coupons in several states, gifts to fulfil
// and fulfilled, sent mail and a dead letter, channel costs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'node-html-parser';
import { readSalons } from '../../src/lib/salons/salon-files';
import { setRole } from '../../src/lib/leads/people';
import { seedDemoData } from '../../src/lib/demo/seed';
import { createSession } from '../../src/lib/auth/sessions';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let cookie = '';
beforeAll(async () => {
  server = await startServer({
    env: { MAIL_WORKER: 'off' },
    prepare: async (db) => {
      await seedDemoData(db, { leads: 400, salons: readSalons() });
      cookie = `fw_session=${(await createSession(db, (await setRole(db, 'admin@flywheel.example', 'admin')).id)).token}`;
    },
  });
});
afterAll(async () => server?.stop());

async function page(path: string): Promise<ReturnType<typeof parse>> {
  const res = await fetch(server.url + path, { headers: { cookie } });
  expect(res.status, path).toBe(200);
  return parse(await res.text());
}

const rowTexts = (doc: ReturnType<typeof parse>): string[] => doc.querySelectorAll('tbody tr').map((tr) => tr.textContent);

describe('the demo data on the operations pages', () => {
  it('/admin/coupons/ lists open, redeemed and expired coupons', async () => {
    const states = new Set((await page('/admin/coupons/')).querySelectorAll('tbody .badge').map((b) => b.textContent.trim()));
    expect([...states].sort()).toEqual(['expired', 'open', 'redeemed']);
  });

  it('/admin/gifts/ has gifts to fulfil, fulfilled ones and one held for review', async () => {
    const rows = rowTexts(await page('/admin/gifts/'));
    expect(rows.some((r) => /welcome-kit/.test(r) && /granted/.test(r))).toBe(true);
    expect(rows.some((r) => /fulfilled/.test(r))).toBe(true);
    expect(rowTexts(await page('/admin/gifts/?status=held'))).toHaveLength(1);
    expect((await page('/admin/gifts/?status=granted')).querySelectorAll('button').some((b) => /Mark fulfilled/.test(b.textContent))).toBe(true);
  });

  it('/admin/outbox/ shows mail that went out and a dead letter to retry', async () => {
    const doc = await page('/admin/outbox/');
    const text = doc.textContent;
    expect(text).toMatch(/Sent \((?:[1-9]\d*)\)/);
    expect(text).toMatch(/Failed \(1\)/);
    expect(text).toContain('Your download:');
    expect(doc.querySelectorAll('button').some((b) => /retry/i.test(b.textContent))).toBe(true);
  });

  it('/admin/channels/ shows costs per lead', async () => {
    const text = (await page('/admin/channels/')).textContent;
    expect(text).toMatch(/linkedin/);
    expect(text).toMatch(/¥\s?[\d,]+/);
  });
});
