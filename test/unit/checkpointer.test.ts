// The server's SQLite connection leaves WAL checkpoints to a thread of its own:
// a COMMIT no longer copies the WAL into the database file and syncs it while
// every request in flight waits. The thread still gets the pages there, and
// the writer would checkpoint by itself only past its safety net.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, sqliteClient, type Db } from '../../db/client';
import { SAFETY_NET_PAGES } from '../../db/checkpointer';
import { testEngine } from '../support/db';

const dirs: string[] = [];
const opened: Db[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await closeDatabase(db);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function fileDb(backgroundCheckpoints: boolean): Promise<{ db: Db; file: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'flywheel-ckpt-'));
  dirs.push(dir);
  const file = join(dir, 'app.db');
  const db = await openDatabase(file, { backgroundCheckpoints });
  opened.push(db);
  return { db, file };
}

/** About `pages` 4 KB pages of rows, committed in one transaction. */
function writePages(db: Db, pages: number): void {
  const client = sqliteClient(db)!;
  client.exec('CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, body BLOB)');
  const insert = client.prepare('INSERT INTO filler (body) VALUES (?)');
  client.transaction(() => {
    for (let i = 0; i < pages; i++) insert.run(Buffer.alloc(3500, i % 251));
  })();
}

async function waitFor(condition: () => boolean, ms = 10_000): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 20))) if (condition()) return true;
  return condition();
}

describe.skipIf(testEngine() !== 'sqlite')('background WAL checkpoints', () => {
  it('the server’s writer leaves checkpoints to the thread, which still gets every committed page into the database file', async () => {
    const { db, file } = await fileDb(true);
    expect(sqliteClient(db)!.pragma('wal_autocheckpoint', { simple: true })).toBe(SAFETY_NET_PAGES);
    const before = statSync(file).size;
    writePages(db, 2000); // 8 MB: past SQLite's default threshold (1,000 pages), under the safety net
    // The thread copies them into the file on its own, with nothing else asking.
    expect(await waitFor(() => statSync(file).size > before + 6_000_000)).toBe(true);
    expect(sqliteClient(db)!.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 2000 });
  });

  it('a connection opened without it (the CLI, tests) checkpoints by itself as SQLite does by default', async () => {
    const { db, file } = await fileDb(false);
    expect(sqliteClient(db)!.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    writePages(db, 2000);
    expect(statSync(file).size).toBeGreaterThan(6_000_000); // copied inside that COMMIT
  });

  it('closing the database stops the thread, and the file opens again with everything in it', async () => {
    const { db, file } = await fileDb(true);
    writePages(db, 300);
    await closeDatabase(opened.pop()!);
    const again = await openDatabase(file);
    opened.push(again);
    expect(sqliteClient(again)!.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 300 });
  });
});
