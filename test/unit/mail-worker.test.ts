// The outbox worker against a local fake of Resend's HTTP API, through the
// real resend SDK (RESEND_BASE_URL), on a real SQLite file.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueueMail, outboxCounts, retryAllDeadMail, retryDeadMail } from '../../src/lib/mail/outbox';
import { createFileTransport, createResendTransport, type MailTransport } from '../../src/lib/mail/transport';
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, RETRY_WINDOW_MS, backoffMs, deliverDueMail } from '../../src/lib/mail/worker';
import { signInCodeMail } from '../../src/lib/mail/templates';
import { mailOutbox } from '../../db/tables';
import { tempDatabase } from '../support/db';
import { startFakeResend, type FakeResend } from '../support/fake-resend';
import { writeTransaction, type Db } from '../../src/lib/platform/db';

let fake: FakeResend;
let transport: MailTransport;
let db: Db;
let cleanup: () => Promise<void>;
let dir: string;

beforeAll(async () => {
  fake = await startFakeResend();
  process.env.RESEND_BASE_URL = fake.url;
  transport = createResendTransport('re_test_key');
});
afterAll(async () => fake.close());
beforeEach(async () => {
  ({ db, cleanup, dir } = await tempDatabase());
  fake.received.length = 0;
  fake.script.length = 0;
});
afterEach(async () => cleanup());

const t0 = new Date('2026-11-22T10:00:00Z');
const at = (ms: number) => () => new Date(t0.getTime() + ms);

/** A bulk mail by default; sign-in codes have their own lane and lifetime. */
async function queue(key: string, to = 'ann@example.com', template = 'newsletter', at = t0): Promise<void> {
  await writeTransaction(db, (tx) => enqueueMail(tx, { template, to, idempotencyKey: key, ...signInCodeMail({ code: '123456', minutes: 10, loginUrl: 'http://x/login/' }) }, at));
}
const row = async (key: string) => (await db.select().from(mailOutbox)).find((r) => r.idempotencyKey === key)!;

describe('delivery through Resend', () => {
  it('sends a queued mail once, with its idempotency key, and marks it sent', async () => {
    await queue('sign-in-code:1', 'ann@example.com', 'sign-in-code');
    expect(await deliverDueMail(db, transport, { now: at(0) })).toEqual({ sent: 1, retried: 0, dead: 0, revived: 0 });
    expect(fake.received).toHaveLength(1);
    expect(fake.received[0]!.idempotencyKey).toBe('sign-in-code:1');
    expect(fake.received[0]!.authorization).toBe('Bearer re_test_key');
    expect(fake.received[0]!.body).toMatchObject({ to: 'ann@example.com', subject: 'Your Flywheel sign-in code' });
    expect(fake.received[0]!.body.text).toContain('123456');
    expect(await row('sign-in-code:1')).toMatchObject({ status: 'sent', attempts: 1, providerId: 'fake-1' });
    // Once delivered, no readable copy of the code stays in the outbox.
    expect(JSON.stringify(await row('sign-in-code:1'))).not.toContain('123456');
    expect(await deliverDueMail(db, transport, { now: at(60_000) })).toEqual({ sent: 0, retried: 0, dead: 0, revived: 0 });
    expect(fake.received).toHaveLength(1);
  });

  it('retries a 500 within 30 seconds with the same idempotency key, then sends once', async () => {
    await queue('k-500');
    fake.script.push(500);
    expect(await deliverDueMail(db, transport, { now: at(0) })).toMatchObject({ retried: 1 });
    const waiting = await row('k-500');
    expect(waiting.status).toBe('pending');
    const delay = waiting.nextAttemptAt.getTime() - t0.getTime();
    expect(delay).toBeGreaterThan(0);
    expect(delay).toBeLessThanOrEqual(30_000);
    // Not yet due: nothing is sent early.
    expect(await deliverDueMail(db, transport, { now: at(delay - 1) })).toEqual({ sent: 0, retried: 0, dead: 0, revived: 0 });
    expect(await deliverDueMail(db, transport, { now: at(delay) })).toMatchObject({ sent: 1 });
    expect(fake.received.map((r) => r.idempotencyKey)).toEqual(['k-500', 'k-500']);
    expect(await outboxCounts(db)).toEqual({ pending: 0, sent: 1, dead: 0 });
  });

  it('backs off on 429 and honours Retry-After', async () => {
    await queue('k-429');
    fake.script.push(429);
    expect(await deliverDueMail(db, transport, { now: at(0) })).toMatchObject({ retried: 1 });
    expect(await row('k-429')).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await row('k-429')).lastError).toMatch(/429/);
    expect(await deliverDueMail(db, transport, { now: at(30_000) })).toMatchObject({ sent: 1 });
  });

  it('does not retry a 422: the mail is dead-lettered until operations retries it', async () => {
    await queue('k-422');
    fake.script.push(422);
    expect(await deliverDueMail(db, transport, { now: at(0) })).toEqual({ sent: 0, retried: 0, dead: 1, revived: 0 });
    expect(await row('k-422')).toMatchObject({ status: 'dead', attempts: 1 });
    expect(await deliverDueMail(db, transport, { now: at(3_600_000) })).toEqual({ sent: 0, retried: 0, dead: 0, revived: 0 });
    expect(fake.received).toHaveLength(1);

    expect(await retryDeadMail(db, (await row('k-422')).id, at(3_600_000)())).toBe(true);
    expect(await retryDeadMail(db, (await row('k-422')).id)).toBe(false); // not dead any more
    expect(await deliverDueMail(db, transport, { now: at(3_600_000) })).toMatchObject({ sent: 1 });
    expect(fake.received.map((r) => r.idempotencyKey)).toEqual(['k-422', 'k-422']);
  });

  it('keeps retrying through two hours of 503s with gaps capped at 30 minutes: nothing is dead-lettered', async () => {
    await queue('k-down');
    fake.script.push(...Array(200).fill(503));
    let clock = 0;
    const gaps: number[] = [];
    while (clock < 2 * 3_600_000) {
      await deliverDueMail(db, transport, { now: at(clock) });
      const r = await row('k-down');
      expect(r.status).toBe('pending');
      gaps.push(r.nextAttemptAt.getTime() - t0.getTime() - clock);
      clock = r.nextAttemptAt.getTime() - t0.getTime();
    }
    expect((await outboxCounts(db)).dead).toBe(0);
    expect(gaps[gaps.length - 1]!).toBeGreaterThan(gaps[0]! * 8);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(BACKOFF_MAX_MS * 1.2);
  });

  it('gives up only after two days, and brings such mail back by itself once the provider answers again', async () => {
    await queue('k-outage');
    fake.script.push(503);
    await deliverDueMail(db, transport, { now: at(RETRY_WINDOW_MS) });
    expect(await row('k-outage')).toMatchObject({ status: 'dead', deadReason: 'gave_up' });
    await queue('k-later', 'bob@example.com', 'newsletter', at(RETRY_WINDOW_MS)());
    // The next mail goes through: the provider is back, so the one that gave up is queued again and sent.
    expect(await deliverDueMail(db, transport, { now: at(RETRY_WINDOW_MS + 1000) })).toMatchObject({ sent: 1, revived: 1 });
    expect(await deliverDueMail(db, transport, { now: at(RETRY_WINDOW_MS + 2000) })).toMatchObject({ sent: 1 });
    expect((await row('k-outage')).status).toBe('sent');
  });

  it('abandons a send that hangs after the timeout and retries it', async () => {
    await queue('k-hang');
    fake.script.push('hang');
    expect(await deliverDueMail(db, transport, { now: at(0), sendTimeoutMs: 300 })).toMatchObject({ retried: 1 });
    expect((await row('k-hang')).lastError).toMatch(/timeout|network/);
    expect(await deliverDueMail(db, transport, { now: at(60_000), sendTimeoutMs: 300 })).toMatchObject({ sent: 1 });
  });

  it('sends sign-in codes first, retries them within seconds, and never sends one past its ten minutes', async () => {
    for (let i = 0; i < 3; i++) await queue(`k-bulk-${i}`);
    await queue('k-code', 'ann@example.com', 'sign-in-code', at(1000)());
    await deliverDueMail(db, transport, { now: at(2000), limit: 1 });
    expect(fake.received.map((r) => r.idempotencyKey)).toEqual(['k-code']);

    await queue('k-code-2', 'ann@example.com', 'sign-in-code', at(3000)());
    fake.script.push(503);
    await deliverDueMail(db, transport, { now: at(3000), lane: 'priority' });
    expect((await row('k-code-2')).nextAttemptAt.getTime() - at(3000)().getTime()).toBeLessThanOrEqual(1_200);

    await queue('k-stale', 'ann@example.com', 'sign-in-code', t0);
    await deliverDueMail(db, transport, { now: at(11 * 60_000), lane: 'priority' });
    expect(await row('k-stale')).toMatchObject({ status: 'dead', deadReason: 'expired' });
    expect(fake.received.map((r) => r.idempotencyKey)).not.toContain('k-stale');
  });

  it('brings every dead letter back in one go, except stale sign-in codes', async () => {
    await queue('k-d1');
    await queue('k-d2');
    await queue('k-stale', 'ann@example.com', 'sign-in-code', t0);
    fake.script.push(422, 422);
    await deliverDueMail(db, transport, { now: at(11 * 60_000) });
    expect((await outboxCounts(db)).dead).toBe(3);
    expect(await retryAllDeadMail(db, at(12 * 60_000)())).toBe(2);
    expect(await deliverDueMail(db, transport, { now: at(12 * 60_000) })).toMatchObject({ sent: 2 });
  });

  it('treats an unreachable Resend as a retryable failure', async () => {
    process.env.RESEND_BASE_URL = 'http://127.0.0.1:9';
    const offline = createResendTransport('re_test_key');
    process.env.RESEND_BASE_URL = fake.url;
    await queue('k-offline');
    expect(await deliverDueMail(db, offline, { now: at(0) })).toMatchObject({ retried: 1 });
    expect((await row('k-offline')).lastError).toMatch(/network/);
  });

  it('never sends a mail twice when two workers drain at once', async () => {
    for (let i = 0; i < 20; i++) await queue(`k-par-${i}`, `p${i}@example.com`);
    const [a, b] = await Promise.all([deliverDueMail(db, transport, { now: at(0) }), deliverDueMail(db, transport, { now: at(0) })]);
    expect(a.sent + b.sent).toBe(20);
    const keys = fake.received.map((r) => r.idempotencyKey);
    expect(new Set(keys).size).toBe(20);
    expect(keys).toHaveLength(20);
  });

  it('queues a mail only once per idempotency key', async () => {
    await queue('k-once');
    await queue('k-once');
    expect(await db.select().from(mailOutbox)).toHaveLength(1);
  });
});

describe('backoff', () => {
  it('starts within 30 seconds and doubles', () => {
    expect(backoffMs(1, () => 0.5)).toBe(BACKOFF_BASE_MS);
    expect(backoffMs(2, () => 0.5)).toBe(BACKOFF_BASE_MS * 2);
    expect(backoffMs(1, () => 1)).toBeLessThanOrEqual(30_000);
  });
});

describe('inline images', () => {
  it('sends an attachment with a Content-ID inline (content_id), the HTML showing it as cid:', async () => {
    await writeTransaction(db, (tx) => enqueueMail(tx, { template: 'registration', to: 'ann@example.com', idempotencyKey: 'registration:1', subject: 'S', text: 'T', html: '<img src="cid:ticket-qr" alt="QR">', attachments: [{ filename: 'ticket.png', content: 'iVBORw0KGgo=', contentType: 'image/png', contentId: 'ticket-qr' }, { filename: 'x.ics', content: 'QkVHSU4=', contentType: 'text/calendar' }] }, t0));
    await deliverDueMail(db, transport, { now: at(0) });
    expect(fake.received[0]!.body.attachments).toEqual([
      { filename: 'ticket.png', content: 'iVBORw0KGgo=', content_type: 'image/png', content_id: 'ticket-qr' },
      { filename: 'x.ics', content: 'QkVHSU4=', content_type: 'text/calendar' },
    ]);
  });
});

describe('file transport (no RESEND_API_KEY)', () => {
  it('writes { to, subject, html, text, tags } as JSON to MAIL_DIR', async () => {
    await queue('sign-in-code:7', 'ann@example.com', 'sign-in-code');
    const mailDir = join(dir, 'mail');
    await deliverDueMail(db, createFileTransport(mailDir), { now: at(0) });
    const files = readdirSync(mailDir);
    expect(files).toEqual(['sign-in-code_7.json']);
    const mail = JSON.parse(readFileSync(join(mailDir, files[0]!), 'utf8'));
    expect(Object.keys(mail).sort()).toEqual(['html', 'subject', 'tags', 'text', 'to']);
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.tags).toEqual({ template: 'sign-in-code' });
  });
});
