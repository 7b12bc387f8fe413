import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { seedDemoData } from '../../src/lib/seed';

const dir = mkdtempSync(join(tmpdir(), 'flywheel-seed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const salons = [
  { id: 'past-salon', start: new Date('2026-09-17T10:30:00Z'), capacity: 40 },
  { id: 'small-salon', start: new Date('2026-12-10T10:30:00Z'), capacity: 30 },
];
const now = new Date('2026-11-22T00:00:00Z');

describe('seedDemoData', () => {
  const db = openDatabase(join(dir, 'seed.db'));
  const first = seedDemoData(db, { leads: 900, now, salons });
  const q = (sql: string) => db.$client.prepare(sql).get() as Record<string, number>;

  it('fills a believable data set across several sources', () => {
    expect(first.people).toBeGreaterThan(900);
    expect(first.activities).toBeGreaterThan(first.people);
    expect(q('SELECT count(DISTINCT first_source) AS n FROM people').n).toBeGreaterThanOrEqual(8);
    expect(q("SELECT count(*) AS n FROM people WHERE role IN ('sales','admin')").n).toBe(3);
  });

  it('never overfills a cohort or a salon, and leaves seats in upcoming salons', () => {
    expect(q('SELECT max(member_count - capacity) AS n FROM cohorts').n).toBeLessThanOrEqual(0);
    expect(q('SELECT count(*) AS n FROM memberships').n).toBe(q('SELECT sum(member_count) AS n FROM cohorts').n);
    expect(q("SELECT count(*) AS n FROM registrations WHERE event_id = 'small-salon' AND status = 'confirmed'").n).toBeLessThan(30);
    expect(q("SELECT count(*) AS n FROM registrations WHERE event_id = 'small-salon' AND checked_in_at IS NOT NULL").n).toBe(0);
  });

  it('is idempotent: a second run adds nothing', () => {
    const again = seedDemoData(db, { leads: 900, now, salons });
    expect(again).toEqual({ people: 0, activities: 0, registrations: 0, memberships: 0 });
  });

  it('stores e-mail addresses normalised, as the schema demands', () => {
    expect(() => db.$client.prepare("INSERT INTO people (email) VALUES ('Mixed@Case.com')").run()).toThrow(/CHECK/);
  });
});
