// The scoring model as a rule version: what a valid set of weights is, and the
// active model each process scores with (cached; a cheap digest check finds a
// version another process saved).
import { z } from 'astro/zod';
import { companySizes, type RuleKind } from '../../../db/tables';
import type { Db, Tx } from '../platform/db';
import { ruleCache, whole, type RuleVersion } from '../operations/rule-versions';
import { activeModel, initialWeights, modelFrom, SENIORITY_LEVELS, useModel, type ScoringModel, type ScoringWeights } from './scoring-model';
import type { ActivityType } from './activities';

export const SCORING: RuleKind = 'scoring_model';

/** Every activity type the model weighs, in the order the form shows them. */
export const ACTIVITY_TYPES = Object.keys(initialWeights().engagement.activities) as ActivityType[];

const points = whole(0, 100, 'Points are a whole number from 0 to 100.');
const penalty = whole(0, 100, 'Points taken off are a whole number from 0 to 100.');
const threshold = whole(1, 100, 'A grade starts at a whole number of points from 1 to 100.');
const keyed = <K extends string>(keys: readonly K[], value: z.ZodType) => z.strictObject(Object.fromEntries(keys.map((k) => [k, value])) as Record<K, z.ZodType>, { error: 'Unknown field.' });
const activityWeight = z
  .strictObject({ points, cap: whole(0, 50, 'A cap is a whole number from 0 to 50.') }, { error: 'Unknown field.' })
  .superRefine((a, ctx) => {
    if (a.cap < a.points) ctx.addIssue({ code: 'custom', path: ['cap'], message: 'The cap is at least the points of one act.' });
  });

const industries = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(/[,，\n]/).map((s) => s.trim().toLowerCase()).filter(Boolean) : v),
  z
    .array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { error: 'Industries are short codes such as saas or hr-tech, separated by commas.' }), { error: 'Industries are short codes such as saas or hr-tech, separated by commas.' })
    .max(30, { error: 'At most 30 industries.' })
    .transform((list) => [...new Set(list)]),
);

export const scoringWeightsSchema = z
  .strictObject(
    {
      fit: z.strictObject(
        {
          companySize: keyed(companySizes, points),
          seniority: keyed(SENIORITY_LEVELS, points),
          icpIndustries: industries,
          icpPoints: points,
          businessEmailPoints: points,
        },
        { error: 'Unknown field.' },
      ),
      engagement: z.strictObject({ halfLifeDays: whole(1, 365, 'The half-life is a whole number of days from 1 to 365.'), activities: keyed(ACTIVITY_TYPES, activityWeight) }, { error: 'Unknown field.' }),
      negative: z.strictObject({ unsubscribed: penalty, student: penalty, competitor: penalty }, { error: 'Unknown field.' }),
      grades: z.strictObject({ A: threshold, B: threshold, C: threshold }, { error: 'Unknown field.' }),
    },
    { error: 'Unknown field.' },
  )
  .superRefine((w, ctx) => {
    if (w.grades.A <= w.grades.B) ctx.addIssue({ code: 'custom', path: ['grades', 'A'], message: 'Grade A needs more points than grade B.' });
    if (w.grades.B <= w.grades.C) ctx.addIssue({ code: 'custom', path: ['grades', 'B'], message: 'Grade B needs more points than grade C.' });
  }) as unknown as z.ZodType<ScoringWeights>;

/** A stored body, read back: anything that no longer validates falls back to the defaults rather than breaking scoring. */
function parseStored(body: unknown): { weights: ScoringWeights; model: ScoringModel } {
  const parsed = scoringWeightsSchema.safeParse(body);
  const weights = parsed.success ? parsed.data : initialWeights();
  return { weights, model: modelFrom(weights) };
}

const cache = ruleCache(SCORING, parseStored, () => parseStored(initialWeights()));

/** The active weights and model, checked against the database now; this process then scores with them. */
export async function loadScoringModel(db: Db | Tx): Promise<{ weights: ScoringWeights; model: ScoringModel; version: number }> {
  const { value, version } = await cache.load(db);
  useModel(value.model);
  return { ...value, version };
}

/** The active model, trusting this process's copy for a few seconds (pages and single-lead rescoring). */
export async function currentScoringModel(db: Db | Tx): Promise<ScoringModel> {
  const { model } = await cache.current(db);
  if (model !== activeModel()) useModel(model);
  return model;
}

/** A version this process just saved: score with it at once. */
export function installScoringVersion(row: RuleVersion, weights: ScoringWeights): ScoringModel {
  const value = { weights, model: modelFrom(weights) };
  cache.set(row, value);
  useModel(value.model);
  return value.model;
}
