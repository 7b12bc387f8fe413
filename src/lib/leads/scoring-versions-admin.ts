// Operations edit the scoring model in /admin/scoring/: preview how grades
// would move (no write), save the weights as a new version (audited, then
// every lead is rescored with it), or roll back to an earlier version (a new
// version with the old body, so history stays linear).
import { isLeadRole } from '../auth/access';
import { writeTransaction, type Db } from '../platform/db';
import { parseWith } from '../platform/http';
import { appendVersion, digestOf, fieldIdOf, flatten, listVersions, nestFields, noteOf, restorable, rollbackAsked, type RuleVersion, type RulesForm } from '../operations/rule-versions';
import { readLeadBatch, rescoreAll } from './rescore';
import { gradeOf, initialWeights, modelFrom, scoreLead, type Grade, type ScoredLead, type ScoringWeights, type SeniorityLevel, type Signal } from './scoring-model';
import { installScoringVersion, loadScoringModel, SCORING, scoringWeightsSchema, type ACTIVITY_TYPES } from './scoring-versions';
import type { Translate } from '../../i18n/catalogue';

export const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D'];

/** The weights a form posted, validated; each message is keyed by its field's name. */
export function weightsFromForm(fields: Record<string, string>): ScoringWeights {
  return parseWith(scoringWeightsSchema, nestFields(fields, ['fit', 'engagement', 'negative', 'grades']));
}

export interface PreviewLead {
  id: number;
  name: string | null;
  email: string;
  company: string | null;
  before: { score: number; grade: Grade };
  after: { score: number; grade: Grade };
  /** The signals whose points differ, before and after (the new signal, or the old one if it is gone). */
  why: Array<{ signal: Signal; before: number; after: number }>;
}

export interface ScoringPreview {
  /** Leads looked at (staff are not leads). */
  leads: number;
  gradeChanges: number;
  scoreChanges: number;
  /** matrix[from][to]: leads whose grade moves from → to (the diagonal: stays). */
  matrix: Record<Grade, Record<Grade, number>>;
  sample: PreviewLead[];
  ms: number;
}

const SAMPLE = 15;

function why(before: ScoredLead, after: ScoredLead): PreviewLead['why'] {
  const old = new Map(before.signals.map((s) => [s.label, s]));
  const out: PreviewLead['why'] = [];
  for (const s of after.signals) {
    const was = old.get(s.label)?.points ?? 0;
    if (was !== s.points) out.push({ signal: s, before: was, after: s.points });
    old.delete(s.label);
  }
  for (const s of old.values()) if (s.points !== 0) out.push({ signal: s, before: s.points, after: 0 });
  return out.sort((a, b) => Math.abs(b.after - b.before) - Math.abs(a.after - a.before));
}

/**
 * How the proposed weights would move every lead, scored now with the active
 * model and with the proposal: one pass over all leads in batches (the bulk
 * rescore's reader), nothing written.
 */
export async function previewScoring(db: Db, proposed: ScoringWeights, now: Date = new Date(), batchSize = 2000): Promise<ScoringPreview> {
  const started = performance.now();
  const { model: current, weights: activeWeights } = await loadScoringModel(db);
  const next = modelFrom(proposed);
  const onlyGrades = digestOf({ ...activeWeights, grades: null }) === digestOf({ ...proposed, grades: null });
  const matrix = Object.fromEntries(GRADES.map((g) => [g, Object.fromEntries(GRADES.map((h) => [h, 0]))])) as ScoringPreview['matrix'];
  // Up to SAMPLE leads per kind of move, interleaved at the end so the sample shows every kind.
  const byMove = new Map<string, PreviewLead[]>();
  const scoreOnly: PreviewLead[] = [];
  let leads = 0;
  let gradeChanges = 0;
  let scoreChanges = 0;
  for (let lastId = 0; ; ) {
    const { batch, activitiesOf, answerFitOf } = await readLeadBatch(db, lastId, batchSize);
    if (batch.length === 0) break;
    lastId = batch[batch.length - 1]!.id;
    for (const person of batch) {
      if (!isLeadRole(person.role)) continue;
      leads++;
      const acts = activitiesOf.get(person.id) ?? [];
      const lead = { ...person, answerFit: answerFitOf.get(person.id) };
      const before = scoreLead(lead, acts, now, undefined, current);
      // Only the grade thresholds moved: the same score, graded again.
      const after = onlyGrades ? { ...before, grade: gradeOf(before.score, next) } : scoreLead(lead, acts, now, undefined, next);
      matrix[before.grade][after.grade]++;
      if (before.grade === after.grade && before.score === after.score) continue;
      const row = (): PreviewLead => ({ id: person.id, name: person.name, email: person.email, company: person.company, before: { score: before.score, grade: before.grade }, after: { score: after.score, grade: after.grade }, why: why(before, after) });
      if (before.grade !== after.grade) {
        gradeChanges++;
        const move = `${before.grade}${after.grade}`;
        const list = byMove.get(move) ?? [];
        if (list.length < SAMPLE) byMove.set(move, [...list, row()]);
      } else {
        scoreChanges++;
        if (scoreOnly.length < SAMPLE) scoreOnly.push(row());
      }
    }
  }
  const lists = [...byMove.values()];
  const sample: PreviewLead[] = [];
  for (let i = 0; sample.length < SAMPLE && lists.some((l) => l.length > i); i++) for (const l of lists) if (l[i] && sample.length < SAMPLE) sample.push(l[i]!);
  for (const r of scoreOnly) if (sample.length < SAMPLE) sample.push(r);
  return { leads, gradeChanges, scoreChanges, matrix, sample, ms: Math.round(performance.now() - started) };
}

export interface ScoringSaved {
  version: RuleVersion;
  created: boolean;
  rescored: number;
  changed: number;
  ms: number;
}

/**
 * Appends the weights as the active version with its audit row, then rescores
 * every lead with them before returning, so the sales desk shows the new
 * grades when the save completes. A rule change is not a lead getting hot:
 * the rescore sends no hot-lead alerts (a lead reaching B with consent still
 * becomes an MQL, as on any rescore).
 */
async function activate(db: Db, weights: ScoringWeights, meta: { note: string; actorId: number; restoredFrom?: number }, now: Date): Promise<ScoringSaved> {
  const started = performance.now();
  // The version and its audit row commit together (appendVersion).
  const outcome = await writeTransaction(db, (tx) => appendVersion(tx, SCORING, weights, { ...meta, defaults: initialWeights() }, now));
  const model = installScoringVersion(outcome.version, weights);
  const { rescored, changed } = outcome.created ? await rescoreAll(db, { now, model, alerts: false }) : { rescored: 0, changed: 0 };
  return { version: outcome.version, created: outcome.created, rescored, changed, ms: Math.round(performance.now() - started) };
}

export async function saveScoringModel(db: Db, input: { weights: ScoringWeights; note: string; actorId: number }, now: Date = new Date()): Promise<ScoringSaved> {
  return activate(db, input.weights, { note: input.note, actorId: input.actorId }, now);
}

/** A new version with version `n`'s weights. */
export async function rollbackScoringModel(db: Db, input: { version: number; actorId: number }, now: Date = new Date()): Promise<ScoringSaved> {
  const { body, meta } = await restorable(db, SCORING, input.version, scoringWeightsSchema);
  return activate(db, body, { ...meta, actorId: input.actorId }, now);
}

export type ScoringFormOutcome = { kind: 'preview'; weights: ScoringWeights; preview: ScoringPreview } | { kind: 'saved'; saved: ScoringSaved };

/** The scoring page's buttons: Preview (no write), Save as a new version, Roll back to a version. */
export async function scoringFormAction(db: Db, fields: Record<string, string>, actorId: number, now: Date = new Date()): Promise<ScoringFormOutcome> {
  if (fields.intent === 'rollback') return { kind: 'saved', saved: await rollbackScoringModel(db, { version: Number(fields.version), actorId }, now) };
  const weights = weightsFromForm(fields);
  if (fields.intent === 'save') return { kind: 'saved', saved: await saveScoringModel(db, { weights, note: noteOf(fields.note), actorId }, now) };
  return { kind: 'preview', weights, preview: await previewScoring(db, weights, now) };
}

/** Every field of the weights form, by name ("grades.A", "engagement.activities.demo_request.cap"), in the form's order. */
export const SCORING_FIELDS: readonly string[] = Object.keys(flatten(initialWeights()));

/** A field's value in a set of weights, as the form shows it. */
export function weightValue(weights: ScoringWeights, name: string): string {
  const value = flatten(weights)[name];
  return Array.isArray(value) ? value.join(', ') : String(value ?? '');
}

/** What the scoring page shows besides the form's outcome: the active weights and the history. */
export async function scoringPage(db: Db): Promise<{ weights: ScoringWeights; version: number; history: Awaited<ReturnType<typeof listVersions>> }> {
  const { weights, version } = await loadScoringModel(db);
  return { weights, version, history: await listVersions(db, SCORING) };
}

/** A grade's badge class in the preview's sample. */
export function gradeBadge(g: Grade): string {
  return g === 'A' ? 'badge badge-teal' : g === 'D' ? 'badge badge-grey' : 'badge';
}

/**
 * Everything the scoring page shows, from its data and its form's outcome:
 * each field's label, value and message, the error summary's links, the
 * preview's grade moves, and the rollback to confirm (`rollback`: ?rollback=N).
 */
export function scoringView(input: { weights: ScoringWeights; version: number; history: ReadonlyArray<{ version: number }>; form: RulesForm<ScoringFormOutcome>; t: Translate; say: (message: string) => string; rollback: string | null }) {
  const { weights, version, history, form, t, say } = input;
  const done = form.result;
  const preview = done?.kind === 'preview' ? done.preview : null;
  const saved = done?.kind === 'saved' ? done.saved : null;
  // What the form shows: what was typed (a preview or a refusal), else the active version.
  const value = (name: string): string => (saved ? weightValue(weights, name) : (form.values[name] ?? weightValue(weights, name)));
  const errors = Object.fromEntries(Object.entries(form.errors).map(([k, v]) => [k, say(v)]));
  const activity = (type: string): string => t(`scoring.activity.${type as (typeof ACTIVITY_TYPES)[number]}`);
  const label = (name: string): string => {
    const [group, key = '', sub] = name.split('.');
    if (group === 'grades') return t('scoring.gradeFrom', { grade: key });
    if (group === 'negative') return t(`scoring.negative.${key as 'student'}`);
    if (name.startsWith('fit.companySize.')) return t('scoring.sizeLabel', { size: sub ?? '' });
    if (name.startsWith('fit.seniority.')) return t(`scoring.seniority.${sub as SeniorityLevel}`);
    if (name.startsWith('engagement.activities.')) return name.endsWith('.cap') ? t('scoring.capLabel', { activity: activity(sub ?? '') }) : t('scoring.pointsLabel', { activity: activity(sub ?? '') });
    return { 'fit.icpIndustries': t('scoring.icpIndustries'), 'fit.icpPoints': t('scoring.icpPoints'), 'fit.businessEmailPoints': t('scoring.businessEmailPoints'), 'engagement.halfLifeDays': t('scoring.halfLife') }[name] ?? name;
  };
  const asked = rollbackAsked(history, version, input.rollback);
  const moves = preview ? GRADES.flatMap((from) => GRADES.filter((to) => to !== from).map((to) => ({ from, to, count: preview.matrix[from][to] }))).filter((m) => m.count > 0) : [];
  return {
    preview,
    saved,
    errors,
    activity,
    field: (name: string) => ({ name, label: label(name), value: value(name), error: errors[name] }),
    summaryFields: Object.fromEntries(SCORING_FIELDS.map((n) => [n, { id: fieldIdOf(n), label: label(n) }])),
    confirm: asked === null ? null : { version: asked, text: t('scoring.rollbackConfirm', { n: asked, next: version + 1 }) },
    moves,
    most: Math.max(1, ...moves.map((m) => m.count)),
    gradeBadge,
    /** The note typed so far ('' after a save). */
    note: form.values.note && !saved ? form.values.note : '',
  };
}
