// A process's copy of a rule set (ruleCache): `current` trusts it for its time
// to live and `load` checks the database, whether the copy is a stored version
// or the defaults of a kind nobody has saved yet (routing, on most sites: before,
// that copy was never kept, and every registration read the stamp again).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureFirstVersion, ruleCache } from '../../src/lib/operations/rule-versions';
import { writeTransaction, type Db } from '../../src/lib/platform/db';
import { tempDatabase } from '../support/db';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await tempDatabase()));
afterEach(async () => await cleanup());

const parse = (body: unknown): string => (body as { words: string }).words;
const defaults = (): string => 'defaults';
/** Another process saving a version: straight to the table, this process's copy untouched. */
const savedElsewhere = (words: string): Promise<void> => writeTransaction(db, (tx) => ensureFirstVersion(tx, 'routing', { words }));

describe('ruleCache', () => {
  it('keeps the defaults of a kind with no stored version for its time to live, and load sees a version saved meanwhile', async () => {
    const cache = ruleCache('routing', parse, defaults, 60_000);
    expect(await cache.current(db)).toBe('defaults');
    await savedElsewhere('saved elsewhere');
    expect(await cache.current(db)).toBe('defaults');
    expect(await cache.load(db)).toEqual({ value: 'saved elsewhere', version: 1 });
    expect(await cache.current(db)).toBe('saved elsewhere');
  });

  it('trusts its copy inside transactions too, and checks again once the time to live is over', async () => {
    const kept = ruleCache('routing', parse, defaults, 60_000);
    const expired = ruleCache('routing', parse, defaults, 0);
    const inTransaction = (cache: typeof kept): Promise<string> => writeTransaction(db, (tx) => cache.current(tx));
    expect(await inTransaction(kept)).toBe('defaults');
    expect(await inTransaction(expired)).toBe('defaults');
    await savedElsewhere('saved elsewhere');
    expect(await inTransaction(kept)).toBe('defaults');
    expect(await inTransaction(expired)).toBe('saved elsewhere');
  });

  it('does not take one database’s copy for another’s', async () => {
    const other = await tempDatabase();
    try {
      const cache = ruleCache('routing', parse, defaults, 60_000);
      await savedElsewhere('this database');
      expect(await cache.current(db)).toBe('this database');
      expect(await cache.current(other.db)).toBe('defaults');
      expect(await cache.current(db)).toBe('this database');
    } finally {
      await other.cleanup();
    }
  });
});
