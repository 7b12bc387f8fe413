// A throwaway PostgreSQL for tests: a real server, no mocks.
//
// startPostgres() gives a fresh, empty database and a stop() that removes it:
//   1. TEST_DATABASE_URL set: a new database on that server (dropped by stop()).
//   2. TEST_PG_URL set (by startSharedPostgres() in a vitest globalSetup): a new
//      database on the run's shared cluster, so each test file pays only for
//      CREATE DATABASE.
//   3. Debian's server binaries present (/usr/lib/postgresql/<v>/bin): a private
//      cluster in a temporary directory, listening on a unix socket only (no TCP
//      port, so nothing depends on a free port); stop() kills it and removes the
//      directory.
//   4. Otherwise undefined: the caller skips its PostgreSQL tests.
//
// Socket URLs look like postgres://flywheel@localhost:5432/flywheel?host=/tmp/flywheel-pg-XXXXXX
// (node-postgres and libpq both take a socket directory from the `host`
// parameter; the port only names the socket file, .s.PGSQL.5432).
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface TestPostgres {
  /** A connection string for a database nobody else uses. */
  url: string;
  stop(): Promise<void>;
}

/** The unix-socket "port": it only names the socket file inside the cluster's own directory. */
const SOCKET_PORT = 5432;
const SUPERUSER = 'flywheel';

export async function startPostgres(): Promise<TestPostgres | undefined> {
  const server = process.env.TEST_DATABASE_URL || process.env.TEST_PG_URL;
  if (server) return createDatabase(server);
  return startCluster();
}

/**
 * Why startPostgres() would return undefined, or undefined when it will give a
 * database: lets a test file decide to skip before its suite is collected.
 */
export function postgresUnavailable(): string | undefined {
  if (process.env.TEST_DATABASE_URL || process.env.TEST_PG_URL || findPostgresBin()) return undefined;
  return 'no PostgreSQL: set TEST_DATABASE_URL, or install the server binaries (apt-get install postgresql)';
}

/**
 * Creates `flywheel_test_<random>` on the server `baseUrl` points at (the user
 * needs CREATEDB) and returns its URL; stop() drops it, ending any sessions
 * still connected to it.
 */
export async function createDatabase(baseUrl: string): Promise<TestPostgres> {
  const name = `flywheel_test_${randomBytes(6).toString('hex')}`;
  await withClient(baseUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  let stopped = false;
  return {
    url: url.toString(),
    async stop() {
      if (stopped) return;
      stopped = true;
      await withClient(baseUrl, async (c) => {
        await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
        await c.query(`DROP DATABASE IF EXISTS "${name}"`);
      });
    },
  };
}

/**
 * For a vitest globalSetup: starts one cluster for the whole run (unless
 * TEST_DATABASE_URL names a server already) and puts its URL in
 * process.env.TEST_PG_URL, which the test workers inherit; startPostgres()
 * then creates one database per test file on it. Returns the teardown.
 *
 *   // test/support/pg-global-setup.ts
 *   export { startSharedPostgres as default } from './postgres';
 */
export async function startSharedPostgres(): Promise<() => Promise<void>> {
  if (process.env.TEST_DATABASE_URL || process.env.TEST_PG_URL) return async () => {};
  const cluster = await startCluster();
  if (!cluster) return async () => {};
  process.env.TEST_PG_URL = cluster.url;
  return async () => {
    delete process.env.TEST_PG_URL;
    await cluster.stop();
  };
}

/** The bin directory of the highest installed Debian PostgreSQL server, if any. */
export function findPostgresBin(root = '/usr/lib/postgresql'): string | undefined {
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => /^\d+(\.\d+)?$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

/** Clusters this process started and has not stopped yet: stopped on exit if a test forgot. */
const running = new Set<{ pgCtl: string[]; dir: string }>();
let exitHookInstalled = false;

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const c of running) {
      if (existsSync(join(c.dir, 'data', 'postmaster.pid'))) {
        spawnSync(c.pgCtl[0]!, [...c.pgCtl.slice(1), '-D', join(c.dir, 'data'), '-m', 'immediate', 'stop'], { stdio: 'ignore', cwd: c.dir });
      }
      rmSync(c.dir, { recursive: true, force: true });
    }
  });
}

async function startCluster(): Promise<TestPostgres | undefined> {
  const bin = findPostgresBin();
  if (!bin) return undefined;

  // initdb and pg_ctl refuse to run as root: run them as the postgres user, in
  // a directory it owns. /tmp is world-traversable, and the directory is 0755.
  const asRoot = process.getuid?.() === 0;
  const as = (tool: string): string[] => (asRoot ? ['runuser', '-u', 'postgres', '--', join(bin, tool)] : [join(bin, tool)]);
  const dir = mkdtempSync(join(asRoot ? '/tmp' : tmpdir(), 'flywheel-pg-'));
  chmodSync(dir, 0o755);
  if (asRoot) {
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    if (!Number.isInteger(uid) || !Number.isInteger(gid) || uid <= 0) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error('running as root, but there is no postgres user to run the PostgreSQL server as');
    }
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const exec = async (cmd: string[]) => {
    await run(cmd[0]!, cmd.slice(1), { cwd: dir, env: { ...process.env, LC_ALL: 'C' } });
  };

  const handle = { pgCtl: as('pg_ctl'), dir };
  try {
    // C collation: text sorts by code point, as SQLite's BINARY collation does.
    await exec([...as('initdb'), '-D', data, '-A', 'trust', '-U', SUPERUSER, '-E', 'UTF8', '--locale=C', '--no-sync']);
    const serverOptions = [
      `-p ${SOCKET_PORT}`,
      `-k '${dir}'`,
      "-c listen_addresses=''",
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ');
    running.add(handle);
    installExitHook();
    await exec([...as('pg_ctl'), '-D', data, '-o', serverOptions, '-l', log, '-w', '-t', '60', 'start']);
  } catch (err) {
    const serverLog = existsSync(log) ? readFileSync(log, 'utf8') : '';
    await stopCluster(handle).catch(() => {});
    throw new Error(`could not start a PostgreSQL cluster with ${bin}: ${(err as Error).message}\n${serverLog}`, { cause: err });
  }

  const base = `postgres://${SUPERUSER}@localhost:${SOCKET_PORT}`;
  const host = `?host=${encodeURIComponent(dir).replace(/%2F/gi, '/')}`;
  try {
    await withClient(`${base}/postgres${host}`, (c) => c.query('CREATE DATABASE flywheel'));
  } catch (err) {
    await stopCluster(handle).catch(() => {});
    throw err;
  }
  return {
    url: `${base}/flywheel${host}`,
    stop: () => stopCluster(handle),
  };
}

async function stopCluster(handle: { pgCtl: string[]; dir: string }): Promise<void> {
  if (!existsSync(handle.dir)) {
    running.delete(handle);
    return;
  }
  try {
    if (existsSync(join(handle.dir, 'data', 'postmaster.pid'))) {
      await run(handle.pgCtl[0]!, [...handle.pgCtl.slice(1), '-D', join(handle.dir, 'data'), '-m', 'immediate', '-w', 'stop'], { cwd: handle.dir });
    }
  } finally {
    rmSync(handle.dir, { recursive: true, force: true });
    // Only now: if the process dies while stopping, the exit hook still finishes the job.
    running.delete(handle);
  }
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
