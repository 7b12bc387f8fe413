// Coupon batches over HTTP: two server processes on one database redeem a batch's codes at the
// same time (each code four times), and only the database's own guarantees keep every code
// single-use and a batch within its redemption limit. Then bad input on both endpoints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNotNull } from 'drizzle-orm';
import { auditLog, couponBatches, coupons } from '../../db/tables';
import { writeTransaction } from '../../db/client';
import { startServer, type RunningServer } from '../support/server';
import { sessionCookie } from '../support/people';
import { postJson } from '../support/http';

const env = { RATE_LIMITS: 'off', MAIL_WORKER: 'off' };
let server: RunningServer;
let twin: RunningServer;
const cookie: Record<string, string> = {};
const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

beforeAll(async () => {
  server = await startServer({ env });
  twin = await startServer({ env, dir: server.dir });
  for (const role of ['admin', 'member', 'sales', 'door'] as const) cookie[role] = await sessionCookie(server.db, `${role}@coupons.example`, role);
}, 120_000);

afterAll(async () => {
  await twin?.stop({ keepFiles: true });
  await server?.stop();
});

const asAdmin = (s: RunningServer, path: string, body: unknown) => postJson(s.url + path, body, { cookie: cookie.admin! });

async function createBatch(body: Record<string, unknown>): Promise<{ batchId: number; codes: string[] }> {
  const res = await asAdmin(server, '/api/admin/coupons/batches', { prefix: 'RACE', count: 50, percentOff: 20, expiresAt: future(30), description: 'Race test batch', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Every code four times, shuffled, alternating between the two processes, all at once. */
async function stampede(codes: string[]) {
  const attempts = codes.flatMap((c) => [c, c, c, c]);
  for (let i = attempts.length - 1; i > 0; i--) {
    const j = (i * 7919) % (i + 1);
    [attempts[i], attempts[j]] = [attempts[j]!, attempts[i]!];
  }
  return Promise.all(attempts.map((code, i) => asAdmin(i % 2 ? twin : server, '/api/admin/coupons/redeem', { code, note: `attempt ${i}` })));
}

describe('redemption under concurrency, two processes', () => {
  it('200 redemptions of a 50-code batch, each code four times: each code redeems once', async () => {
    const { batchId, codes } = await createBatch({});
    expect(codes).toHaveLength(50);
    expect(new Set(codes).size).toBe(50);
    const answers = await stampede(codes);
    expect(answers.filter((a) => a.status >= 500).map((a) => a.body)).toEqual([]);
    const ok = answers.filter((a) => a.status === 200);
    expect(ok).toHaveLength(50);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(150);
    expect(new Set(ok.map((a) => a.body.code))).toEqual(new Set(codes));
    expect(ok.every((a) => a.body.percentOff === 20)).toBe(true);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'conflict' && a.body.error.message === 'That code has already been redeemed.')).toBe(true);
    const rows = await server.db.select().from(coupons).where(eq(coupons.batchId, batchId));
    expect(rows).toHaveLength(50);
    expect(rows.every((r) => r.redeemedAt !== null && r.redeemedById !== null && /^attempt \d+$/.test(r.redeemedNote ?? ''))).toBe(true);
    expect((await server.db.select().from(couponBatches).where(eq(couponBatches.id, batchId)))[0]!.redeemed).toBe(50);
  }, 120_000);

  it('a batch with a redemption limit of 10: exactly 10 succeed, the rest hear why', async () => {
    const { batchId, codes } = await createBatch({ prefix: 'LIMIT', redemptionLimit: 10 });
    const answers = await stampede(codes);
    expect(answers.filter((a) => a.status >= 500).map((a) => a.body)).toEqual([]);
    const ok = answers.filter((a) => a.status === 200);
    expect(ok).toHaveLength(10);
    expect(new Set(ok.map((a) => a.body.code)).size).toBe(10);
    const refused = answers.filter((a) => a.status === 409);
    expect(refused).toHaveLength(190);
    expect(refused.some((a) => a.body.error.message === 'This batch has reached its redemption limit.')).toBe(true);
    const redeemed = await server.db.select().from(coupons).where(and(eq(coupons.batchId, batchId), isNotNull(coupons.redeemedAt)));
    expect(redeemed.map((r) => r.code).sort()).toEqual(ok.map((a) => a.body.code).sort());
    expect((await server.db.select().from(couponBatches).where(eq(couponBatches.id, batchId)))[0]!.redeemed).toBe(10);
    // A code of the full batch, tried later, is refused for the limit, not as "already redeemed".
    const unused = codes.find((c) => !redeemed.some((r) => r.code === c))!;
    const late = await asAdmin(server, '/api/admin/coupons/redeem', { code: unused });
    expect([late.status, late.body.error.code, late.body.error.message]).toEqual([409, 'conflict', 'This batch has reached its redemption limit.']);
  }, 120_000);
});

describe('POST /api/admin/coupons/batches', () => {
  it('creates the codes in the existing format, with an audit row, and lists the batch', async () => {
    const res = await asAdmin(twin, '/api/admin/coupons/batches', { prefix: 'partner', count: 3, percentOff: 25, expiresAt: '2099-06-30', description: 'Huanan Digital partner batch', package: 'growth-flywheel' });
    expect(res.status).toBe(201);
    expect(res.body.codes).toHaveLength(3);
    for (const c of res.body.codes) expect(c).toMatch(/^PARTNER-[A-Z2-7]{8}$/);
    const [row] = await server.db.select().from(couponBatches).where(eq(couponBatches.id, res.body.batchId));
    expect(row).toMatchObject({ prefix: 'PARTNER', count: 3, percentOff: 25, packageSlug: 'growth-flywheel', redemptionLimit: null });
    expect(row!.expiresAt.toISOString()).toBe('2099-06-30T15:59:59.999Z'); // the end of the day in China
    const audit = await server.db.select().from(auditLog).where(and(eq(auditLog.entity, 'coupon_batch'), eq(auditLog.entityId, String(res.body.batchId))));
    expect(audit.map((a) => a.action)).toEqual(['create']);
    const list = await fetch(`${server.url}/api/admin/coupons/batches`, { headers: { cookie: cookie.admin! } });
    const batch = (await list.json()).batches.find((b: { id: number }) => b.id === res.body.batchId);
    expect(batch).toMatchObject({ issued: 3, redeemedCodes: 0, expired: 0, open: 3 });
    const csv = await fetch(`${server.url}/admin/coupons/batches/${res.body.batchId}.csv`, { headers: { cookie: cookie.admin! } });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('code,percent_off,expires_at,state,redeemed_at');
    expect(lines.slice(1).map((l) => l.split(',')[0]).sort()).toEqual([...res.body.codes].sort());
    expect(lines.slice(1).every((l) => l.includes(',25,2099-06-30T15:59:59.999Z,open,'))).toBe(true);
  });

  const good = { prefix: 'BAD', count: 5, percentOff: 10, expiresAt: '2099-01-01', description: 'A valid offer' };
  it.each([
    ['count 0', { count: 0 }, 'count'],
    ['count 100000', { count: 100000 }, 'count'],
    ['count as text', { count: 'many' }, 'count'],
    ['count as boolean', { count: true }, 'count'],
    ['count 2.5', { count: 2.5 }, 'count'],
    ['percent 0', { percentOff: 0 }, 'percentOff'],
    ['percent 101', { percentOff: 101 }, 'percentOff'],
    ['percent as array', { percentOff: [10] }, 'percentOff'],
    ['past expiry', { expiresAt: '2001-01-01' }, 'expiresAt'],
    ['expiry not a date', { expiresAt: 'next week' }, 'expiresAt'],
    ['expiry 2026-02-30', { expiresAt: '2026-02-30' }, 'expiresAt'],
    ['prefix with a dash', { prefix: 'A-B' }, 'prefix'],
    ['prefix missing', { prefix: undefined }, 'prefix'],
    ['description with control characters', { description: 'Ten\u0000percent\u0007off' }, 'description'],
    ['description as number', { description: 42 }, 'description'],
    ['unknown package', { package: 'no-such-package' }, 'package'],
    ['limit above count', { redemptionLimit: 6 }, 'redemptionLimit'],
    ['limit 0', { redemptionLimit: 0 }, 'redemptionLimit'],
  ])('%s → 400 with a message beside the field, nothing written', async (_, change, field) => {
    const before = (await server.db.select().from(couponBatches)).length;
    const res = await asAdmin(server, '/api/admin/coupons/batches', { ...good, ...change });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid');
    expect(Object.keys(res.body.error.fields)).toContain(field);
    expect((await server.db.select().from(couponBatches)).length).toBe(before);
  });

  it('refuses an oversize body, a non-object and the wrong media type', async () => {
    expect((await asAdmin(server, '/api/admin/coupons/batches', { ...good, description: 'x'.repeat(70 * 1024) })).status).toBe(413);
    expect((await asAdmin(server, '/api/admin/coupons/batches', '[1,2]')).status).toBe(400);
    expect((await asAdmin(server, '/api/admin/coupons/batches', '{"prefix":')).status).toBe(400);
    const text = await fetch(`${server.url}/api/admin/coupons/batches`, { method: 'POST', headers: { cookie: cookie.admin!, 'content-type': 'text/plain' }, body: 'prefix=X' });
    expect([403, 415]).toContain(text.status); // refused before it reads as a form either way
  });

  it('answers in Chinese to a Chinese caller', async () => {
    const res = await asAdmin(server, '/api/admin/coupons/batches', { ...good, percentOff: 0 });
    const zh = await postJson(`${server.url}/api/admin/coupons/batches`, { ...good, percentOff: 0 }, { cookie: cookie.admin!, 'accept-language': 'zh-CN' });
    expect([res.status, zh.status]).toEqual([400, 400]);
    expect(res.body.error.fields.percentOff).toBe('Between 1 and 100.');
    expect(zh.body.error.fields.percentOff).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each(['member', 'sales', 'door'])('refuses %s with 403, anonymous with 401', async (role) => {
    for (const path of ['/api/admin/coupons/batches', '/api/admin/coupons/redeem']) {
      expect((await postJson(server.url + path, good, { cookie: cookie[role]! })).status).toBe(403);
      expect((await postJson(server.url + path, good)).status).toBe(401);
    }
    expect((await fetch(`${server.url}/admin/coupons/batches/1.csv`, { headers: { cookie: cookie[role]! }, redirect: 'manual' })).status).toBe(403);
  });
});

describe('POST /api/admin/coupons/redeem', () => {
  it('404 for an unknown code, 409 closed for an expired one, 400 for bad input', async () => {
    expect((await asAdmin(server, '/api/admin/coupons/redeem', { code: 'NOPE-AAAAAAAA' })).status).toBe(404);
    expect((await asAdmin(server, '/api/admin/coupons/redeem', { code: 'x' })).status).toBe(404);
    const { codes } = await createBatch({ prefix: 'OLD', count: 1 });
    await writeTransaction(server.db, (tx) => tx.update(coupons).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(coupons.code, codes[0]!)));
    const expired = await asAdmin(server, '/api/admin/coupons/redeem', { code: codes[0]!.toLowerCase() });
    expect([expired.status, expired.body.error.code]).toEqual([409, 'closed']);
    for (const body of [{}, { code: 12 }, { code: 'A'.repeat(61) }, { code: 'OLD-AAAAAAAA', note: 'bad\u0000note' }, { code: 'OLD-AAAAAAAA', note: 'n'.repeat(201) }]) {
      const res = await asAdmin(server, '/api/admin/coupons/redeem', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });
});
