// The operator's command line, run as `npm run cli` runs it, on a scratch database.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { sha256Hex } from '../../src/lib/platform/crypto';

const dir = mkdtempSync(join(tmpdir(), 'flywheel-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { ...process.env, DATABASE_PATH: join(dir, 'app.db'), MAIL_DIR: join(dir, 'mail') };

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/cli.ts', ...args], { env, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const query = (sql: string) => {
  const db = new Database(env.DATABASE_PATH, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
};

describe('npm run cli', () => {
  it('migrates, seeds once with progress, and refuses to seed a full database with --if-empty', () => {
    expect(cli('db:migrate').status).toBe(0);
    const seeded = cli('db:seed');
    expect(seeded.status).toBe(0);
    expect(seeded.stderr).toMatch(/Seeding .*100%/);
    expect(cli('db:seed', '--if-empty').stdout).toMatch(/already holds \d+ people; not seeding/);
  }, 60_000);

  it('adds users, creates a token shown once and stored hashed, and revokes it', () => {
    expect(cli('user:add', 'new.rep@flywheel.example', '--role', 'sales').stdout).toMatch(/is now sales/);
    expect(cli('user:add', 'x@y.co', '--role', 'king').status).toBe(2);
    const made = cli('token:create', 'new.rep@flywheel.example', '--label', 'crm');
    const token = made.stdout.trim();
    expect(token).toMatch(/^fw_[a-z2-7]+$/);
    expect(query('SELECT token_hash FROM api_tokens')).toEqual([{ token_hash: sha256Hex(token) }]);
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

  it('backs up the live database to a file that opens with the same rows', () => {
    const file = join(dir, 'backup.db');
    expect(cli('db:backup', file).status).toBe(0);
    const copy = new Database(file, { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM people').get()).toEqual(query('SELECT count(*) AS n FROM people')[0]);
    copy.close();
  });

  it('sends due mail once to MAIL_DIR', () => {
    const db = new Database(env.DATABASE_PATH);
    db.prepare("INSERT INTO mail_outbox (idempotency_key, template, \"to\", subject, html, text, next_attempt_at) VALUES ('cli:1', 'test', 'a@b.co', 'Hello', '<p>Hi</p>', 'Hi', 0)").run();
    db.close();
    expect(cli('mail:send').stdout).toMatch(/Sent 1 through file/);
    expect(cli('mail:send').stdout).toMatch(/Sent 0 through file/);
    expect(existsSync(join(dir, 'mail'))).toBe(true);
    expect(readdirSync(join(dir, 'mail'))).toContain('cli_1.json');
  });

  it('answers an unknown command with usage and exit code 2', () => {
    const r = cli('db:drop');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Unknown command: db:drop/);
  });
});
