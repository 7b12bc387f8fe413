// The scoring model as versions: the preview's counts are the same as an
// independent count in SQL, a save rescores every lead with the new weights, a
// rollback restores the old grades as a new version, and each change has its
// audit row. Bad weights are refused field by field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows, writeTransaction, type Db } from '../../src/lib/platform/db';
import { activities, people } from '../../db/tables';
import { rescoreAll } from '../../src/lib/leads/rescore';
import { initialWeights, type ScoringWeights } from '../../src/lib/leads/scoring-model';
import { previewScoring, rollbackScoringModel, saveScoringModel, weightsFromForm, SCORING_FIELDS, weightValue } from '../../src/lib/leads/scoring-versions-admin';
import { loadScoringModel } from '../../src/lib/leads/scoring-versions';
import { appendVersion, listVersions, noteOf } from '../../src/lib/operations/rule-versions';
import { ensureRuleDefaults, seedRuleHistory } from '../../src/lib/operations/rule-versions-defaults';
import { listAuditRows } from '../../src/lib/operations/audit';
import { HttpError } from '../../src/lib/platform/http';
import { setRole } from '../../src/lib/leads/people';
import { tempDatabase, type TempDatabase } from '../support/db';

const now = new Date('2026-06-15T09:00:00Z');
const DAY = 86_400_000;

/** Leads spread over every grade, deterministic. */
async function seedLeads(db: Db, n = 240): Promise<void> {
  let seed = 7;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const titles = ['CEO', '市场总监', 'Marketing Manager', '销售经理', 'Specialist', '学生', null, '总经理', 'VP Sales'];
  const sizes = ['1-10', '11-50', '51-200', '201-1000', '1001-5000', '5000+', null] as const;
  const industries = ['saas', 'manufacturing', 'retail', 'logistics', null];
  const types = ['article_read', 'resource_download', 'demo_request', 'salon_registration', 'salon_checkin', 'package_interest', 'question'];
  const made = await writeTransaction(db, (tx) => tx
    .insert(people)
    .values(Array.from({ length: n }, (_, i) => ({ email: `lead${i}@${rand() < 0.3 ? 'qq.com' : `firm${i}.cn`}`, name: `Lead ${i}`, jobTitle: pick(titles), companySize: pick(sizes), industry: pick(industries), consentAt: rand() < 0.5 ? now : null, createdAt: new Date(now.getTime() - 90 * DAY) })))
    .returning({ id: people.id }));
  const acts: Array<typeof activities.$inferInsert> = [];
  for (const { id } of made) for (let k = Math.floor(rand() * 7); k > 0; k--) acts.push({ personId: id, type: pick(types), subject: `s${k}`, occurredAt: new Date(now.getTime() - Math.floor(rand() * 60) * DAY) });
  await writeTransaction(db, async (tx) => {
    for (let i = 0; i < acts.length; i += 200) await tx.insert(activities).values(acts.slice(i, i + 200));
  });
  await rescoreAll(db, { now, alerts: false });
}

const count = async (db: Db, where: string): Promise<number> => Number((await rows<{ n: number | string }>(db, sql.raw(`SELECT count(*) AS n FROM people WHERE role IN ('lead', 'member') AND ${where}`)))[0]!.n);

const withA = (w: ScoringWeights, a: number): ScoringWeights => ({ ...w, grades: { ...w.grades, A: a } });

let t: TempDatabase;
let adminId: number;

beforeAll(async () => {
  t = await tempDatabase();
  await ensureRuleDefaults(t.db, now);
  adminId = (await setRole(t.db, 'ops@flywheel.example', 'admin')).id;
  await seedLeads(t.db);
}, 60_000);
afterAll(async () => t?.cleanup());

describe('scoring model versions', () => {
  it('previews exactly the leads an independent SQL count finds, and writes nothing', async () => {
    const moving = await count(t.db, 'score >= 60 AND score < 70');
    expect(moving).toBeGreaterThan(0);
    expect(await count(t.db, "score >= 60 AND score < 70 AND grade <> 'B'")).toBe(0);
    const before = await rows<{ id: number; grade: string; score: number }>(t.db, sql.raw('SELECT id, grade, score FROM people ORDER BY id'));

    const preview = await previewScoring(t.db, withA(initialWeights(), 60), now);
    expect(preview.leads).toBe(await count(t.db, '1 = 1'));
    expect(preview.matrix.B.A).toBe(moving);
    expect(preview.gradeChanges).toBe(moving);
    expect(preview.scoreChanges).toBe(0);
    for (const from of ['A', 'B', 'C', 'D'] as const) for (const to of ['A', 'B', 'C', 'D'] as const) if (from !== to && !(from === 'B' && to === 'A')) expect(preview.matrix[from][to]).toBe(0);
    expect(preview.sample.length).toBe(Math.min(15, moving));
    for (const l of preview.sample) {
      expect(l.before).toEqual({ score: l.after.score, grade: 'B' });
      expect(l.after.grade).toBe('A');
      expect(l.after.score).toBeGreaterThanOrEqual(60);
      expect(l.after.score).toBeLessThan(70);
      expect(l.why).toEqual([]); // only a threshold moved
    }
    // Nothing written.
    expect(await rows(t.db, sql.raw('SELECT id, grade, score FROM people ORDER BY id'))).toEqual(before);
    expect((await listVersions(t.db, 'scoring_model')).map((v) => v.version)).toEqual([1]);
  });

  it('explains a weight change by the signals that moved', async () => {
    const w = initialWeights();
    const preview = await previewScoring(t.db, { ...w, engagement: { ...w.engagement, activities: { ...w.engagement.activities, demo_request: { points: 40, cap: 45 } } } }, now);
    expect(preview.scoreChanges + preview.gradeChanges).toBeGreaterThan(0);
    const moved = preview.sample.find((l) => l.why.length > 0)!;
    expect(moved.why[0]!.signal.why).toMatchObject({ fact: 'activity', type: 'demo_request' });
    expect(moved.why[0]!.after).toBeGreaterThan(moved.why[0]!.before);
  });

  it('saves a version that rescores every lead, and a rollback restores the grades as a new version', async () => {
    const moving = await count(t.db, 'score >= 60 AND score < 70');
    const gradesBefore = await rows<{ id: number; grade: string }>(t.db, sql.raw('SELECT id, grade FROM people ORDER BY id'));

    const saved = await saveScoringModel(t.db, { weights: withA(initialWeights(), 60), note: 'A from 60 after the Q2 review', actorId: adminId }, now);
    expect(saved.created).toBe(true);
    expect(saved.version.version).toBe(2);
    expect(saved.changed).toBe(moving);
    expect(await count(t.db, "score >= 60 AND score < 70 AND grade = 'A'")).toBe(moving);
    expect(await count(t.db, "score >= 60 AND grade <> 'A'")).toBe(0);
    expect((await loadScoringModel(t.db)).weights.grades.A).toBe(60);

    const again = await saveScoringModel(t.db, { weights: withA(initialWeights(), 60), note: 'twice', actorId: adminId }, now);
    expect(again.created).toBe(false);

    const back = await rollbackScoringModel(t.db, { version: 1, actorId: adminId }, now);
    expect(back.version).toMatchObject({ version: 3, restoredFrom: 1 });
    expect(await rows(t.db, sql.raw('SELECT id, grade FROM people ORDER BY id'))).toEqual(gradesBefore);
    expect((await listVersions(t.db, 'scoring_model')).map((v) => v.version)).toEqual([3, 2, 1]);

    const audit = await listAuditRows(t.db, { entity: 'scoring_model' });
    expect(audit.map((a) => [a.entityId, a.action])).toEqual([['3', 'rollback'], ['2', 'update']]);
    expect(audit[1]!.detail?.changes?.['grades.A']).toEqual({ before: 70, after: 60 });
    expect(audit[1]!.actorEmail).toBe('ops@flywheel.example');
  });

  it('makes one version of two identical saves at once', async () => {
    const w = withA(initialWeights(), 75);
    const [a, b] = await Promise.all([saveScoringModel(t.db, { weights: w, note: '', actorId: adminId }, now), saveScoringModel(t.db, { weights: w, note: '', actorId: adminId }, now)]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect((await listVersions(t.db, 'scoring_model'))[0]!.version).toBe(4);
    await rollbackScoringModel(t.db, { version: 1, actorId: adminId }, now);
  });

  it('scores with a version another process saved, found by its digest', async () => {
    const w = withA(initialWeights(), 55);
    await writeTransaction(t.db, (tx) => appendVersion(tx, 'scoring_model', w, { note: 'elsewhere', actorId: adminId, defaults: initialWeights() }, now));
    await rescoreAll(t.db, { now, alerts: false });
    expect(await count(t.db, "score >= 55 AND grade <> 'A'")).toBe(0);
    expect(await count(t.db, 'score >= 55 AND score < 70')).toBeGreaterThan(0);
    await rollbackScoringModel(t.db, { version: 1, actorId: adminId }, now);
    expect(await count(t.db, "score >= 55 AND score < 70 AND grade = 'A'")).toBe(0);
  });
});

describe('the demo history', () => {
  it('ends on the shipped weights and is written once', async () => {
    const d = await tempDatabase();
    try {
      await setRole(d.db, 'admin@flywheel.example', 'admin');
      await seedRuleHistory(d.db, now);
      await seedRuleHistory(d.db, now);
      const versions = await listVersions(d.db, 'scoring_model');
      expect(versions.map((v) => [v.version, v.restoredFrom])).toEqual([[3, 1], [2, null], [1, null]]);
      expect((await loadScoringModel(d.db)).weights).toEqual(initialWeights());
      expect((await listVersions(d.db, 'gift_ladder')).map((v) => v.version)).toEqual([1]);
      expect((await listAuditRows(d.db, { entity: 'scoring_model' })).map((a) => a.action)).toEqual(['rollback', 'update']);
    } finally {
      await d.cleanup();
    }
  });
});

describe('weights from the form', () => {
  const form = (over: Record<string, string> = {}): Record<string, string> => ({ ...Object.fromEntries(SCORING_FIELDS.map((n) => [n, weightValue(initialWeights(), n)])), ...over });
  const refusal = (fields: Record<string, string>): Record<string, string> => {
    try {
      weightsFromForm(fields);
    } catch (error) {
      expect(error).toBeInstanceOf(HttpError);
      return (error as HttpError).fields ?? {};
    }
    throw new Error('accepted');
  };

  it('reads the form it shows', () => {
    expect(weightsFromForm(form())).toEqual(initialWeights());
    expect(weightsFromForm(form({ 'fit.icpIndustries': ' SaaS ,logistics，saas ' })).fit.icpIndustries).toEqual(['saas', 'logistics']);
  });

  it('refuses each bad value beside its field', () => {
    expect(refusal(form({ 'grades.A': '50' }))['grades.A']).toBe('Grade A needs more points than grade B.');
    expect(refusal(form({ 'grades.B': '20' }))['grades.B']).toBe('Grade B needs more points than grade C.');
    expect(refusal(form({ 'fit.icpPoints': '-3' }))['fit.icpPoints']).toBe('Points are a whole number from 0 to 100.');
    expect(refusal(form({ 'fit.icpPoints': '' }))['fit.icpPoints']).toBe('Points are a whole number from 0 to 100.');
    expect(refusal(form({ 'fit.icpPoints': '2.5' }))['fit.icpPoints']).toBe('Points are a whole number from 0 to 100.');
    expect(refusal(form({ 'engagement.activities.demo_request.cap': '5' }))['engagement.activities.demo_request.cap']).toBe('The cap is at least the points of one act.');
    expect(refusal(form({ 'engagement.activities.tiktok_like.points': '5' }))['engagement.activities']).toBe('Unknown field.');
    expect(refusal(form({ 'engagement.halfLifeDays': '0' }))['engagement.halfLifeDays']).toBeDefined();
    expect(Object.keys(refusal(form({ 'fit.icpIndustries': 'saas,\u0007evil' })))[0]).toMatch(/^fit\.icpIndustries/);
    expect(Object.keys(refusal(form({ 'negative.student': 'x'.repeat(70_000) })))).toEqual(['negative.student']);
    // Prototype keys are ignored, not merged.
    expect(() => weightsFromForm(form({ '__proto__.polluted': '1', 'grades.constructor.x': '1' }))).not.toThrow();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a note with control characters or over 200 characters', () => {
    expect(() => noteOf('bad\u0000note')).toThrow(HttpError);
    expect(() => noteOf('x'.repeat(201))).toThrow(HttpError);
    expect(noteOf('  Q3 review  ')).toBe('Q3 review');
  });
});
