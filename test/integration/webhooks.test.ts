// Hand-offs (issue 13): webhooks signed, retried with the same id, robots in
// their own format, refusals of private targets, the admin API and the
// activities API for CRMs that pull. The clock is driven through `now`.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createHmac } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { activities, auditLog, people, webhookDeliveries, webhookEvents, webhooks } from '../../db/tables';
import { writeTransaction, type Db } from '../../src/lib/platform/db';
import { setRole } from '../../src/lib/leads/people';
import { captureLead } from '../../src/lib/leads/capture';
import { createApiToken } from '../../src/lib/auth/api-tokens';
import { createSession } from '../../src/lib/auth/sessions';
import { emitLeadEvent, forgetWebhooks } from '../../src/lib/webhooks/events';
import { deliverDueWebhooks } from '../../src/lib/webhooks/delivery-worker';
import { createWebhook, retryDelivery, updateWebhook, testWebhook, webhookSchema } from '../../src/lib/webhooks/webhooks';
import { isPrivateAddress, urlProblem } from '../../src/lib/webhooks/outbound';
import { verify } from '../../src/lib/webhooks/signing';
import { HttpError } from '../../src/lib/platform/http';
import { tempDatabase } from '../support/db';
import { startServer, type RunningServer } from '../support/server';

const t0 = new Date('2026-10-12T02:00:00Z');
const SECOND = 1000;

interface Received {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local receiver on 127.0.0.1 (port 0): answers with `answer(n)` for the n-th request (status and body). */
async function receiver(answer: (n: number, req: Received) => { status: number; body?: string } = () => ({ status: 200 })): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const got = { url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(got);
      const { status, body } = answer(received.length, got);
      res.writeHead(status, { 'content-type': 'application/json' }).end(body ?? '{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const persona = (email: string, interest: string) => ({ input: { email, name: '周敏', company: '澜亭科技', jobTitle: 'CFO', companySize: '5000+', industry: 'SaaS', consent: true, interest } as never, attribution: null, referralClickId: null });

async function refusal(p: Promise<unknown>): Promise<HttpError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(HttpError);
  return e as HttpError;
}

describe('webhooks in process', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let adminId: number;
  const closers: Array<() => Promise<void>> = [];
  beforeEach(async () => {
    ({ db, cleanup } = await tempDatabase());
    forgetWebhooks(); // the cache is per process: another test's database had other webhooks
    adminId = (await setRole(db, 'ops@flywheel.example', 'admin')).id;
  });
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((c) => c()));
    await cleanup();
  });

  it('a receiver failing twice and then answering 200 gets the same event id three times: one delivered row, attempts 3', async () => {
    const hook = await receiver((n) => ({ status: n <= 2 ? 500 : 200 }));
    closers.push(hook.close);
    const { secret } = await createWebhook(db, webhookSchema.parse({ url: `${hook.url}/hooks`, events: ['lead.created'] }), adminId, t0, true);
    await captureLead(db, persona('zhou.min@lanting.cn', 'newsletter'), t0);

    let now = t0;
    const drains = [];
    for (let i = 0; i < 3; i++) {
      drains.push(await deliverDueWebhooks(db, { now, allowPrivate: true, random: () => 0.5 }));
      now = new Date(now.getTime() + 3_600 * SECOND); // past any backoff
    }
    // Nothing is due any more: no fourth request.
    expect(await deliverDueWebhooks(db, { now, allowPrivate: true })).toEqual({ delivered: 0, retried: 0, dead: 0 });
    expect(drains).toEqual([{ delivered: 0, retried: 1, dead: 0 }, { delivered: 0, retried: 1, dead: 0 }, { delivered: 1, retried: 0, dead: 0 }]);
    expect(hook.received).toHaveLength(3);
    const ids = hook.received.map((r) => JSON.parse(r.body).id);
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toMatch(/^evt_[a-z2-7]+$/);
    // The same bytes every time; each signature verifies with the secret at its own time.
    expect(new Set(hook.received.map((r) => r.body)).size).toBe(1);
    hook.received.forEach((r, i) => expect(verify(secret!, r.body, r.headers['flywheel-signature'] as string, { now: new Date(t0.getTime() + i * 3_600 * SECOND) })).toBe(true));
    expect(verify('whsec_wrong', hook.received[0]!.body, hook.received[0]!.headers['flywheel-signature'] as string, { now: t0 })).toBe(false);
    const rows = await db.select().from(webhookDeliveries);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'delivered', attempts: 3, lastStatus: 200, lastError: null });
  });

  it('backs off 10 s doubling, gives up after three days, and an admin retry sends a dead one once more', async () => {
    const hook = await receiver(() => ({ status: 503 }));
    closers.push(hook.close);
    await createWebhook(db, webhookSchema.parse({ url: hook.url, events: ['lead.created'] }), adminId, t0, true);
    await captureLead(db, persona('li.na@lanting.cn', 'newsletter'), t0);
    await deliverDueWebhooks(db, { now: t0, allowPrivate: true, random: () => 0.5 });
    let [row] = await db.select().from(webhookDeliveries);
    expect(row!.nextAttemptAt.getTime() - t0.getTime()).toBe(10 * SECOND);
    expect(row).toMatchObject({ attempts: 1, lastStatus: 503, status: 'pending' });
    // Not due before its time.
    expect((await deliverDueWebhooks(db, { now: new Date(t0.getTime() + 9 * SECOND), allowPrivate: true })).retried).toBe(0);
    await deliverDueWebhooks(db, { now: new Date(t0.getTime() + 10 * SECOND), allowPrivate: true, random: () => 0.5 });
    [row] = await db.select().from(webhookDeliveries);
    expect(row!.nextAttemptAt.getTime() - (t0.getTime() + 10 * SECOND)).toBe(20 * SECOND);
    const late = new Date(t0.getTime() + 3 * 86_400 * SECOND);
    expect(await deliverDueWebhooks(db, { now: late, allowPrivate: true })).toEqual({ delivered: 0, retried: 0, dead: 1 });
    expect(await retryDelivery(db, row!.id, adminId, late)).toBe(true);
    expect(await retryDelivery(db, row!.id, adminId, late)).toBe(false); // pending now, not dead
    expect((await deliverDueWebhooks(db, { now: late, allowPrivate: true })).dead).toBe(1);
    expect(hook.received).toHaveLength(4);
  });

  it('writes nothing when no webhook wants the type, and each lead event once per person', async () => {
    await captureLead(db, persona('wang.lei@lanting.cn', 'newsletter'), t0);
    expect((await db.select({ n: count() }).from(webhookEvents))[0]!.n).toBe(0);
    const hook = await receiver();
    closers.push(hook.close);
    await createWebhook(db, webhookSchema.parse({ url: hook.url, events: ['lead.grade_a'] }), adminId, t0, true);
    await createWebhook(db, webhookSchema.parse({ url: `${hook.url}/off`, events: ['lead.grade_a'] }), adminId, t0, true).then(({ id }) => updateWebhook(db, id, { active: false }, adminId, t0));
    const [person] = await db.select().from(people).where(eq(people.email, 'wang.lei@lanting.cn'));
    for (let i = 0; i < 2; i++) await writeTransaction(db, (tx) => emitLeadEvent(tx, 'lead.grade_a', person!.id, t0, [{ kind: 'fit', label: 'x', reason: 'Decision maker (CFO)', points: 20, why: { fact: 'role', role: 'Decision maker', value: 'CFO' } }]));
    // lead.created is wanted by nobody: no row.
    await writeTransaction(db, (tx) => emitLeadEvent(tx, 'lead.created', person!.id, t0));
    const events = await db.select().from(webhookEvents);
    expect(events.map((e) => [e.type, e.dedupeKey])).toEqual([['lead.grade_a', `lead.grade_a:${person!.id}`]]);
    // Only the active webhook gets a delivery.
    expect(await db.select({ n: count() }).from(webhookDeliveries)).toEqual([{ n: 1 }]);
    expect(events[0]!.data).toMatchObject({ lead: { id: person!.id, email: 'wang.lei@lanting.cn', company: '澜亭科技', url: expect.stringMatching(new RegExp(`/sales/leads/${person!.id}/$`)) }, reasons: [{ reason: 'Decision maker (CFO)', points: 20 }] });
    expect(JSON.stringify(events[0]!.data)).not.toMatch(/token|ticket|secret/i);
  });

  it('formats hot-lead alerts for WeCom and DingTalk robots: markdown in Chinese, errcode judged, DingTalk 加签', async () => {
    const dingSecret = 'SEC0123456789abcdef0123456789abcdef';
    const wecom = await receiver((n) => ({ status: 200, body: n === 1 ? '{"errcode":93000,"errmsg":"invalid webhook url"}' : '{"errcode":0,"errmsg":"ok"}' }));
    const ding = await receiver(() => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' }));
    closers.push(wecom.close, ding.close);
    await createWebhook(db, webhookSchema.parse({ url: `${wecom.url}/cgi-bin/webhook/send?key=693a91f6`, kind: 'wecom', events: ['lead.grade_a'] }), adminId, t0, true);
    const made = await createWebhook(db, webhookSchema.parse({ url: `${ding.url}/robot/send?access_token=abc123`, kind: 'dingtalk', events: ['lead.grade_a'], secret: dingSecret }), adminId, t0, true);
    expect(made.secret).toBeNull();
    expect(made.webhook.url).toContain('access_token=abc1…');
    await captureLead(db, persona('chen.jie@lanting.cn', 'demo'), t0);
    const [person] = await db.select().from(people).where(eq(people.email, 'chen.jie@lanting.cn'));
    await writeTransaction(db, (tx) => emitLeadEvent(tx, 'lead.grade_a', person!.id, t0, [
      { kind: 'engagement', label: 'demo', reason: 'Asked for a demo', points: 20, why: { fact: 'activity', type: 'demo_request', count: 1 } },
      { kind: 'fit', label: 'role', reason: 'Decision maker (CFO)', points: 25, why: { fact: 'role', role: 'Decision maker', value: 'CFO' } },
    ]));
    expect(await deliverDueWebhooks(db, { now: t0, allowPrivate: true, random: () => 0.5 })).toEqual({ delivered: 1, retried: 1, dead: 0 });
    const failed = (await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.status, 'pending')))[0]!;
    expect(failed).toMatchObject({ lastStatus: 200, lastError: 'errcode 93000: invalid webhook url' });
    await deliverDueWebhooks(db, { now: new Date(t0.getTime() + 60 * SECOND), allowPrivate: true });
    expect((await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.status, 'delivered')))).toHaveLength(2);

    const w = JSON.parse(wecom.received[1]!.body);
    expect(w.msgtype).toBe('markdown');
    expect(w.markdown.content).toContain('A 级线索');
    expect(w.markdown.content).toContain('周敏 · CFO · 澜亭科技');
    // Strongest reason first, in Chinese, with its points; a link to the lead page.
    expect(w.markdown.content.indexOf('+25')).toBeLessThan(w.markdown.content.indexOf('+20'));
    expect(w.markdown.content).toMatch(/\[打开线索详情\]\(http[^)]+\/zh\/sales\/leads\/\d+\/\)|\[打开线索详情\]\(http[^)]+\/sales\/leads\/\d+\/\)/);
    const d = JSON.parse(ding.received[0]!.body);
    expect(d).toMatchObject({ msgtype: 'markdown', markdown: { title: expect.stringContaining('A 级线索') } });
    expect(d.markdown.text).toContain('评分');
    const q = new URL(ding.received[0]!.url, 'http://x').searchParams;
    expect(q.get('access_token')).toBe('abc123');
    expect(q.get('timestamp')).toBe(String(t0.getTime()));
    expect(q.get('sign')).toBe(createHmac('sha256', dingSecret).update(`${t0.getTime()}\n${dingSecret}`).digest('base64'));
    // Robots carry no Flywheel signature and take hot-lead alerts only.
    expect(ding.received[0]!.headers['flywheel-signature']).toBeUndefined();
    expect(webhookSchema.safeParse({ url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', kind: 'wecom', events: ['lead.created'] }).success).toBe(false);
  });

  it('refuses private, credentialed and plain-http targets unless private targets are allowed, at creation and at send time', async () => {
    for (const url of ['http://127.0.0.1:9/hook', 'https://169.254.169.254/latest/meta-data/', 'https://10.1.2.3/x', 'https://[::1]/x', 'https://[::ffff:127.0.0.1]/x', 'https://localhost/x']) {
      expect(urlProblem(url, 'json', false), url).toMatch(/local or private/);
      const e = await refusal(createWebhook(db, webhookSchema.parse({ url, events: ['lead.created'] }), adminId, t0, false));
      expect(e.fields?.url).toMatch(/local or private/);
    }
    expect(urlProblem('https://user:pass@crm.example.com/x', 'json', true)).toMatch(/user name or password/);
    expect(urlProblem('http://crm.example.com/x', 'json', true)).toMatch(/https/);
    expect(urlProblem('ftp://crm.example.com/x', 'json', false)).toMatch(/web address/);
    expect(urlProblem('https://evil.example.com/cgi-bin/webhook/send?key=k', 'wecom', false)).toMatch(/WeCom/);
    expect(urlProblem('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', 'wecom', false)).toBeNull();
    expect(isPrivateAddress('8.8.8.8')).toBe(false);
    expect(isPrivateAddress('100.64.1.1')).toBe(true);
    expect(isPrivateAddress('fe80::1')).toBe(true);
    // Saved while allowed, sent when not: refused at send time, nothing reaches the receiver.
    const hook = await receiver();
    closers.push(hook.close);
    const { id } = await createWebhook(db, webhookSchema.parse({ url: hook.url, events: ['lead.created'] }), adminId, t0, true);
    await captureLead(db, persona('sun.yu@lanting.cn', 'newsletter'), t0);
    expect((await deliverDueWebhooks(db, { now: t0, allowPrivate: false })).retried).toBe(1);
    expect((await db.select().from(webhookDeliveries))[0]!.lastError).toMatch(/^refused/);
    expect(await testWebhook(db, id, t0, { allowPrivate: false })).toMatchObject({ ok: false, status: null });
    expect(hook.received).toHaveLength(0);
    // Audit rows never hold the secret.
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.entity, 'webhook'), eq(auditLog.entityId, String(id))));
    expect(audit).toHaveLength(1);
    const stored = (await db.select().from(webhooks).where(eq(webhooks.id, id)))[0]!;
    expect(JSON.stringify(audit)).not.toContain(stored.secret);
    expect(stored.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  });
});
