// /admin/audit/ through the running server: newest first, entity chips,
// paging by cursor, links to the changed thing, readable before → after
// lists (escaped, long values cut), privacy rows in words, an empty state,
// and Chinese.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/tables';
import { setRole } from '../../src/lib/leads/people';
import { createSession } from '../../src/lib/auth/sessions';
import { recordChange } from '../../src/lib/operations/audit';
import { auditQuery, showValue } from '../../src/lib/operations/audit-trail';
import { writeTransaction } from '../../src/lib/platform/db';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let cookie = '';
let opsId = 0;
const t0 = Date.parse('2026-11-20T02:00:00Z'); // 10:00 in Shanghai; at(64) is 11:04
const at = (minutes: number): Date => new Date(t0 + minutes * 60_000);
const longNote = `{"questions":[${Array.from({ length: 40 }, (_, i) => `"q${i}"`).join(',')}]}`;

beforeAll(async () => {
  server = await startServer({
    prepare: async (db) => {
      const ops = await setRole(db, 'ops@flywheel.example', 'admin');
      opsId = ops.id;
      cookie = `fw_session=${(await createSession(db, ops.id)).token}`;
      await writeTransaction(db, async (tx) => {
        // Sixty cost edits, oldest first, to page through.
        for (let i = 0; i < 60; i++) await recordChange(tx, { actorId: ops.id, entity: 'cost', entityId: 100 + i, action: 'update', summary: `Baidu SEM November cost #${i}`, changes: { amountCny: { before: 1000 + i, after: 2000 + i } } }, at(i));
        await tx.insert(auditLog).values([
          { actorId: ops.id, subjectId: 41, entity: 'person', action: 'data_export', at: at(61) },
          { actorId: null, subjectId: 42, entity: 'person', action: 'erasure', at: at(62) },
        ]);
        await recordChange(tx, { actorId: ops.id, entity: 'partner', entityId: 7, action: 'update', summary: 'Lanting Agency share 25 % → 30 %', changes: { sharePercent: { before: 25, after: 30 } } }, at(63));
        await recordChange(tx, { actorId: ops.id, entity: 'salon', entityId: 'shanghai-growth-salon', action: 'update', summary: '<script>alert("x")</script> renamed', changes: { title: { before: '<b>Old</b>', after: null }, questions: { before: null, after: JSON.parse(longNote) } } }, at(64));
      });
    },
  });
});
afterAll(async () => server?.stop());

const get = (path: string): Promise<Response> => fetch(server.url + path, { headers: { cookie }, redirect: 'manual' });
const main = (html: string): string => html.replace(/^[\s\S]*?<main/, '<main');
const words = (html: string): string => main(html).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('/admin/audit/', () => {
  it('lists the newest change first with who, what (linked), action, summary and field changes, escaped', async () => {
    const res = await get('/admin/audit/');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = main(await res.text());
    const page = words(html);
    expect(page.indexOf('renamed')).toBeLessThan(page.indexOf('Lanting Agency'));
    expect(page.indexOf('Lanting Agency')).toBeLessThan(page.indexOf('Erased person #42'));
    expect(page).toContain('Data exported for person #41');
    expect(page).toMatch(/20 Nov 2026, 11:04 GMT\+8 ops@flywheel\.example Salon shanghai-growth-salon edited/);
    expect(page).toMatch(/Erased person #42/);
    expect(page).toContain('the person themselves');
    // Escaped: the summary's script and the field's markup are text, never elements.
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; renamed');
    expect(html).toContain('&lt;b&gt;Old&lt;/b&gt;');
    expect(page).toMatch(/sharePercent : 25 → 30/);
    expect(page).toMatch(/title : &lt;b&gt;Old&lt;\/b&gt; → —/);
    // A long JSON value is cut with an ellipsis.
    expect(page).toMatch(/questions : — → \{&quot;questions&quot;:\[&quot;q0&quot;.*…/);
    expect(page).toContain('&quot;q5&quot;');
    expect(page).not.toContain('&quot;q39&quot;');
    expect(html).toMatch(/href="\/admin\/salons\/shanghai-growth-salon\/"/);
    expect(html).toMatch(/href="\/admin\/partners\/7\/"/);
    expect(html).toMatch(/href="\/admin\/costs\/"/);
  });

  it('filters by entity with chips, and says so when a filter has nothing', async () => {
    const html = main(await (await get('/admin/audit/?entity=partner')).text());
    expect(html).toMatch(/<a class="chip" href="\/admin\/audit\/\?entity=partner" aria-current="page"/);
    const page = words(html);
    expect(page).toContain('Lanting Agency');
    expect(page).not.toContain('Baidu SEM');
    expect(page).not.toContain('renamed');
    expect(words(await (await get('/admin/audit/?entity=webhook')).text())).toContain('No changes of this kind yet.');
    // An unknown entity or a bad cursor is "all, newest": never an error.
    const odd = await get('/admin/audit/?entity=%3Cscript%3E&before=abc');
    expect(odd.status).toBe(200);
    expect(words(await odd.text())).toContain('renamed');
  });

  it('pages by cursor: fifty a page, then the rest, keeping the filter', async () => {
    const first = main(await (await get('/admin/audit/?entity=cost')).text());
    expect(words(first).match(/Baidu SEM November cost #/g)).toHaveLength(50);
    expect(words(first)).toContain('cost #59');
    const next = /href="(\/admin\/audit\/\?entity=cost&amp;before=\d+)"/.exec(first)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toBeDefined();
    const second = words(await (await get(next!)).text());
    expect(second.match(/Baidu SEM November cost #/g)).toHaveLength(10);
    expect(second).toContain('cost #0 ');
    expect(second).not.toContain('cost #10 ');
    expect(second).not.toContain('Older changes');
    expect(second).toContain('← Newest');
  });

  it('speaks Chinese at /zh/admin/audit/, with links in Chinese', async () => {
    const html = main(await (await get('/zh/admin/audit/')).text());
    const page = words(html);
    for (const w of ['操作日志', '渠道伙伴', '已删除 #42 的个人数据', '已导出 #41 的个人数据', '本人', '编辑', '2026年11月20日']) expect(page).toContain(w);
    expect(html).toMatch(/href="\/zh\/admin\/partners\/7\/"/);
    expect(words(await (await get('/zh/admin/audit/?entity=webhook')).text())).toContain('这类对象还没有变更记录。');
  });

  it('reads its query forgivingly and cuts long values', () => {
    expect(auditQuery(new URLSearchParams('entity=staff&before=12'))).toEqual({ entity: 'staff', before: 12 });
    expect(auditQuery(new URLSearchParams('entity=people&before=-1'))).toEqual({ entity: undefined, before: undefined });
    expect(showValue('x'.repeat(500))).toHaveLength(120);
    expect(showValue({ a: 1 })).toBe('{"a":1}');
    expect(showValue(null)).toBe('—');
    expect(opsId).toBeGreaterThan(0);
  });
});

describe('/admin/audit/ with nothing recorded', () => {
  let empty: RunningServer;
  let emptyCookie = '';
  beforeAll(async () => {
    empty = await startServer({ prepare: async (db) => void (emptyCookie = `fw_session=${(await createSession(db, (await setRole(db, 'first@flywheel.example', 'admin')).id)).token}`) });
  });
  afterAll(async () => empty?.stop());

  it('shows an empty state', async () => {
    const res = await fetch(`${empty.url}/admin/audit/`, { headers: { cookie: emptyCookie } });
    expect(res.status).toBe(200);
    expect(words(await res.text())).toContain('Nothing recorded yet.');
  });
});
