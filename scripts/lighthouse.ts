// Lighthouse (performance, accessibility, best practices, SEO) for pages in
// both languages, served the way production serves them (scripts/serve.mjs
// around the test build, with its security headers and CSP), in the same
// Chromium the browser tests use. Usage: npm run lighthouse [-- /path …]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { SERVER_NODE_FLAGS } from './server-flags.mjs';
import { fontconfigFile, resolveChromium } from '../test/support/browser';

const DEFAULT_PAGES = ['/', '/zh/', '/articles/peoplestack-mql-to-sql/', '/zh/articles/peoplestack-mql-to-sql/', '/events/2026-12-shanghai-scoring-sales-trusts/', '/zh/events/2026-12-shanghai-scoring-sales-trusts/'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const pages = process.argv.slice(2).filter((a) => a.startsWith('/'));
const dir = mkdtempSync(join(tmpdir(), 'flywheel-lighthouse-'));
const port = await freePort();
const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'scripts/serve.mjs'], {
  env: { ...process.env, FLYWHEEL_ENTRY: 'dist-test/server/entry.mjs', HOST: '127.0.0.1', PORT: String(port), DATABASE_PATH: join(dir, 'app.db'), MAIL_DIR: join(dir, 'mail') },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
let chrome: chromeLauncher.LaunchedChrome | undefined;
try {
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const { executablePath, args } = await resolveChromium();
  process.env.FONTCONFIG_FILE = fontconfigFile();
  chrome = await chromeLauncher.launch({ chromePath: executablePath, chromeFlags: [...args, '--headless=new'] });
  console.log(`Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, mobile emulation, ${executablePath}`);
  console.log(['page'.padEnd(52), ...CATEGORIES.map((c) => c.padStart(15))].join(''));
  for (const path of pages.length ? pages : DEFAULT_PAGES) {
    const result = await lighthouse(base + path, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
    const lhr = result!.lhr;
    if (lhr.runtimeError) console.log(`    could not audit ${path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const scores = CATEGORIES.map((c) => Math.round((lhr.categories[c]?.score ?? 0) * 100));
    console.log([path.padEnd(52), ...scores.map((s) => String(s).padStart(15))].join(''));
    for (const c of CATEGORIES) {
      for (const ref of lhr.categories[c]?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) console.log(`    ${c}: ${audit.id} (${audit.score}) ${audit.displayValue ?? ''}`);
        if (process.env.LIGHTHOUSE_DETAILS && audit?.id === 'cumulative-layout-shift' && audit.score !== 1) console.log(JSON.stringify(lhr.audits['layout-shifts']?.details, null, 1).slice(0, 3000));
      }
    }
  }
} finally {
  chrome?.kill();
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
