// The sales side at scale: 100,000 leads with 1,000,000 activities. Each figure
// is printed beside a bare SQLite baseline doing the nearest plain equivalent.
import type { Database } from 'better-sqlite3';
import { rescoreAll } from '../src/lib/leads/rescore';
import { createApiToken } from '../src/lib/auth/api-tokens';
import { setRole } from '../src/lib/leads/people';
import { progressBar } from '../src/lib/platform/progress';
import { startServer } from '../test/support/server';
import { sqliteClient } from '../db/client';
import { percentile, type Row } from './stats';

const LEADS = Number(process.env.BENCH_LEADS ?? 100_000);
const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);

function generate(client: Database): void {
  let seed = 42;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const sizes = ['1-10', '11-50', '51-200', '201-1000', '1001-5000', '5000+'];
  const titles = ['CEO', '总经理', 'VP Marketing', '市场总监', 'Head of Growth', 'Marketing Manager', '销售经理', 'Specialist', 'Student', 'Analyst'];
  const sources = ['google', 'baidu', 'linkedin', 'wechat', 'newsletter', 'partner', 'community', 'direct', 'zhihu', 'events'];
  const industries = ['saas', 'manufacturing', 'logistics', 'retail', 'healthcare', 'education', 'hr-tech', 'energy'];
  const types = ['article_read', 'article_read', 'article_read', 'resource_download', 'newsletter_signup', 'demo_request', 'salon_registration', 'salon_checkin', 'cohort_join', 'package_interest', 'question'];
  const now = Date.now();
  const insPerson = client.prepare(`INSERT INTO people (email, name, company, job_title, company_size, industry, status, first_source, consent_at, created_at, updated_at, last_activity_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insAct = client.prepare('INSERT INTO activities (person_id, type, subject, occurred_at) VALUES (?, ?, ?, ?)');
  const bar = progressBar('Generating', LEADS + ACTIVITIES);
  const firstId = ((client.prepare('SELECT coalesce(max(id), 0) AS m FROM people').get() as { m: number }).m) + 1;
  client.transaction(() => {
    for (let i = 0; i < LEADS; i++) {
      const created = now - Math.floor(rand() * 365 * 86_400_000);
      insPerson.run(`lead${i}@${rand() < 0.25 ? 'gmail.com' : `company${i % 5000}.com`}`, `Lead ${i}`, `Company ${i % 5000}`, pick(titles), pick(sizes), pick(industries), rand() < 0.9 ? 'new' : 'contacted', pick(sources), rand() < 0.8 ? created : null, created, created, created);
      if (i % 5000 === 0) bar.tick(i);
    }
    for (let i = 0; i < ACTIVITIES; i++) {
      insAct.run(firstId + Math.floor(rand() * LEADS), pick(types), 'bench', now - Math.floor(rand() * 180 * 86_400_000));
      if (i % 20000 === 0) bar.tick(LEADS + i);
    }
  })();
  bar.tick(LEADS + ACTIVITIES);
  bar.done();
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = fn();
  return { ms: performance.now() - t, value };
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

async function p95(samples: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return percentile(ms.sort((a, b) => a - b), 95);
}

export async function benchLeads(): Promise<Row[]> {
  let token = '';
  const server = await startServer({
    env: { RATE_LIMITS: 'off', MAIL_WORKER: 'off' },
    prepare: async (db) => {
      token = (await createApiToken(db, (await setRole(db, 'bench-sales@example.com', 'sales')).id)).token;
      // The bulk generator writes through the raw SQLite connection (the bench runs on SQLite only for now).
      generate(sqliteClient(db)!);
    },
  });
  try {
    const db = server.db;
    const client = sqliteClient(db)!;
    const rescoreBar = progressBar('Rescoring', LEADS);
    const rescore = await timeAsync(() => rescoreAll(db, { alerts: false, onProgress: (d) => rescoreBar.tick(d) }));
    rescoreBar.done();
    // Baseline: one SQL pass that reads every activity and writes every lead.
    const bareRescore = time(() => client.prepare('UPDATE people SET engagement_score = (SELECT min(50, count(*) * 3) FROM activities a WHERE a.person_id = people.id)').run());

    const get = async (q: string): Promise<void> => {
      const r = await fetch(`${server.url}/api/sales/leads?${q}`, { headers: { authorization: `Bearer ${token}` } });
      if (r.status !== 200) throw new Error(`${q}: ${r.status}`);
      await r.arrayBuffer();
    };
    const firstPage = await p95(SAMPLES, () => get('limit=50'));
    const bareFirst = await p95(SAMPLES, () => client.prepare("SELECT * FROM people WHERE role IN ('lead','member') ORDER BY score DESC, id DESC LIMIT 51").all());
    const filtered = await p95(SAMPLES, () => get('limit=50&grade=A,B&source=linkedin&status=new,mql'));
    const bareFiltered = await p95(SAMPLES, () => client.prepare("SELECT * FROM people WHERE role IN ('lead','member') AND grade IN ('A','B') AND first_source = 'linkedin' AND status IN ('new','mql') ORDER BY score DESC, id DESC LIMIT 51").all());
    const deep = await p95(20, async () => {
      const r = await fetch(`${server.url}/api/sales/leads?limit=500`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await r.json()) as { nextCursor: string };
      await get(`limit=50&cursor=${body.nextCursor}`);
    });

    const t = performance.now();
    const csv = await (await fetch(`${server.url}/api/sales/leads?format=csv`, { headers: { authorization: `Bearer ${token}` } })).text();
    const exportMs = performance.now() - t;
    const rows = csv.split('\n').length - 2;
    const bareExport = time(() => {
      let out = '';
      for (const r of client.prepare("SELECT id, email, name, company, job_title, company_size, industry, score, fit_score, engagement_score, grade, status, first_source, last_activity_at, created_at FROM people WHERE role IN ('lead','member') ORDER BY score DESC, id DESC").raw().iterate()) out += `${(r as unknown[]).join(',')}\n`;
      return out.length;
    });

    return [
      { measure: `rescore ${LEADS.toLocaleString('en-US')} leads / ${ACTIVITIES.toLocaleString('en-US')} acts`, value: `${(rescore.ms / 1000).toFixed(2)} s`, baseline: `${(bareRescore.ms / 1000).toFixed(2)} s`, note: 'baseline: one UPDATE with a correlated count per lead' },
      { measure: 'sales table, first page p95', value: `${firstPage.toFixed(1)} ms`, baseline: `${bareFirst.toFixed(2)} ms`, note: `GET /api/sales/leads?limit=50 over HTTP vs the bare SELECT; ${SAMPLES} samples` },
      { measure: 'sales table, filtered page p95', value: `${filtered.toFixed(1)} ms`, baseline: `${bareFiltered.toFixed(2)} ms`, note: 'grade A,B + source + status' },
      { measure: 'sales table, page 11 by cursor p95', value: `${deep.toFixed(1)} ms`, baseline: '—', note: 'includes fetching the 500-row page before it' },
      { measure: 'full CSV export', value: `${(exportMs / 1000).toFixed(2)} s`, baseline: `${(bareExport.ms / 1000).toFixed(2)} s`, note: `${rows.toLocaleString('en-US')} rows streamed vs a bare SELECT joined to text` },
    ];
  } finally {
    await server.stop();
  }
}
