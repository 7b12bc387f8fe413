// A mail provider that hangs, through the real server, worker and Resend SDK:
// a person waiting for a sign-in code gets it soon after the provider answers
// again, even with bulk mail queued ahead of it. Times are scaled down (a 1 s
// send timeout, a 3 s outage) so the test is quick; `issues` notes the real
// 15 s / 20 s run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../db/tables';
import { enqueueMail } from '../../src/lib/mail/outbox';
import { writeTransaction } from '../../src/lib/platform/db';
import { postJson } from '../support/http';
import { startFakeResend, type FakeResend } from '../support/fake-resend';
import { startServer, type RunningServer } from '../support/server';

let fake: FakeResend;
let server: RunningServer;

beforeAll(async () => {
  fake = await startFakeResend();
  server = await startServer({ env: { RESEND_API_KEY: 're_test_key', RESEND_BASE_URL: fake.url, MAIL_WORKER_INTERVAL_MS: '100', MAIL_SEND_TIMEOUT_MS: '1000' } });
});
afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

describe('a hanging mail provider', () => {
  it('delays a sign-in code only until the provider answers again, ahead of queued bulk mail', async () => {
    fake.hangUntil = Date.now() + 3000;
    fake.hangWhen = (body) => String(body.to).startsWith('reader'); // the bulk mail never gets through
    // Bulk mail queued first: 30 newsletters that would each hang for the whole timeout.
    await writeTransaction(server.db, async (tx) => {
      for (let i = 0; i < 30; i++) await enqueueMail(tx, { template: 'newsletter', to: `reader${i}@example.com`, idempotencyKey: `bulk-${i}`, subject: 'News', html: '<p>News</p>', text: 'News' });
    });
    expect((await postJson(`${server.url}/api/auth/code`, { email: 'waiting@example.com' })).status).toBe(202);
    const codeRow = async () => (await server.db.select().from(mailOutbox)).find((m) => m.to === 'waiting@example.com')!;
    // Thirty hung newsletters in a row would take 30 s; the code has its own lane and goes once the outage is over.
    for (let i = 0; i < 300 && (await codeRow()).status !== 'sent'; i++) await new Promise((r) => setTimeout(r, 100));
    const code = await codeRow();
    expect(code.status).toBe('sent');
    expect(code.sentAt!.getTime()).toBeGreaterThanOrEqual(fake.hangUntil);
    // …while every newsletter is still stuck behind its own timeouts.
    expect((await server.db.select().from(mailOutbox)).filter((m) => m.template === 'newsletter' && m.status === 'sent')).toEqual([]);
    expect(code.subject).not.toMatch(/\d{6}/);
    expect((await server.db.select().from(mailOutbox)).filter((m) => m.status === 'dead')).toEqual([]);
  });
});
