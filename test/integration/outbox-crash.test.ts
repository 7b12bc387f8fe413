// Nothing lost, nothing sent twice: the server is killed while a mail is in
// flight to Resend; the next start sends it, once, with the same idempotency key.
import { afterAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../db/tables';
import { postJson } from '../support/http';
import { startFakeResend, type FakeResend } from '../support/fake-resend';
import { startServer, type RunningServer } from '../support/server';

const fakes: FakeResend[] = [];
let second: RunningServer | undefined;
afterAll(async () => {
  await second?.stop();
  await Promise.all(fakes.map((f) => f.close()));
});

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('outbox across a crash', () => {
  it('sends the mail of a committed change after a kill -9, exactly once', async () => {
    const resendDown = await startFakeResend();
    const resendUp = await startFakeResend();
    fakes.push(resendDown, resendUp);
    resendDown.script.push('hang'); // the first send never completes: the server dies mid-flight
    const env = { RESEND_API_KEY: 're_test_key', MAIL_WORKER_INTERVAL_MS: '100', MAIL_LEASE_MS: '1500' };

    const first = await startServer({ env: { ...env, RESEND_BASE_URL: resendDown.url } });
    expect((await postJson(`${first.url}/api/auth/code`, { email: 'crash@example.com' })).status).toBe(202);
    await until(() => resendDown.received.length === 1, 'the first send attempt');
    const key = resendDown.received[0]!.idempotencyKey;
    expect(key).toMatch(/^sign-in-code:\d+$/);
    await first.stop({ signal: 'SIGKILL', keepFiles: true });

    second = await startServer({ dir: first.dir, env: { ...env, RESEND_BASE_URL: resendUp.url } });
    await until(async () => (await second!.db.select().from(mailOutbox)).every((m) => m.status === 'sent'), 'the mail to be sent after restart');
    await new Promise((r) => setTimeout(r, 1000)); // and nothing more goes out afterwards
    expect(resendUp.received.map((r) => r.idempotencyKey)).toEqual([key]);
    expect(resendUp.received[0]!.body.to).toBe('crash@example.com');
    const rows = await second.db.select().from(mailOutbox);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'sent', idempotencyKey: key });
  });
});
