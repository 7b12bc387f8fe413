// The bulk paths over many leads: the rescore in batches stores exactly the
// score each lead gets alone (and makes MQLs), writing nothing when nothing
// moved; the CSV export in chunks is byte for byte the CSV of every lead in
// the sort's order, each chunk with the number of leads it holds; csvLine
// writes what toCsv writes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import { rows, writeTransaction, type Db } from '../../src/lib/platform/db';
import { activities, people } from '../../db/tables';
import { explainScore, readLeadBatch, rescoreAll } from '../../src/lib/leads/rescore';
import { leadCsvBatches, leadCsvChunks, leadFieldNames, listLeads, type LeadFilter } from '../../src/lib/sales/lead-queries';
import { csvLine, toCsv } from '../../src/lib/platform/csv';
import { tempDatabase, testEngine } from '../support/db';

const now = new Date('2026-06-15T09:00:00Z');
const DAY = 86_400_000;

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await tempDatabase()));
afterEach(async () => await cleanup());

/** Leads with activities, several sharing a score (ties across chunk edges), one staff member; deterministic. */
async function seed(n: number): Promise<void> {
  let seed = 11;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const titles = ['CEO', '市场总监', 'Marketing Manager', 'Specialist', '学生', null, 'VP Sales'];
  const types = ['article_read', 'resource_download', 'demo_request', 'salon_checkin', 'package_interest', 'question', 'unknown_type'];
  const made = await writeTransaction(db, (tx) =>
    tx
      .insert(people)
      .values(
        Array.from({ length: n }, (_, i) => ({
          email: `lead${i}@${rand() < 0.3 ? 'qq.com' : `firm${i % 7}.cn`}`,
          name: i % 9 === 0 ? `=HYPERLINK("x", "Lead, ${i}")` : `Lead ${i}`,
          company: i % 5 === 0 ? 'Line\nbreak "Co"' : `Firm ${i % 7}`,
          jobTitle: pick(titles),
          companySize: pick(['1-10', '51-200', '5000+', null] as const),
          industry: pick(['saas', 'retail', null]),
          consentAt: rand() < 0.6 ? now : null,
          firstSource: pick(['linkedin', 'google', null]),
          role: i === 3 ? ('sales' as const) : ('lead' as const),
          createdAt: new Date(now.getTime() - Math.floor(rand() * 5) * DAY),
          lastActivityAt: rand() < 0.2 ? null : new Date(now.getTime() - Math.floor(rand() * 5) * DAY),
        })),
      )
      .returning({ id: people.id }),
  );
  const acts: Array<typeof activities.$inferInsert> = [];
  for (const { id } of made) for (let k = Math.floor(rand() * 12); k > 0; k--) acts.push({ personId: id, type: pick(types), subject: `s${k}`, occurredAt: new Date(now.getTime() - Math.floor(rand() * 90 * DAY)) });
  await writeTransaction(db, async (tx) => {
    for (let i = 0; i < acts.length; i += 200) await tx.insert(activities).values(acts.slice(i, i + 200));
  });
}

describe('bulk rescore', () => {
  it('stores what each lead scores alone, batch edges included, makes MQLs, and rewrites nothing unchanged', async () => {
    await seed(60);
    const first = await rescoreAll(db, { now, batchSize: 7, alerts: false });
    expect(first.rescored).toBe(60);
    const stored = await db.select({ id: people.id, score: people.score, grade: people.grade, fitScore: people.fitScore, engagementScore: people.engagementScore, status: people.status, consentAt: people.consentAt, scoredAt: people.scoredAt }).from(people).orderBy(asc(people.id));
    let mqls = 0;
    for (const p of stored) {
      const alone = (await explainScore(db, p.id, now))!;
      expect({ score: p.score, grade: p.grade, fitScore: p.fitScore, engagementScore: p.engagementScore }).toEqual({ score: alone.score, grade: alone.grade, fitScore: alone.fitScore, engagementScore: alone.engagementScore });
      const qualifies = p.consentAt !== null && (alone.grade === 'A' || alone.grade === 'B');
      if (qualifies && p.id !== stored[3]!.id) mqls++;
      if (qualifies) expect(p.status).toBe('mql');
    }
    expect(mqls).toBeGreaterThan(0);
    expect(first.changed).toBe(stored.filter((p) => p.scoredAt !== null).length);

    // Nothing moved: nothing is written (scored_at stays), and a lead changed behind its back is rescored.
    await writeTransaction(db, (tx) => tx.update(people).set({ score: 99, grade: 'A' }).where(eq(people.id, stored[10]!.id)));
    const again = await rescoreAll(db, { now: new Date(now.getTime() + 60_000), batchSize: 7, alerts: false });
    expect(again.changed).toBe(1);
    const after = await db.select({ id: people.id, score: people.score, scoredAt: people.scoredAt }).from(people).orderBy(asc(people.id));
    expect(after.map((p) => p.score)).toEqual(stored.map((p) => p.score));
    expect(after.filter((p) => p.scoredAt?.getTime() === now.getTime() + 60_000).map((p) => p.id)).toEqual([stored[10]!.id]);
  });
});

describe('bulk rescore on PostgreSQL', () => {
  it.runIf(testEngine() === 'postgres')('holds the rows of the batch it will write until it commits, and still takes new activities for them', async () => {
    await seed(6);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const holding = new Promise<void>((r) => (locked = r));
    const batch = writeTransaction(db, async (tx) => {
      await readLeadBatch(tx, 0, 10, true);
      locked();
      await gate;
    });
    await holding;
    try {
      // Another session that wants to write the lead's row waits for the batch (here: refuses at once).
      await expect(rows(db, sql`SELECT id FROM people ORDER BY id LIMIT 1 FOR NO KEY UPDATE NOWAIT`)).rejects.toThrow();
      // An activity for it goes in meanwhile (its foreign key check only shares the row).
      const [first] = await rows<{ id: number }>(db, sql`SELECT id FROM people ORDER BY id LIMIT 1`);
      await writeTransaction(db, (tx) => tx.insert(activities).values({ personId: first!.id, type: 'demo_request', occurredAt: now }));
    } finally {
      release();
      await batch;
    }
  });
});

describe('CSV export', () => {
  it('writes the same record as toCsv for awkward cells', () => {
    const alphabet = ['a', '中', ',', '"', '\n', '\r', '=', '+', '-', '@', '\t', ' ', "'", '1'];
    let seed = 3;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 500; n++) {
      const cells: unknown[] = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => {
        const kind = Math.floor(rand() * 6);
        if (kind === 0) return null;
        if (kind === 1) return Math.floor(rand() * 200) - 100;
        if (kind === 2) return new Date(Math.floor(rand() * 2e12));
        if (kind === 3) return '';
        return Array.from({ length: Math.floor(rand() * 8) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      });
      const viaStringify = toCsv(['h'], [cells]);
      expect(csvLine(cells)).toBe(viaStringify.slice(viaStringify.indexOf('\n') + 1));
    }
  });

  it('exports in chunks exactly the CSV of every matching lead, in each sort, across chunk edges', async () => {
    await seed(45);
    await rescoreAll(db, { now, alerts: false });
    for (const [sort, filter] of [['score', {}], ['recent', {}], ['newest', {}], ['score', { source: 'linkedin' }]] as const) {
      const all = (await listLeads(db, { ...filter, sort, limit: 500, format: 'json' } as LeadFilter)).leads;
      expect(all.length).toBeGreaterThan(5);
      const expected = toCsv(leadFieldNames, all.map((l) => leadFieldNames.map((k) => l[k])));
      let got = '';
      for await (const chunk of leadCsvChunks(db, { ...filter, sort }, 4)) got += chunk;
      expect(got).toBe(expected);
      // The same chunks with their lead counts (the CLI's progress): every lead counted once, the header as none.
      const batches: Array<{ text: string; leads: number }> = [];
      for await (const batch of leadCsvBatches(db, { ...filter, sort }, 4)) batches.push(batch);
      expect(batches.map((b) => b.text).join('')).toBe(expected);
      expect(batches[0]).toEqual({ text: expected.slice(0, expected.indexOf('\n') + 1), leads: 0 });
      expect(batches.slice(1).map((b) => b.leads)).toEqual(Array.from({ length: Math.ceil(all.length / 4) }, (_, i) => Math.min(4, all.length - i * 4)));
    }
  });
});
