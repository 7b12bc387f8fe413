// Starts the test build's server (dist-test/server/entry.mjs, see scripts/test-build.ts) on a free port with its own
// temporary database and mail folder, the way `npm start` would, and stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../db/client';

export const TEST_ENTRY = 'dist-test/server/entry.mjs';

export interface RunningServer {
  url: string;
  port: number;
  dir: string;
  databasePath: string;
  mailDir: string;
  /** A second connection to the server's database, for assertions. */
  db: Db;
  output: () => string;
  /** The server process itself, for signals and its exit code. */
  child: ChildProcess;
  /** Stops the server; SIGKILL simulates a crash. keepFiles leaves the database for a restart. */
  stop: (options?: { signal?: NodeJS.Signals; keepFiles?: boolean }) => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface StartOptions {
  env?: Record<string, string>;
  /** Prepare the database before the server starts (seed rows, say). */
  prepare?: (db: Db) => void;
  /** Reuse the folder (database and mail) of a stopped server: a restart. */
  dir?: string;
  /** The server entry; the test build by default. */
  entry?: string;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'flywheel-test-'));
  const databasePath = join(dir, 'app.db');
  const mailDir = join(dir, 'mail');
  const db = openDatabase(databasePath);
  options.prepare?.(db);
  const port = await freePort();
  let log = '';
  const child: ChildProcess = spawn(process.execPath, ['scripts/serve.mjs'], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_PATH: databasePath,
      MAIL_DIR: mailDir,
      SITE_URL: `http://127.0.0.1:${port}`,
      ASTRO_NODE_LOGGING: 'disabled',
      FLYWHEEL_ENTRY: options.entry ?? TEST_ENTRY,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000; // generous: CI machines run several test files at once
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
    try {
      const res = await fetch(`${url}/api/health`); // also starts the mail worker
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    dir,
    databasePath,
    mailDir,
    db,
    output: () => log,
    child,
    stop: async ({ signal = 'SIGTERM', keepFiles = false } = {}) => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill(signal);
        await exited;
      }
      db.$client.close();
      if (!keepFiles) rmSync(dir, { recursive: true, force: true });
    },
  };
}
