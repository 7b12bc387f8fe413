// Hand-offs (issue 13): webhooks signed, retried with the same id, robots in
// their own format, refusals of private targets, the admin API and the
// activities API for CRMs that pull. The clock is driven through `now`.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createHmac } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { auditLog, people, webhookDeliveries, webhookEvents, webhooks } from '../../db/tables';
import { writeTransaction, type Db } from '../../src/lib/platform/db';
import { setRole } from '../../src/lib/leads/people';
import { captureLead } from '../../src/lib/leads/capture';
import { createApiToken } from '../../src/lib/auth/api-tokens';
import { createSession } from '../../src/lib/auth/sessions';
import { emitLeadEvent, forgetWebhooks } from '../../src/lib/webhooks/events';
import { erasePerson } from '../../src/lib/privacy/personal-data';
import { deliverDueWebhooks } from '../../src/lib/webhooks/delivery-worker';
import { createWebhook, retryDelivery, updateWebhook, testWebhook, webhookSchema } from '../../src/lib/webhooks/webhooks';
import { isPrivateAddress, urlProblem } from '../../src/lib/webhooks/outbound';
import { verify } from '../../src/lib/webhooks/signing';
import { HttpError } from '../../src/lib/platform/http';
import { tempDatabase } from '../support/db';
import { updateLead } from '../../src/lib/sales/lead-queries';
import { fixtureSalon } from '../support/salons';
import { seedWebhooks } from '../../src/lib/demo/seed-webhooks';
import { postJson } from '../support/http';
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

  it('follows no redirect (a 3xx is a failure), and two workers draining at once send a delivery once', async () => {
    const moved = await receiver((n) => (n === 1 ? { status: 302, body: '' } : { status: 204 }));
    closers.push(moved.close);
    await createWebhook(db, webhookSchema.parse({ url: `${moved.url}/old`, events: ['lead.created'] }), adminId, t0, true);
    await captureLead(db, persona('he.ping@lanting.cn', 'newsletter'), t0);
    const [a, b] = await Promise.all([deliverDueWebhooks(db, { now: t0, allowPrivate: true }), deliverDueWebhooks(db, { now: t0, allowPrivate: true })]);
    expect(a.retried + b.retried).toBe(1);
    expect(moved.received.map((r) => r.url)).toEqual(['/old']);
    expect((await db.select().from(webhookDeliveries))[0]).toMatchObject({ status: 'pending', lastStatus: 302, attempts: 1 });
    const later = new Date(t0.getTime() + 60 * SECOND);
    const [c, d] = await Promise.all([deliverDueWebhooks(db, { now: later, allowPrivate: true }), deliverDueWebhooks(db, { now: later, allowPrivate: true })]);
    expect(c.delivered + d.delivered).toBe(1);
    expect(moved.received).toHaveLength(2);
    expect((await db.select().from(webhookDeliveries))[0]).toMatchObject({ status: 'delivered', lastStatus: 204, attempts: 2 });
  });

  it('abandons a send the receiver does not answer in time, and retries it', async () => {
    const silent = createServer(() => {}); // takes the request, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => { silent.closeAllConnections(); silent.close(() => resolve()); }));
    const address = silent.address();
    await createWebhook(db, webhookSchema.parse({ url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/slow`, events: ['lead.created'] }), adminId, t0, true);
    await captureLead(db, persona('slow.reply@lanting.cn', 'newsletter'), t0);
    expect(await deliverDueWebhooks(db, { now: t0, allowPrivate: true, timeoutMs: 300 })).toEqual({ delivered: 0, retried: 1, dead: 0 });
    expect((await db.select().from(webhookDeliveries))[0]).toMatchObject({ status: 'pending', lastStatus: null, lastError: 'timeout: no answer within 0.3 s', lockedUntil: null });
  });

  it('erasing a person deletes their events and deliveries, and no one else\'s', async () => {
    const hook = await receiver();
    closers.push(hook.close);
    await createWebhook(db, webhookSchema.parse({ url: hook.url, events: ['lead.created', 'deal.won'] }), adminId, t0, true);
    await captureLead(db, persona('gone@lanting.cn', 'newsletter'), t0);
    await captureLead(db, persona('stays@lanting.cn', 'newsletter'), t0);
    const [gone] = await db.select().from(people).where(eq(people.email, 'gone@lanting.cn'));
    await updateLead(db, gone!.id, { deal: { outcome: 'won', value: 12000 } }, adminId, t0);
    expect(await db.select({ n: count() }).from(webhookDeliveries)).toEqual([{ n: 3 }]);
    // Through the erasure use case, as /me/ and /admin/people/ erase.
    expect(await erasePerson(db, gone!.id, adminId, t0)).toBe(true);
    const left = await db.select().from(webhookEvents);
    expect(left.map((e) => (e.data as { lead: { email: string } }).lead.email)).toEqual(['stays@lanting.cn']);
    expect(await db.select({ n: count() }).from(webhookDeliveries)).toEqual([{ n: 1 }]);
  });

  it('the demo shows a CRM webhook with a week of deliveries (one retrying, one dead) and a paused WeCom robot', async () => {
    await captureLead(db, persona('hot.one@lanting.cn', 'demo'), t0);
    await writeTransaction(db, (tx) => tx.update(people).set({ grade: 'A', score: 88 }).where(eq(people.email, 'hot.one@lanting.cn')));
    await seedWebhooks(db, t0);
    await seedWebhooks(db, t0); // once
    const hooks = await db.select().from(webhooks);
    expect(hooks.map((h) => [h.kind, h.active])).toEqual([['json', true], ['wecom', false]]);
    const rows = await db.select().from(webhookDeliveries);
    expect(rows.map((r) => r.status).sort()).toEqual(['dead', 'pending']);
    expect(rows.every((r) => r.webhookId === hooks[0]!.id)).toBe(true);
  });
});

describe('over HTTP, on a running server', () => {
  let server: RunningServer;
  const cookies: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  let hook: Awaited<ReturnType<typeof receiver>>;
  beforeAll(async () => {
    hook = await receiver();
    server = await startServer({
      env: { WEBHOOK_ALLOW_PRIVATE: '1', MAIL_WORKER_INTERVAL_MS: '200' },
      prepare: async (db) => {
        for (const [email, role] of [['member@example.com', 'member'], ['door@example.com', 'door'], ['sales@example.com', 'sales'], ['admin@example.com', 'admin']] as const) {
          const person = await setRole(db, email, role);
          cookies[role] = `fw_session=${(await createSession(db, person.id)).token}`;
          tokens[role] = (await createApiToken(db, person.id)).token;
        }
      },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await hook?.close();
  });

  const call = async (method: string, path: string, options: { cookie?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; body: any }> => {
    const headers: Record<string, string> = { origin: server.url, ...options.headers };
    if (options.cookie) headers.cookie = options.cookie;
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(server.url + path, { method, headers, redirect: 'manual', ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body };
  };
  const admin = (method: string, path: string, body?: unknown) => call(method, path, { cookie: cookies.admin!, ...(body !== undefined ? { body } : {}) });

  async function until<T>(what: () => Promise<T>, done: (value: T) => boolean, ms = 20_000): Promise<T> {
    const start = Date.now();
    for (;;) {
      const value = await what();
      if (done(value) || Date.now() - start > ms) return value;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('a scripted persona reaches the receiver as lead.created, lead.mql, lead.grade_a, registration.created, registration.checked_in and deal.won, once each, every signature verifying', async () => {
    const created = await admin('POST', '/api/admin/webhooks', { url: `${hook.url}/flywheel`, events: ['lead.created', 'lead.mql', 'lead.grade_a', 'registration.created', 'registration.checked_in', 'deal.won'], description: 'CRM' });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(['id', 'secret']);
    const secret: string = created.body.secret;
    expect(secret).toMatch(/^whsec_/);
    // Never again: not in the list.
    const list = await admin('GET', '/api/admin/webhooks');
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(list.body.webhooks[0]).toMatchObject({ id: created.body.id, kind: 'json', active: true, description: 'CRM' });

    const email = 'zhou.min@lanting-tech.cn';
    const lead = { email, name: '周敏', company: '澜亭科技', jobTitle: 'CFO', companySize: '5000+', industry: 'SaaS', consent: true };
    const first = await postJson(`${server.url}/api/leads`, { ...lead, interest: 'newsletter' }, { origin: server.url });
    expect(first.status).toBe(201);
    const leadId: number = first.body.leadId;
    for (const interest of ['demo', 'resource:b2b-lead-scoring-benchmark-2026', 'resource:salon-playbook-template']) expect((await postJson(`${server.url}/api/leads`, { ...lead, interest }, { origin: server.url })).status).toBe(200);
    const salon = fixtureSalon('open');
    const registered = await postJson(`${server.url}/api/events/${salon.id}/register`, { email, name: '周敏', consent: true }, { origin: server.url });
    expect(registered.status).toBe(201);
    const ticketCode: string = registered.body.ticketCode;
    expect((await call('POST', `/api/events/${salon.id}/check-in`, { cookie: cookies.door!, body: { ticketCode } })).status).toBe(200);
    const person = (await server.db.select().from(people).where(eq(people.id, leadId)))[0]!;
    expect(person).toMatchObject({ grade: 'A' });
    const won = await call('PATCH', `/api/sales/leads/${leadId}`, { token: tokens.sales!, body: { deal: { outcome: 'won', value: 36000, package: 'lead-scoring-desk' } } });
    expect(won.status).toBe(200);

    const expected = ['lead.created', 'lead.mql', 'lead.grade_a', 'registration.created', 'registration.checked_in', 'deal.won'];
    await until(async () => server.db.select().from(webhookDeliveries), (rows) => rows.length === expected.length && rows.every((r) => r.status === 'delivered'));
    // A little longer: nothing arrives twice.
    await new Promise((r) => setTimeout(r, 600));
    const bodies = hook.received.map((r) => ({ r, body: JSON.parse(r.body) }));
    expect(bodies.map((b) => b.body.type).sort()).toEqual([...expected].sort());
    for (const { r, body } of bodies) {
      expect(Object.keys(body).sort()).toEqual(['createdAt', 'data', 'id', 'type']);
      expect(body.id).toMatch(/^evt_/);
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      expect(verify(secret, r.body, r.headers['flywheel-signature'] as string)).toBe(true);
      expect(r.body).not.toMatch(/ticketCode|"token"|whsec_/);
      expect(r.body).not.toContain(ticketCode);
    }
    const byType = Object.fromEntries(bodies.map((b) => [b.body.type, b.body.data]));
    expect(byType['lead.created'].lead).toMatchObject({ id: leadId, email, company: '澜亭科技', jobTitle: 'CFO' });
    expect(byType['lead.grade_a'].lead.grade).toBe('A');
    expect(byType['lead.grade_a'].reasons[0].points).toBeGreaterThanOrEqual(byType['lead.grade_a'].reasons.at(-1).points);
    expect(byType['lead.grade_a'].lead.url).toBe(`${server.url}/sales/leads/${leadId}/`);
    expect(byType['registration.created']).toMatchObject({ registration: { event: salon.id, status: 'confirmed' }, lead: { id: leadId, email } });
    expect(byType['registration.checked_in'].registration).toMatchObject({ event: salon.id, checkedInAt: expect.any(String) });
    expect(byType['deal.won']).toMatchObject({ deal: { outcome: 'won', value: 36000, currency: 'CNY', valueCny: 36000, package: 'lead-scoring-desk' }, lead: { id: leadId, status: 'won' } });

    // The test button: a signed webhook.test ping, not an event row.
    const before = hook.received.length;
    const ping = await admin('POST', `/api/admin/webhooks/${created.body.id}/test`);
    expect(ping).toMatchObject({ status: 200, body: { ok: true, status: 200 } });
    const sent = hook.received[before]!;
    expect(JSON.parse(sent.body).type).toBe('webhook.test');
    expect(verify(secret, sent.body, sent.headers['flywheel-signature'] as string)).toBe(true);
    expect((await server.db.select({ n: count() }).from(webhookEvents))[0]!.n).toBe(expected.length);

    // The activities API: newest first, paged with a cursor, a token works.
    const page1 = await call('GET', `/api/sales/leads/${leadId}/activities?limit=2`, { token: tokens.sales! });
    expect(page1.status).toBe(200);
    expect(page1.body.activities).toHaveLength(2);
    expect(page1.body.activities[0]).toEqual({ id: expect.any(Number), type: expect.any(String), subject: expect.anything(), title: expect.any(String), source: null, medium: null, campaign: null, occurredAt: expect.any(String) });
    const all = (await call('GET', `/api/sales/leads/${leadId}/activities`, { cookie: cookies.sales! })).body.activities;
    expect(all.length).toBeGreaterThanOrEqual(5);
    const page2 = await call('GET', `/api/sales/leads/${leadId}/activities?limit=2&cursor=${page1.body.nextCursor}`, { token: tokens.sales! });
    expect([...page1.body.activities, ...page2.body.activities].map((a: { id: number }) => a.id)).toEqual(all.slice(0, 4).map((a: { id: number }) => a.id));
    expect(all.map((a: { occurredAt: string }) => a.occurredAt)).toEqual([...all.map((a: { occurredAt: string }) => a.occurredAt)].sort().reverse());
    expect(all.find((a: { type: string }) => a.type === 'demo_request').title).toBe('Asked for a demo');
    const lastPage = await call('GET', `/api/sales/leads/${leadId}/activities?limit=500`, { token: tokens.sales! });
    expect(lastPage.body.nextCursor).toBeNull();
  });

  it('the activities API refuses what it should', async () => {
    const staffId = (await server.db.select().from(people).where(eq(people.email, 'admin@example.com')))[0]!.id;
    expect((await call('GET', '/api/sales/leads/1/activities')).status).toBe(401);
    expect((await call('GET', '/api/sales/leads/1/activities', { cookie: cookies.member! })).status).toBe(403);
    expect((await call('GET', '/api/sales/leads/1/activities', { token: tokens.member! })).status).toBe(403);
    expect((await call('GET', '/api/sales/leads/1/activities', { cookie: cookies.door! })).status).toBe(403);
    expect((await call('GET', '/api/sales/leads/999999/activities', { token: tokens.sales! })).status).toBe(404);
    expect((await call('GET', `/api/sales/leads/${staffId}/activities`, { token: tokens.sales! })).status).toBe(404);
    expect((await call('GET', '/api/sales/leads/abc/activities', { token: tokens.sales! })).status).toBe(404);
    for (const q of ['limit=0', 'limit=501', 'limit=x', 'cursor=bm9wZQ']) {
      const bad = await call('GET', `/api/sales/leads/1/activities?${q}`, { token: tokens.sales! });
      expect(bad.status, q).toBe(400);
      expect(bad.body.error.code).toBe('invalid');
    }
  });

  it('the admin API: only admins, per-field messages, no partial rows, 413 and 404', async () => {
    const path = '/api/admin/webhooks';
    const body = { url: `${hook.url}/x`, events: ['lead.created'] };
    expect((await call('GET', path)).status).toBe(401);
    expect((await call('POST', path, { body })).status).toBe(401);
    for (const role of ['member', 'sales', 'door'] as const) {
      expect((await call('GET', path, { cookie: cookies[role]! })).status, role).toBe(403);
      expect((await call('POST', path, { cookie: cookies[role]!, body })).status, role).toBe(403);
      expect((await call('PATCH', `${path}/1`, { cookie: cookies[role]!, body: { active: false } })).status, role).toBe(403);
      expect((await call('DELETE', `${path}/1`, { cookie: cookies[role]! })).status, role).toBe(403);
      expect((await call('POST', `${path}/1/test`, { cookie: cookies[role]! })).status, role).toBe(403);
    }
    // API tokens reach only the sales API.
    expect((await call('GET', path, { token: tokens.sales! })).status).toBe(403);
    const [{ n: before }] = (await server.db.select({ n: count() }).from(webhooks)) as [{ n: number }];
    const bad: Array<[unknown, string]> = [
      [{ events: ['lead.created'] }, 'url'],
      [{ url: 'not a url', events: ['lead.created'] }, 'url'],
      [{ url: 'https://user:pw@crm.example.com/x', events: ['lead.created'] }, 'url'],
      [{ url: 'https://crm.example.com/a\u0007b', events: ['lead.created'] }, 'url'],
      [{ url: 'https://crm.example.com/x', events: [] }, 'events'],
      [{ url: 'https://crm.example.com/x', events: ['lead.deleted'] }, 'events.0'],
      [{ url: 'https://crm.example.com/x', events: 'lead.created' }, 'events'],
      [{ url: 'https://crm.example.com/x', events: ['lead.created', 'lead.created'] }, 'events'],
      [{ url: 42, events: ['lead.created'] }, 'url'],
      [{ url: 'https://crm.example.com/x', events: ['lead.created'], kind: 'slack' }, 'kind'],
      [{ url: 'https://crm.example.com/x', events: ['lead.created'], secret: 'whsec_mine' }, 'secret'],
      [{ url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', kind: 'wecom', events: ['deal.won'] }, 'events'],
      [{ url: 'https://crm.example.com/x', events: ['lead.created'], description: 'two\nlines' }, 'description'],
      [{ url: 'https://crm.example.com/x', events: ['lead.created'], admin: true }, '_'],
    ];
    for (const [input, field] of bad) {
      const answer = await admin('POST', path, input);
      expect(answer.status, JSON.stringify(input)).toBe(400);
      expect(answer.body.error.code).toBe('invalid');
      expect(Object.keys(answer.body.error.fields), JSON.stringify(input)).toContain(field);
    }
    expect((await admin('POST', path, '{"url":')).status).toBe(400);
    expect((await admin('POST', path, { ...body, description: 'x'.repeat(70 * 1024) })).status).toBe(413);
    // Messages follow Accept-Language.
    const zh = await call('POST', path, { cookie: cookies.admin!, body: { events: ['lead.created'] }, headers: { 'accept-language': 'zh-CN' } });
    expect(zh.status).toBe(400);
    expect(zh.body.error.fields.url).toMatch(/[\u4e00-\u9fff]/);
    expect((await server.db.select({ n: count() }).from(webhooks))[0]!.n).toBe(before);

    const { body: made } = await admin('POST', path, { ...body, kind: 'json' });
    expect((await admin('PATCH', `${path}/${made.id}`, { active: 'no' })).status).toBe(400);
    expect((await admin('PATCH', `${path}/${made.id}`, {})).status).toBe(400);
    expect((await admin('PATCH', `${path}/${made.id}`, { secret: 'x' })).status).toBe(400);
    expect((await admin('PATCH', `${path}/999999`, { active: false })).status).toBe(404);
    expect((await admin('PATCH', `${path}/abc`, { active: false })).status).toBe(404);
    expect((await admin('DELETE', `${path}/999999`)).status).toBe(404);
    expect((await admin('POST', `${path}/999999/test`)).status).toBe(404);
    const patched = await admin('PATCH', `${path}/${made.id}`, { active: false, events: ['lead.mql', 'deal.won'] });
    expect(patched).toMatchObject({ status: 200, body: { active: false, events: ['lead.mql', 'deal.won'] } });
    expect(JSON.stringify(patched.body)).not.toMatch(/whsec_/);
    expect((await admin('DELETE', `${path}/${made.id}`)).status).toBe(200);
    expect((await admin('DELETE', `${path}/${made.id}`)).status).toBe(404);
    const audit = await server.db.select().from(auditLog).where(and(eq(auditLog.entity, 'webhook'), eq(auditLog.entityId, String(made.id))));
    expect(audit.map((a) => a.action).sort()).toEqual(['create', 'delete', 'update']);
    expect(JSON.stringify(audit)).not.toMatch(/whsec_/);
  });
});
