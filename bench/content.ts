// Content pages over HTTP (issue 14): an article, a case study, a salon page,
// /events/ and the home page, in English and Chinese, each loaded through
// Flywheel's server (scripts/serve.mjs around the test build) and through a
// bare node:http server in its own process (bench/bare-server.mjs) answering
// the same path with the same bytes and headers, in the same encoding
// (accept-encoding: br, gzip). Rounds alternate between the two servers so
// both see the same machine. Knobs: BENCH_CONTENT_PAGES (how many of the ten
// pages, in the order below), BENCH_CONTENT_SECONDS (seconds per round);
// BENCH_QUICK=1 makes them 2 pages (an English article, the Chinese home
// page) and 1 s rounds.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../test/support/server';
import { fixtureSalon } from '../test/support/salons';
import { formatSpread, loadRound, ROUND_SECONDS, ROUNDS, spread, type LoadJob, type RoundResult } from './load';
import type { Row } from './stats';

// A fixture salon of the test build: open whatever the date (it starts three weeks after the build).
const SALON = fixtureSalon('open').id;
/** Interleaved so that the first few pages already cover both languages and both kinds of page (static, cached on demand). */
export const CONTENT_PAGES: ReadonlyArray<{ label: string; path: string }> = [
  { label: 'article (en)', path: '/articles/scoring-model-sales-trusts/' },
  { label: 'home (zh)', path: '/zh/' },
  { label: 'salon page (en)', path: `/events/${SALON}/` },
  { label: '/events/ (zh)', path: '/zh/events/' },
  { label: 'case study (en)', path: '/articles/peoplestack-mql-to-sql/' },
  { label: 'home (en)', path: '/' },
  { label: 'article (zh)', path: '/zh/articles/scoring-model-sales-trusts/' },
  { label: 'salon page (zh)', path: `/zh/events/${SALON}/` },
  { label: '/events/ (en)', path: '/events/' },
  { label: 'case study (zh)', path: '/zh/articles/peoplestack-mql-to-sql/' },
];

const quick = process.env.BENCH_QUICK === '1';
const PAGE_COUNT = Math.min(CONTENT_PAGES.length, Number(process.env.BENCH_CONTENT_PAGES ?? (quick ? 2 : CONTENT_PAGES.length)));
const SECONDS = Number(process.env.BENCH_CONTENT_SECONDS ?? (quick ? 1 : ROUND_SECONDS));
const CONNECTIONS = 32;
const HEADERS = { 'accept-encoding': 'br, gzip' };
/** Headers that belong to one connection or moment, not to the page. */
const PER_CONNECTION = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

interface Captured {
  path: string;
  status: number;
  headers: Record<string, string | string[]>;
  /** Base64 of the bytes on the wire (compressed as sent). */
  body: string;
}

/** One GET with the bench's headers, the body kept exactly as sent (node:http does not decompress). */
function capture(base: string, path: string): Promise<Captured> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(path, base), { headers: HEADERS }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers: Record<string, string | string[]> = {};
          for (const [name, value] of Object.entries(res.headers)) if (value !== undefined && !PER_CONNECTION.has(name)) headers[name] = value;
          resolve({ path, status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('base64') });
        });
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** The bare server in its own process, answering the captured pages; resolves with its port. */
async function startBare(file: string): Promise<{ port: number; pid: number; stop: () => void }> {
  const child = spawn(process.execPath, ['bench/bare-server.mjs', file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim())));
    child.once('exit', (code) => reject(new Error(`bare server exited ${code}`)));
  });
  return { port, pid: child.pid!, stop: () => child.kill() };
}

const ms = (n: number): string => `${n.toFixed(1)} ms`;

export async function benchContent(): Promise<Row[]> {
  const server = await startServer();
  const dir = mkdtempSync(join(tmpdir(), 'flywheel-bench-content-'));
  let bare: Awaited<ReturnType<typeof startBare>> | undefined;
  try {
    const pages = CONTENT_PAGES.slice(0, PAGE_COUNT);
    const captured: Captured[] = [];
    for (const page of pages) {
      const got = await capture(server.url, page.path);
      if (got.status !== 200) throw new Error(`${page.path} answered ${got.status}`);
      captured.push(got);
    }
    const file = join(dir, 'pages.json');
    writeFileSync(file, JSON.stringify(captured));
    bare = await startBare(file);
    const rows: Row[] = [];
    let serverPeak = 0;
    let barePeak = 0;
    for (const [i, page] of pages.entries()) {
      const job = (base: string): LoadJob => ({ url: new URL(page.path, base).href, headers: HEADERS, connections: CONNECTIONS, duration: SECONDS });
      const ours: RoundResult[] = [];
      const theirs: RoundResult[] = [];
      // Alternating rounds: a burst of load from elsewhere on the machine hits both sides alike.
      for (let round = 0; round < ROUNDS; round++) {
        ours.push(await loadRound(job(server.url), server.child.pid));
        theirs.push(await loadRound(job(`http://127.0.0.1:${bare.port}`), bare.pid));
      }
      for (const r of [...ours, ...theirs]) if (r.non2xx || r.errors) throw new Error(`${page.path}: ${r.non2xx} non-2xx, ${r.errors} errors under load`);
      const of = (results: RoundResult[], field: keyof RoundResult): ReturnType<typeof spread> => spread(results.map((r) => r[field]));
      const rate = of(ours, 'perSecond');
      const bareRate = of(theirs, 'perSecond');
      const p99 = of(ours, 'p99');
      const got = captured[i]!;
      const wire = Buffer.from(got.body, 'base64').length;
      const peak = Math.max(...ours.map((r) => r.rssMb));
      serverPeak = Math.max(serverPeak, peak);
      barePeak = Math.max(barePeak, ...theirs.map((r) => r.rssMb));
      rows.push(
        { measure: `${page.label} ${page.path} req/s`, value: formatSpread(rate, '/s'), baseline: formatSpread(bareRate, '/s'), note: `${Math.round((rate.median / bareRate.median) * 100)} % of bare node:http (target ≥ 50 %)` },
        { measure: `${page.label} p99`, value: `${ms(p99.median)} (${ms(p99.min)}–${ms(p99.max)})`, baseline: ms(of(theirs, 'p99').median), note: `target < 10 ms; ${CONNECTIONS} connections, server peak RSS ${Math.round(peak)} MB` },
        { measure: `${page.label} bytes per response`, value: `${wire.toLocaleString('en-US')} B ${got.headers['content-encoding'] ?? 'identity'}`, baseline: '', note: `ETag ${got.headers.etag ? 'yes' : 'no'}; Cache-Control: ${got.headers['cache-control'] ?? '(none)'}` },
      );
    }
    rows.push({
      measure: 'content pages: server peak RSS under load',
      value: `${Math.round(serverPeak)} MB`,
      baseline: `${Math.round(barePeak)} MB bare`,
      note: `target < 250 MB; ${pages.length} pages, ${ROUNDS} rounds × ${SECONDS} s each`,
    });
    return rows;
  } finally {
    bare?.stop();
    rmSync(dir, { recursive: true, force: true });
    await server.stop();
  }
}
