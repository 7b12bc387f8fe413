// Operations adds a webhook at /admin/webhooks/: a wrong URL first (the message
// beside the field), then a right one; the signing secret is shown once (gone
// on the next visit); Send test reaches a local receiver and the page says it
// answered 200. At 390 and 1280 px, and once in Chinese on a phone.
import { createServer, type Server } from 'node:http';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { journeyHarness, SHOTS, VIEWPORTS } from '../support/journey';
import { expectChinesePage, expectNoSidewaysScroll } from '../support/page';
import { sessionCookie } from '../support/people';
import { webhookDeliveries, webhookEvents, webhooks } from '../../db/tables';
import { writeTransaction } from '../../src/lib/platform/db';
import { verify } from '../../src/lib/webhooks/signing';

/**
 * What may stay Latin on the Chinese page: URLs, event codes and ids, the English walks' descriptions (their data), and the
 * admin nav's "Webhook" (the shared catalogue's word, src/i18n/messages/zh/staff.ts, not this page's).
 */
const CHINESE_PAGE_ALLOWS = [/^https?:\/\//, /^evt_[a-z0-9]+$/, /^[a-z_]+\.[a-z_.]+$/, /^CRM \((phone|desktop)\)$/, /^Webhook$/];

const run = journeyHarness({ env: { WEBHOOK_ALLOW_PRIVATE: '1', RATE_LIMITS: 'off' } });

const received: Array<{ body: string; signature: string }> = [];
let receiver: Server;
let receiverUrl = '';
beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['flywheel-signature'] ?? '') });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => new Promise<void>((resolve) => receiver.close(() => resolve())));

async function adminContext(viewport: { width: number; height: number }, locale = 'en-US'): Promise<BrowserContext> {
  const context = await run.browser.newContext({ viewport, locale });
  const cookie = await sessionCookie(run.server.db, 'ops@flywheel.example', 'admin');
  await context.addCookies([{ name: 'fw_session', value: cookie.split('=')[1]!, url: run.server.url }]);
  return context;
}

async function submit(page: Page, button: ReturnType<Page['getByRole']>): Promise<void> {
  await Promise.all([page.waitForEvent('framenavigated', (f) => f === page.mainFrame()), button.click()]);
  await page.waitForLoadState('load');
}

describe('webhooks in /admin/', () => {
  it.each(VIEWPORTS)('at $width px: a wrong URL first, then a right one; the secret once; Send test shows the receiver’s 200', async (viewport) => {
    const { server } = run;
    const context = await adminContext(viewport);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const path = `/crm/${viewport.name}`;
    await page.goto(`${server.url}/admin/webhooks/`);
    const form = page.getByRole('form', { name: 'Add a webhook' });
    await form.getByLabel('Endpoint URL').fill(`crm.example.com${path}`);
    await form.getByLabel(/lead\.created/).check();
    await form.getByLabel('Description').fill(`CRM (${viewport.name})`);
    await submit(page, form.getByRole('button', { name: 'Add webhook' }));
    await expect(page.locator('#w-url-error').textContent()).resolves.toContain('The URL is not a web address');
    await expect(page.locator('#w-url').getAttribute('aria-invalid')).resolves.toBe('true');
    // What was typed and ticked is still there.
    await expect(page.locator('#w-note').inputValue()).resolves.toBe(`CRM (${viewport.name})`);
    await expect(page.getByRole('form', { name: 'Add a webhook' }).getByLabel(/lead\.created/).isChecked()).resolves.toBe(true);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/webhooks-${viewport.name}-1-wrong-url.png`, fullPage: true });

    await page.locator('#w-url').fill(`${receiverUrl}${path}`);
    await submit(page, page.getByRole('form', { name: 'Add a webhook' }).getByRole('button', { name: 'Add webhook' }));
    const secret = await page.getByLabel('Signing secret of the new webhook').inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    await expect(page.getByText('this is the only time Flywheel shows it').isVisible()).resolves.toBe(true);
    const stored = (await server.db.select().from(webhooks).where(eq(webhooks.url, `${receiverUrl}${path}`)))[0]!;
    expect(stored.secret).toBe(secret);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/webhooks-${viewport.name}-2-secret.png`, fullPage: true });

    // The next visit: the webhook is listed, the secret is nowhere.
    await page.goto(`${server.url}/admin/webhooks/`);
    expect(await page.content()).not.toContain(secret);
    const row = page.locator('tr', { has: page.locator('code', { hasText: `${receiverUrl}${path}` }) });
    await expect(row.locator('td').nth(2).textContent()).resolves.toContain('On');
    await expect(row.getByRole('img').getAttribute('aria-label')).resolves.toBe('0 of 0 delivered');

    const before = received.length;
    await submit(page, row.getByRole('button', { name: 'Send test' }));
    await expect(page.locator('#test-result').textContent()).resolves.toContain('the receiver answered HTTP 200');
    expect(received).toHaveLength(before + 1);
    expect(JSON.parse(received[before]!.body).type).toBe('webhook.test');
    expect(verify(secret, received[before]!.body, received[before]!.signature)).toBe(true);

    // A delivery that gave up after the receiver's outage: Retry sends it again.
    const eventId = `evt_demo${viewport.name}`;
    await writeTransaction(server.db, async (tx) => {
      await tx.insert(webhookEvents).values({ id: eventId, type: 'lead.created', dedupeKey: `test:${viewport.name}`, data: { lead: { id: 1 } } });
      await tx.insert(webhookDeliveries).values({ webhookId: stored.id, eventId, status: 'dead', attempts: 19, lastStatus: 502, lastError: 'HTTP 502: Bad Gateway', lastAttemptAt: new Date(), nextAttemptAt: new Date() });
    });
    await page.goto(`${server.url}/admin/webhooks/`);
    await submit(page, page.getByRole('button', { name: `Retry delivery of ${eventId}` }));
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('will be sent again');
    await expect.poll(() => received.some((r) => JSON.parse(r.body).id === eventId), { timeout: 10_000 }).toBe(true);

    // Turn it off: the list says so.
    await page.goto(`${server.url}/admin/webhooks/`);
    const listed = page.locator('tr', { has: page.locator('code', { hasText: `${receiverUrl}${path}` }) });
    await submit(page, listed.getByRole('button', { name: 'Turn off' }));
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Webhook turned off');
    await expect(page.locator('tr', { has: page.locator('code', { hasText: `${receiverUrl}${path}` }) }).locator('td').nth(2).textContent()).resolves.toContain('Off');
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/webhooks-${viewport.name}-3-tested.png`, fullPage: true });
    await context.close();
  });

  it('in Chinese on a phone: the wrong URL refused in Chinese, a robot added, the page all Chinese', async () => {
    const { server } = run;
    const context = await adminContext(VIEWPORTS[0], 'zh-CN');
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.url}/zh/admin/webhooks/`);
    const form = page.getByRole('form', { name: '添加 Webhook' });
    await form.getByLabel('类型').selectOption('wecom');
    await form.getByLabel('接收地址（URL）').fill(`${receiverUrl}/robot`);
    await submit(page, form.getByRole('button', { name: '添加 Webhook' }));
    await expect(page.locator('#w-url-error').textContent()).resolves.toContain('企业微信机器人地址应类似');
    await expectChinesePage(page, CHINESE_PAGE_ALLOWS);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/webhooks-zh-phone-1-wrong-url.png`, fullPage: true });

    await page.locator('#w-url').fill(`${receiverUrl}/cgi-bin/webhook/send?key=693a91f6-7b1c-4bc4-97a0-0ec2sifa5aaa`);
    await submit(page, page.getByRole('form', { name: '添加 Webhook' }).getByRole('button', { name: '添加 Webhook' }));
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('机器人已添加');
    // The robot's key is a credential: the list shows only its start.
    expect(await page.content()).not.toContain('693a91f6-7b1c');
    await expectChinesePage(page, CHINESE_PAGE_ALLOWS);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/webhooks-zh-phone-2-robot.png`, fullPage: true });
    await context.close();
  });
});
