// Registration throughput and latency through the running server, beside a
// bare better-sqlite3 loop inserting the same rows, measured in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { progressBar } from '../src/lib/platform/progress';
import { startServer } from '../test/support/server';
import { fixtureSalon } from '../test/support/salons';
import { percentile, runConcurrent, type Row } from './stats';

const N = Number(process.env.BENCH_REGISTRATIONS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);

/** The same rows a registration writes (person, registration, activity, outbox mail), one transaction each. */
function bareInsertLoop(n: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'flywheel-bench-'));
  const db = new Database(join(dir, 'bare.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT UNIQUE, name TEXT);
    CREATE TABLE registrations (id INTEGER PRIMARY KEY, event_id TEXT, person_id INTEGER, status TEXT, ticket_code TEXT UNIQUE);
    CREATE TABLE activities (id INTEGER PRIMARY KEY, person_id INTEGER, type TEXT, subject TEXT);
    CREATE TABLE mail_outbox (id INTEGER PRIMARY KEY, key TEXT UNIQUE, body TEXT);`);
  const person = db.prepare('INSERT INTO people (email, name) VALUES (?, ?)');
  const reg = db.prepare('INSERT INTO registrations (event_id, person_id, status, ticket_code) VALUES (?, ?, ?, ?)');
  const act = db.prepare("INSERT INTO activities (person_id, type, subject) VALUES (?, 'salon_registration', ?)");
  const mail = db.prepare('INSERT INTO mail_outbox (key, body) VALUES (?, ?)');
  const one = db.transaction((i: number) => {
    const id = person.run(`bare${i}@example.com`, `Bare ${i}`).lastInsertRowid;
    reg.run('bench', id, 'confirmed', `T${i}`);
    act.run(id, 'bench');
    mail.run(`k${i}`, 'x'.repeat(2000));
  });
  const t = performance.now();
  for (let i = 0; i < n; i++) one.immediate(i);
  const seconds = (performance.now() - t) / 1000;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return n / seconds;
}

export async function benchSalons(): Promise<Row[]> {
  const salon = fixtureSalon('openLarge');
  const server = await startServer({ env: { RATE_LIMITS: 'off', MAIL_WORKER: 'off' } });
  try {
    // Bare HTTP baseline: the same server answering its cheapest endpoint.
    const health = await runConcurrent(N, CONCURRENCY, async () => {
      await (await fetch(`${server.url}/api/health`)).arrayBuffer();
    });
    const bar = progressBar('Registering', N);
    let failures = 0;
    const reg = await runConcurrent(
      N,
      CONCURRENCY,
      async (i) => {
        const res = await fetch(`${server.url}/api/events/${salon.id}/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: `bench${i}@example.com`, name: `Bench ${i}`, company: 'Bench Ltd', companySize: '201-1000', consent: true }),
        });
        if (res.status !== 201) failures++;
        await res.arrayBuffer();
      },
      (done) => bar.tick(done),
    );
    bar.done();
    const bare = bareInsertLoop(N);
    return [
      { measure: 'register: throughput', value: `${(N / reg.seconds).toFixed(0)}/s`, baseline: `${bare.toFixed(0)}/s`, note: 'baseline: bare better-sqlite3 loop, same rows, one transaction each' },
      { measure: 'register: p50 latency', value: `${percentile(reg.latencies, 50).toFixed(1)} ms`, baseline: `${percentile(health.latencies, 50).toFixed(1)} ms`, note: `baseline: GET /api/health on the same server; ${CONCURRENCY} in flight` },
      { measure: 'register: p99 latency', value: `${percentile(reg.latencies, 99).toFixed(1)} ms`, baseline: `${percentile(health.latencies, 99).toFixed(1)} ms`, note: failures ? `${failures} non-201 answers` : `${N} registrations, all 201` },
      { measure: 'http: throughput', value: `${(N / health.seconds).toFixed(0)}/s`, baseline: '—', note: 'GET /api/health' },
    ];
  } finally {
    await server.stop();
  }
}
