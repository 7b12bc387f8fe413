// The operator's command line, run as `npm run cli` runs it, on a scratch database.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { sha256Hex } from '../../src/lib/platform/crypto';
import { closeDatabase, openDatabase, rows, writeTransaction, type Db } from '../../db/client';
import { mailOutbox } from '../../db/tables';
import { tempLocation, testEngine } from '../support/db';

const dir = mkdtempSync(join(tmpdir(), 'flywheel-cli-'));
// The engine under test: a SQLite file, or a fresh PostgreSQL database (DATABASE_URL either way).
let env: NodeJS.ProcessEnv = {};
let drop = async (): Promise<void> => {};
let db: Db | undefined;
beforeAll(async () => {
  const fresh = await tempLocation(dir);
  drop = fresh.drop;
  env = { ...process.env, DATABASE_URL: fresh.location, MAIL_DIR: join(dir, 'mail') };
});
afterAll(async () => {
  if (db) await closeDatabase(db);
  await drop();
  rmSync(dir, { recursive: true, force: true });
});

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/cli.ts', ...args], { env, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
/** A handle on the CLI's database, opened once the CLI has migrated it. */
const database = async (): Promise<Db> => (db ??= await openDatabase(env.DATABASE_URL!));
const query = async (text: string): Promise<unknown[]> => rows(await database(), sql.raw(text));

describe('npm run cli', () => {
  it('migrates, seeds once with progress, and refuses to seed a full database with --if-empty', () => {
    expect(cli('db:migrate').status).toBe(0);
    const seeded = cli('db:seed');
    expect(seeded.status).toBe(0);
    expect(seeded.stderr).toMatch(/Seeding .*100%/);
    expect(cli('db:seed', '--if-empty').stdout).toMatch(/already holds \d+ people; not seeding/);
  }, 60_000);

  it('adds users, creates a token shown once and stored hashed, and revokes it', async () => {
    expect(cli('user:add', 'new.rep@flywheel.example', '--role', 'sales').stdout).toMatch(/is now sales/);
    expect(cli('user:add', 'x@y.co', '--role', 'king').status).toBe(2);
    const made = cli('token:create', 'new.rep@flywheel.example', '--label', 'crm');
    const token = made.stdout.trim();
    expect(token).toMatch(/^fw_[a-z2-7]+$/);
    expect(await query('SELECT token_hash FROM api_tokens')).toEqual([{ token_hash: sha256Hex(token) }]);
    expect(cli('token:list').stdout).not.toContain(token);
    expect(cli('token:revoke', '1').stdout).toMatch(/revoked/);
    expect(cli('token:create', 'nobody@nowhere.example').status).toBe(2);
  });

  it('rescores with progress and exports the chosen grades as CSV', () => {
    const rescored = cli('leads:rescore');
    expect(rescored.stderr).toMatch(/Rescored \d+ people/);
    const out = join(dir, 'ab.csv');
    expect(cli('leads:export', '--grade', 'A,B', '--out', out).status).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^id,email,name/);
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.slice(1).every((l) => /,[AB],/.test(l))).toBe(true);
    expect(cli('leads:export', '--grade', 'Z').status).toBe(2);
  }, 60_000);

  it.runIf(testEngine() === 'sqlite')('backs up the live SQLite database to a file that opens with the same rows', async () => {
    const file = join(dir, 'backup.db');
    expect(cli('db:backup', file).status).toBe(0);
    const copy = new Database(file, { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM people').get()).toEqual((await query('SELECT CAST(count(*) AS INTEGER) AS n FROM people'))[0]);
    copy.close();
  });

  it.runIf(testEngine() === 'postgres')('on PostgreSQL, points to pg_dump for backups', () => {
    const r = cli('db:backup', join(dir, 'backup.db'));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/pg_dump/);
  });

  it('sends due mail once to MAIL_DIR', async () => {
    await writeTransaction(await database(), (tx) => tx.insert(mailOutbox).values({ idempotencyKey: 'cli:1', template: 'test', to: 'a@b.co', subject: 'Hello', html: '<p>Hi</p>', text: 'Hi', nextAttemptAt: new Date(0) }));
    expect(cli('mail:send').stdout).toMatch(/Sent 1 through file/);
    expect(cli('mail:send').stdout).toMatch(/Sent 0 through file/);
    expect(existsSync(join(dir, 'mail'))).toBe(true);
    expect(readdirSync(join(dir, 'mail'))).toContain('cli_1.json');
  }, 90_000); // two CLI processes, each starting tsx: slow on a busy machine

  it('answers an unknown command with usage and exit code 2', () => {
    const r = cli('db:drop');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Unknown command: db:drop/);
  });
});
