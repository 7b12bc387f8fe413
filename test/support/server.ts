// Starts the test build's server (dist-test/server/entry.mjs, see scripts/test-build.ts) on a free port with its own
// temporary database and mail folder, the way `npm start` would, and stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, openDatabase, type Db } from '../../db/client';
import { tempLocation } from './db';
import { SERVER_NODE_FLAGS } from '../../scripts/server-flags.mjs';

export const TEST_ENTRY = 'dist-test/server/entry.mjs';

export interface RunningServer {
  url: string;
  port: number;
  dir: string;
  /** The server's DATABASE_URL: a SQLite file path, or a postgres:// URL when the suite runs on PostgreSQL. */
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
  prepare?: (db: Db) => Promise<unknown> | void;
  /** Reuse the folder (database and mail) of a stopped server: a restart. */
  dir?: string;
  /** The server entry; the test build by default. */
  entry?: string;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'flywheel-test-'));
  const mailDir = join(dir, 'mail');
  // The database of the engine under test, remembered in the folder so a restart or a twin finds it.
  const locationFile = join(dir, 'database-location');
  let drop = async (): Promise<void> => {};
  let databasePath: string;
  if (existsSync(locationFile)) databasePath = readFileSync(locationFile, 'utf8');
  else {
    const fresh = await tempLocation(dir);
    databasePath = fresh.location;
    drop = fresh.drop;
    writeFileSync(locationFile, databasePath);
  }
  const db = await openDatabase(databasePath);
  await options.prepare?.(db);
  const port = await freePort();
  let log = '';
  const child: ChildProcess = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'scripts/serve.mjs'], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databasePath,
      MAIL_DIR: mailDir,
      SITE_URL: `http://127.0.0.1:${port}`,
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
      await closeDatabase(db);
      if (!keepFiles) {
        await drop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
