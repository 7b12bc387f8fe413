// Accounts on a real database (either engine): people linked by business email
// domain (webmail and staff never), the acceptance account (a CFO 财务总监, an
// operations manager and a student intern) explained with its gaps, the bulk
// refresh equal to one account at a time, the list's filters, sorts and pages,
// and over HTTP: two servers racing to create one account, and who may look.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, isNull, sql } from 'drizzle-orm';
import { accounts, people } from '../../db/tables';
import { tempDatabase, type TempDatabase } from '../support/db';
import { sessionCookie } from '../support/people';
import { postJson } from '../support/http';
import { startServer, type RunningServer } from '../support/server';
import { writeTransaction, type Db } from '../../src/lib/platform/db';
import { parseWith } from '../../src/lib/platform/http';
import { captureLead, leadCaptureSchema } from '../../src/lib/leads/capture';
import { upsertLead } from '../../src/lib/leads/lead-input';
import { recordActivity } from '../../src/lib/leads/activities';
import { rescorePerson } from '../../src/lib/leads/rescore';
import { setRole } from '../../src/lib/leads/people';
import { accountIdFor, refreshAccount, refreshAllAccounts } from '../../src/lib/accounts/account-sync';
import { accountDetail, accountFilterSchema, countAccounts, listAccounts } from '../../src/lib/accounts/account-queries';
import { loadAccountPage, loadLeadAccount } from '../../src/lib/accounts/account-page';
import { erasePerson } from '../../src/lib/privacy/personal-data';

const NOW = new Date('2026-03-02T02:00:00Z');
const daysAgo = (d: number): Date => new Date(NOW.getTime() - d * 86_400_000);

/** A lead from a form (an activity, so engaged), at `at`. */
async function lead(db: Db, fields: Record<string, unknown>, at: Date = NOW): Promise<number> {
  return (await captureLead(db, { input: parseWith(leadCaptureSchema, { interest: 'contact', ...fields }), attribution: null, referralClickId: null }, at)).person.id;
}

/** A person who gave their details but did nothing that counts (not engaged). */
async function quietLead(db: Db, fields: Record<string, unknown>): Promise<number> {
  return writeTransaction(db, async (tx) => {
    const { person } = await upsertLead(tx, parseWith(leadCaptureSchema, fields), null, NOW);
    await rescorePerson(tx, person.id, NOW);
    return person.id;
  });
}

const accountOf = async (db: Db, personId: number): Promise<number | null> => (await db.select({ a: people.accountId }).from(people).where(eq(people.id, personId)))[0]!.a;
const accountRow = async (db: Db, domain: string) => (await db.select().from(accounts).where(eq(accounts.domain, domain)))[0];

describe('accounts on the database', () => {
  let t: TempDatabase;
  beforeAll(async () => {
    t = await tempDatabase();
  });
  afterAll(async () => t?.cleanup());

  it('links people by business domain: one account per domain, none for webmail or staff', async () => {
    const { db } = t;
    const a = await lead(db, { email: 'wei@harbour-link.cn', company: '海港互联' });
    const b = await lead(db, { email: 'Jun@Harbour-Link.cn', company: 'Harbour Link' });
    const c = await lead(db, { email: 'fan@harbour-link.cn', company: '海港互联' });
    const gmail = await lead(db, { email: 'someone@gmail.com', company: '海港互联' });
    const qq = await lead(db, { email: '12345@qq.com' });
    const id = await accountOf(db, a);
    expect(id).not.toBeNull();
    expect(await accountOf(db, b)).toBe(id);
    expect(await accountOf(db, c)).toBe(id);
    expect(await accountOf(db, gmail)).toBeNull();
    expect(await accountOf(db, qq)).toBeNull();
    const row = await accountRow(db, 'harbour-link.cn');
    expect(row).toMatchObject({ id, name: '海港互联', peopleCount: 3, engagedCount: 3 });
    expect((await db.select().from(accounts).where(eq(accounts.domain, 'gmail.com')))).toHaveLength(0);
    expect(await loadLeadAccount(db, gmail)).toEqual({ kind: 'webmail', domain: 'gmail.com' });

    // A sales colleague at the same company is staff: never in the account.
    const staff = await setRole(db, 'rep@harbour-link.cn', 'sales');
    expect(await writeTransaction(db, (tx) => accountIdFor(tx, staff))).toBeNull();
    expect(await accountOf(db, staff.id)).toBeNull();
    await writeTransaction(db, (tx) => refreshAccount(tx, id!, NOW));
    expect((await accountRow(db, 'harbour-link.cn'))!.peopleCount).toBe(3);
  });

  it('shows the acceptance account: the CFO decides, the score is explained, the gaps are exact', async () => {
    const { db } = t;
    const base = { company: '云帆财税科技', companySize: '201-1000', industry: 'saas' };
    // The CFO gave her details at a salon desk but has done nothing that counts yet.
    const cfo = await quietLead(db, { ...base, email: 'li.na@yunfan-tax.cn', name: '李娜', jobTitle: 'CFO 财务总监' });
    const ops = await lead(db, { ...base, email: 'wang.qiang@yunfan-tax.cn', name: '王强', jobTitle: 'Operations Manager', interest: 'resource:saas-metrics-playbook' }, daysAgo(3));
    const intern = await lead(db, { ...base, email: 'chen.xiao@yunfan-tax.cn', name: '陈晓', jobTitle: 'Student intern 实习生', interest: 'newsletter' }, daysAgo(1));
    const id = (await accountOf(db, cfo))!;
    expect(await accountOf(db, ops)).toBe(id);
    expect(await accountOf(db, intern)).toBe(id);

    let d = (await accountDetail(db, id))!;
    const role = (pid: number) => d.people.find((p) => p.id === pid)!.buying;
    expect(role(cfo)).toEqual({ role: 'decision_maker', rule: 'CFO → decision maker', keyword: 'CFO' });
    expect(role(ops)).toEqual({ role: 'influencer', rule: 'Manager → influencer', keyword: 'Manager' });
    expect(role(intern)).toMatchObject({ role: 'user', keyword: 'Student' });
    expect(d.explained.gaps.map((g) => g.text)).toEqual(['No decision maker engaged yet']);
    expect(d.account.engagedDecisionMaker).toBe(false);

    // She asks for a demo: the decision maker is engaged, the gap is gone.
    await writeTransaction(db, (tx) => recordActivity(tx, { personId: cfo, type: 'demo_request', subject: 'demo' }, NOW));
    d = (await accountDetail(db, id))!;
    const byId = new Map(d.people.map((p) => [p.id, p]));
    const [c, o, i] = [byId.get(cfo)!, byId.get(ops)!, byId.get(intern)!];
    expect(c.fitScore).toBeGreaterThan(o.fitScore);
    expect(i.fitScore).toBeLessThan(o.fitScore);
    const engagement = Math.min(40, c.engagementScore + o.engagementScore + i.engagementScore);
    expect(d.explained.signals.map((s) => s.label)).toEqual([`Best fit: 李娜 (CFO 财务总监) ${c.fitScore}`, `Engagement across 3 people: +${engagement}`, 'Decision maker engaged: +5', 'Influencer engaged: +3', 'User engaged: +2']);
    expect(d.explained.gaps).toEqual([]);
    expect(d.explained.score).toBe(c.fitScore + engagement + 10);
    // The stored row says the same as the explanation.
    expect(d.account).toMatchObject({ score: d.explained.score, grade: d.explained.grade, fitScore: c.fitScore, engagementScore: engagement, breadthScore: 10, peopleCount: 3, engagedCount: 3, engagedDecisionMaker: true, committee: { decision_maker: 1, influencer: 1, user: 1 } });
    expect(d.account.lastActivityAt?.getTime()).toBe(NOW.getTime());

    // The page in Chinese: the committee by role, each with its rule; the timeline says who.
    const zh = (await loadAccountPage(db, id, 'zh'))!;
    expect(zh.committee.map((g) => [g.role, g.people.map((p) => p.name)])).toEqual([['decision_maker', ['李娜']], ['influencer', ['王强']], ['user', ['陈晓']]]);
    expect(zh.committee[0]!.people[0]!.rule).toBe('CFO → 决策者');
    expect(zh.signals[0]!.text).toBe('最佳匹配：李娜（CFO 财务总监）');
    expect(zh.lines.map((l) => l.who)).toEqual(['李娜', '陈晓', '王强']);
    expect((await loadLeadAccount(db, ops, 'en'))).toMatchObject({ kind: 'account', page: { gaps: [] } });
  });

  it('says "not known" for a role nobody holds', async () => {
    const { db } = t;
    const only = await lead(db, { email: 'zhao@lone-wolf.cn', jobTitle: '运营经理' });
    const d = (await accountDetail(db, (await accountOf(db, only))!))!;
    expect(d.explained.gaps.map((g) => g.text)).toEqual(['No decision maker known yet', 'No user known yet']);
  });

  it('refreshAllAccounts links an existing database and equals refreshing each account', async () => {
    const { db } = t;
    // More companies, a few people each, acts on different days.
    const titles = ['CEO', '销售总监', 'Product Manager', '工程师', 'Intern', null];
    for (let k = 0; k < 7; k++) for (let j = 0; j <= k % 4; j++) await lead(db, { email: `p${j}@bulk-${k}.cn`, company: `Bulk ${k}`, jobTitle: titles[(j + k) % titles.length] ?? undefined, interest: j % 2 ? 'demo' : 'newsletter' }, daysAgo(j + k));
    const snapshot = async () =>
      (await db.select().from(accounts).orderBy(asc(accounts.domain))).map(({ id: _id, scoredAt: _s, createdAt: _c, ...rest }) => rest);
    const incremental = await snapshot();
    // An existing database: the accounts are not there yet and nobody is linked.
    await writeTransaction(db, async (tx) => {
      await tx.update(people).set({ accountId: null });
      await tx.delete(accounts);
    });
    const progress: Array<[number, number]> = [];
    const n = await refreshAllAccounts(db, { now: NOW, batchSize: 3, onProgress: (done, total) => progress.push([done, total]) });
    expect(n).toBe(incremental.length);
    expect(progress.at(-1)).toEqual([n, n]);
    expect(await snapshot()).toEqual(incremental);
    // Only the webmail leads and the staff member stay without an account.
    expect((await db.select({ email: people.email }).from(people).where(isNull(people.accountId))).map((p) => p.email).sort()).toEqual(['12345@qq.com', 'rep@harbour-link.cn', 'someone@gmail.com']);
    // Once more, each account on its own: nothing moves.
    for (const a of await db.select({ id: accounts.id }).from(accounts)) await writeTransaction(db, (tx) => refreshAccount(tx, a.id, NOW));
    expect(await snapshot()).toEqual(incremental);
  });

  it('lists accounts with filters, sorts and keyset pages', async () => {
    const { db } = t;
    const list = async (q: Record<string, string>) => listAccounts(db, parseWith(accountFilterSchema, q));
    const all = await db.select().from(accounts);
    const byScore = [...all].filter((a) => a.peopleCount > 0).sort((a, b) => b.score - a.score || b.id - a.id);
    // Pages of two, following the cursor, give every account once in score order.
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ limit: '2', ...(cursor ? { cursor } : {}) });
      seen.push(...page.accounts.map((a) => a.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(byScore.map((a) => a.id));
    // By people, and by recent activity, also page through completely.
    for (const sort of ['people', 'recent']) {
      const ids: number[] = [];
      let c: string | undefined;
      do {
        const page = await list({ sort, limit: '3', ...(c ? { cursor: c } : {}) });
        ids.push(...page.accounts.map((a) => a.id));
        c = page.nextCursor ?? undefined;
      } while (c);
      expect(new Set(ids).size).toBe(byScore.length);
    }
    expect((await list({ sort: 'people' })).accounts[0]!.peopleCount).toBe(Math.max(...all.map((a) => a.peopleCount)));
    expect((await list({ q: 'YUNFAN' })).accounts.map((a) => a.domain)).toEqual(['yunfan-tax.cn']);
    expect((await list({ q: '云帆' })).accounts.map((a) => a.domain)).toEqual(['yunfan-tax.cn']);
    expect((await list({ q: '100%' })).accounts).toEqual([]);
    const noDm = (await list({ gap: 'no-decision-maker', limit: '200' })).accounts;
    expect(noDm.length).toBeGreaterThan(0);
    expect(noDm.every((a) => !a.engagedDecisionMaker)).toBe(true);
    expect(noDm.map((a) => a.domain)).not.toContain('yunfan-tax.cn');
    expect((await list({ minPeople: '3', limit: '200' })).accounts.every((a) => a.peopleCount >= 3)).toBe(true);
    const grade = byScore[0]!.grade;
    expect((await list({ grade, limit: '200' })).accounts.map((a) => a.id)).toEqual(byScore.filter((a) => a.grade === grade).map((a) => a.id));
    // Customer grades and the needs-attention view read the customer-grade columns.
    const yunfan = (await accountRow(db, 'yunfan-tax.cn'))!;
    await writeTransaction(db, (tx) => tx.update(accounts).set({ customerGrade: 'A2', attentionSince: NOW }).where(eq(accounts.id, yunfan.id)));
    expect((await list({ customerGrade: 'A2' })).accounts.map((a) => a.id)).toEqual([yunfan.id]);
    expect((await list({ customerGrade: 'any' })).accounts.map((a) => a.id)).toEqual([yunfan.id]);
    expect((await list({ customerGrade: 'B1' })).accounts).toEqual([]);
    expect((await list({ attention: '1' })).accounts.map((a) => a.id)).toEqual([yunfan.id]);
    expect(await countAccounts(db, { attention: '1' })).toBe(1);
    // Bad filters are refused with a reason.
    for (const bad of <Array<Record<string, string>>>[{ grade: 'E' }, { customerGrade: 'D4' }, { gap: 'x' }, { minPeople: 'lots' }, { sort: 'name' }, { cursor: 'bm9wZQ' }, { limit: '0' }]) {
      await expect(list(bad), JSON.stringify(bad)).rejects.toThrow();
    }
    // A cursor from one sort is refused by another.
    const first = await list({ limit: '1' });
    await expect(list({ sort: 'people', cursor: first.nextCursor! })).rejects.toThrow(/cursor/);
  });

  it('lets an erased person leave their account', async () => {
    const { db } = t;
    const stays = await lead(db, { email: 'stays@erasable.cn', company: 'Erasable', jobTitle: 'CEO' });
    const goes = await lead(db, { email: 'goes@erasable.cn', company: 'Erasable', jobTitle: 'Engineer' });
    const id = (await accountOf(db, goes))!;
    expect((await accountRow(db, 'erasable.cn'))!.peopleCount).toBe(2);
    expect(await erasePerson(db, goes, null, NOW)).toBe(true);
    expect(await accountOf(db, goes)).toBeNull();
    expect(await accountOf(db, stays)).toBe(id);
    expect((await accountRow(db, 'erasable.cn'))!).toMatchObject({ peopleCount: 1, committee: { decision_maker: 1 } });
    expect((await accountDetail(db, id))!.people.map((p) => p.id)).toEqual([stays]);
  });

  it('keeps a renamed company, and the most common company name wins', async () => {
    const { db } = t;
    await lead(db, { email: 'a@naming.cn', company: 'Naming Ltd' });
    await lead(db, { email: 'b@naming.cn', company: '命名科技' });
    await lead(db, { email: 'c@naming.cn', company: '命名科技' });
    expect((await accountRow(db, 'naming.cn'))!.name).toBe('命名科技');
    await lead(db, { email: 'd@no-name.cn' });
    expect((await accountRow(db, 'no-name.cn'))!.name).toBe('no-name.cn');
  });
});

describe('accounts over HTTP', () => {
  let server: RunningServer;
  let twin: RunningServer;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    const env = { RATE_LIMITS: 'off', MAIL_WORKER: 'off' };
    server = await startServer({
      env,
      prepare: async (db) => {
        for (const role of ['member', 'door', 'sales', 'admin'] as const) cookies[role] = await sessionCookie(db, `${role}@flywheel.example`, role);
      },
    });
    twin = await startServer({ env, dir: server.dir });
  });
  afterAll(async () => {
    await twin?.stop({ keepFiles: true });
    await server?.stop();
  });

  it('gives the first two people of a new domain, through two servers at once, one account', async () => {
    const domains = Array.from({ length: 6 }, (_, i) => `race-${i}.cn`);
    const answers = await Promise.all(
      domains.flatMap((d) => [
        postJson(`${server.url}/api/leads`, { email: `first@${d}`, name: 'First', company: `Race ${d}`, interest: 'demo' }),
        postJson(`${twin.url}/api/leads`, { email: `second@${d}`, name: 'Second', company: `Race ${d}`, interest: 'newsletter' }),
      ]),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    for (const d of domains) {
      const rows = await server.db.select().from(accounts).where(eq(accounts.domain, d));
      expect(rows, d).toHaveLength(1);
      expect(rows[0]!.peopleCount, d).toBe(2);
      expect(rows[0]!.engagedCount, d).toBe(2);
      const linked = await server.db.select({ a: people.accountId }).from(people).where(sql`${people.email} LIKE ${`%@${d}`}`);
      expect(linked.map((l) => l.a)).toEqual([rows[0]!.id, rows[0]!.id]);
    }
  });

  it('shows accounts to sales and admins only', async () => {
    const get = (path: string, cookie?: string) => fetch(server.url + path, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    const account = (await server.db.select().from(accounts).where(eq(accounts.domain, 'race-0.cn')))[0]!;
    for (const path of ['/sales/accounts/', `/sales/accounts/${account.id}/`, '/zh/sales/accounts/']) {
      // Anonymous: the middleware sends a page request to sign in (an API request would get 401).
      const anonymous = await get(path);
      expect([anonymous.status, anonymous.headers.get('location')?.split('?')[0]], `${path} anonymous`).toEqual([302, path.startsWith('/zh/') ? '/zh/login/' : '/login/']);
      for (const role of ['member', 'door']) expect((await get(path, cookies[role])).status, `${path} ${role}`).toBe(403);
      for (const role of ['sales', 'admin']) expect((await get(path, cookies[role])).status, `${path} ${role}`).toBe(200);
    }
    const list = await (await get('/sales/accounts/?q=race-0', cookies.sales)).text();
    expect(list).toContain('Race race-0.cn');
    expect(list).toContain(`/sales/accounts/${account.id}/`);
    const page = await (await get(`/sales/accounts/${account.id}/`, cookies.sales)).text();
    expect(page).toContain('Race race-0.cn');
    expect(page).toContain('No decision maker known yet');
    const zh = await (await get(`/zh/sales/accounts/${account.id}/`, cookies.sales)).text();
    expect(zh).toContain('尚未找到决策者');
    expect((await get('/sales/accounts/?grade=Z', cookies.sales)).status).toBe(400);
    expect((await get('/sales/accounts/999999/', cookies.sales)).status).toBe(404);
    expect((await get('/sales/accounts/abc/', cookies.sales)).status).toBe(404);
  });
});
