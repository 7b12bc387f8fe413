// The routing page's use cases: the rules (a new version with its audit row),
// each sales person's place in the rotation (available, weight, away until,
// with an audit row per change), a sales person marking themselves away or
// back from the desk, and what the page and the lead page show.
import { and, count, eq, inArray, isNull, lte } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { writeTransaction, type Db, type Tx } from '../platform/db';
import { HttpError, parseWith } from '../platform/http';
import { appendVersion, fieldIdOf, listVersions, type RuleVersion } from '../operations/rule-versions';
import type { Translate } from '../../i18n/catalogue';
import { changedFields, recordChange } from '../operations/audit';
import { mailOutbox, people, salesRouting } from '../../../db/tables';
import { defaultRouting, formOfRules, installRoutingRules, loadRoutingRules, ROUTING, routingRules, routingRulesSchema, rulesFromForm, type RoutingRules } from './routing-rules';
import { inRotation } from './round-robin';
import { slaStateOf, type SlaState } from './sla';

export interface RotationPerson {
  personId: number;
  email: string;
  name: string | null;
  role: 'sales' | 'admin';
  /** False when the person has no routing row yet (not in rotation). */
  listed: boolean;
  available: boolean;
  weight: number;
  awayUntil: Date | null;
  assignedCount: number;
  lastAssignedAt: Date | null;
  /** Gets leads now: available, not away, weight above 0. */
  inRotation: boolean;
  /** Open leads they own whose SLA passed untouched (until the next settle returns them). */
  overdue: number;
  /** Leads that went back to the queue from them because the SLA passed (their "went back" mails). */
  missed: number;
}

/** Sales people and admins, with their routing row, counts of overdue and missed leads. */
export async function rotationPeople(db: Db | Tx, now: Date): Promise<RotationPerson[]> {
  const rows = await db
    .select({ personId: people.id, email: people.email, name: people.name, role: people.role, r: salesRouting })
    .from(people)
    .leftJoin(salesRouting, eq(salesRouting.personId, people.id))
    .where(inArray(people.role, ['sales', 'admin']))
    .orderBy(people.email);
  const ids = rows.map((r) => r.personId);
  const overdue = new Map<number, number>();
  const missed = new Map<string, number>();
  if (ids.length) {
    for (const o of await db
      .select({ ownerId: people.ownerId, n: count() })
      .from(people)
      .where(and(inArray(people.ownerId, ids), lte(people.slaDueAt, now), isNull(people.firstTouchAt), inArray(people.status, ['new', 'mql'])))
      .groupBy(people.ownerId))
      overdue.set(o.ownerId!, o.n);
    for (const m of await db.select({ to: mailOutbox.to, n: count() }).from(mailOutbox).where(and(eq(mailOutbox.template, 'sla-returned'), inArray(mailOutbox.to, rows.map((r) => r.email)))).groupBy(mailOutbox.to)) missed.set(m.to, m.n);
  }
  return rows.map(({ r, ...p }) => {
    const row = { available: r?.available ?? false, weight: r?.weight ?? 1, awayUntil: r?.awayUntil ?? null };
    return {
      ...p,
      role: p.role as 'sales' | 'admin',
      listed: r !== null,
      ...row,
      assignedCount: r?.assignedCount ?? 0,
      lastAssignedAt: r?.lastAssignedAt ?? null,
      inRotation: r !== null && inRotation({ ...row, personId: p.personId, role: p.role, credit: 0 }, now),
      overdue: overdue.get(p.personId) ?? 0,
      missed: missed.get(p.email) ?? 0,
    };
  });
}

export async function routingPage(db: Db, now: Date): Promise<{ rules: RoutingRules; version: number; history: Awaited<ReturnType<typeof listVersions>>; people: RotationPerson[] }> {
  const { rules, version } = await loadRoutingRules(db);
  return { rules, version, history: await listVersions(db, ROUTING, 10), people: await rotationPeople(db, now) };
}

/** Saves the rules form as a new version (with its audit row); the same rules again append nothing. */
export async function saveRoutingRules(db: Db, fields: Record<string, string>, actorId: number, now: Date = new Date()): Promise<{ created: boolean; version: RuleVersion }> {
  const rules = parseWith(routingRulesSchema, rulesFromForm(fields));
  const saved = await writeTransaction(db, (tx) => appendVersion(tx, ROUTING, rules, { note: 'Routing and SLA', actorId, defaults: defaultRouting }, now));
  installRoutingRules(saved.version, rules);
  return { created: saved.created, version: saved.version };
}

const WEIGHT_ERROR = 'A weight is a whole number from 0 to 10.';
const DATE_ERROR = 'A date such as 2026-12-01, or empty.';

/** A "back on" date as the instant that day starts on the working clock; '' → null. */
function backOn(value: string | undefined, rules: RoutingRules): Date | null | undefined {
  const text = (value ?? '').trim();
  if (!text) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const day = DateTime.fromISO(text, { zone: rules.workingHours.timezone });
  return day.isValid ? day.startOf('day').toJSDate() : undefined;
}

/** The form's date for an instant: the day it falls on, on the working clock. */
export function dateOfBackOn(at: Date | null, rules: RoutingRules): string {
  return at ? DateTime.fromJSDate(at, { zone: rules.workingHours.timezone }).toISODate()! : '';
}

async function upsertRow(tx: Tx, personId: number, values: { available: boolean; weight: number; awayUntil: Date | null }, actorId: number, summary: string, now: Date): Promise<boolean> {
  const before = (await tx.select({ available: salesRouting.available, weight: salesRouting.weight, awayUntil: salesRouting.awayUntil }).from(salesRouting).where(eq(salesRouting.personId, personId)))[0];
  const changes = changedFields<Record<string, unknown>>(before ? { ...before, awayUntil: before.awayUntil?.toISOString() ?? null } : {}, { ...values, awayUntil: values.awayUntil?.toISOString() ?? null });
  if (before && !Object.keys(changes).length) return false;
  await tx.insert(salesRouting).values({ personId, ...values }).onConflictDoUpdate({ target: salesRouting.personId, set: values });
  await recordChange(tx, { actorId, entity: 'routing', entityId: personId, action: before ? 'update' : 'create', summary, changes }, now);
  return true;
}

/**
 * The people form: for each listed person (`people` = their ids), available
 * (a checkbox), weight 0–10 and a "back on" date. Every value is checked
 * before anything is written; someone who is not sales or admin → 400.
 */
export async function saveRotation(db: Db, fields: Record<string, string>, actorId: number, now: Date = new Date()): Promise<{ changed: number }> {
  const ids = (fields.people ?? '').split(',').filter(Boolean).map(Number);
  if (!ids.length || ids.length > 500 || ids.some((id) => !Number.isSafeInteger(id) || id < 1)) throw new HttpError('invalid', 'Some fields need another look.', { people: 'Send the people on this form.' });
  const rules = await routingRules(db);
  const errors: Record<string, string> = {};
  const values = new Map<number, { available: boolean; weight: number; awayUntil: Date | null }>();
  for (const id of new Set(ids)) {
    const weightText = (fields[`weight.${id}`] ?? '').trim();
    const weight = /^\d{1,2}$/.test(weightText) ? Number(weightText) : NaN;
    if (!(weight >= 0 && weight <= 10)) errors[`weight.${id}`] = WEIGHT_ERROR;
    const awayUntil = backOn(fields[`awayUntil.${id}`], rules);
    if (awayUntil === undefined) errors[`awayUntil.${id}`] = DATE_ERROR;
    values.set(id, { available: fields[`available.${id}`] === 'on', weight, awayUntil: awayUntil ?? null });
  }
  if (Object.keys(errors).length) throw new HttpError('invalid', 'Some fields need another look.', errors);
  return writeTransaction(db, async (tx) => {
    const staff = await tx.select({ id: people.id, email: people.email }).from(people).where(and(inArray(people.id, [...values.keys()]), inArray(people.role, ['sales', 'admin'])));
    if (staff.length !== values.size) throw new HttpError('invalid', 'Some fields need another look.', { people: 'Only sales people and admins take part in routing.' });
    let changed = 0;
    for (const s of staff) if (await upsertRow(tx, s.id, values.get(s.id)!, actorId, `Routing for ${s.email}`, now)) changed++;
    return { changed };
  });
}

/** A sales person marks themselves away until a date (back on that day), or back now. */
export async function setMyAvailability(db: Db, me: { id: number; email: string }, fields: Record<string, string>, now: Date = new Date()): Promise<{ awayUntil: Date | null }> {
  const rules = await routingRules(db);
  let awayUntil: Date | null = null;
  if (fields.availability !== 'back') {
    const date = backOn(fields.awayUntil, rules);
    if (!date || date.getTime() <= now.getTime()) throw new HttpError('invalid', 'Some fields need another look.', { awayUntil: 'Choose the day you are back, after today.' });
    awayUntil = date;
  }
  await writeTransaction(db, async (tx) => {
    const row = (await tx.select({ weight: salesRouting.weight }).from(salesRouting).where(eq(salesRouting.personId, me.id)))[0];
    await upsertRow(tx, me.id, { available: true, weight: row?.weight ?? 1, awayUntil }, me.id, awayUntil ? `${me.email} is away` : `${me.email} is back`, now);
  });
  return { awayUntil };
}

/** My place in the rotation, for the desk's small form. */
export async function myRotation(db: Db, personId: number, now: Date): Promise<{ listed: boolean; inRotation: boolean; awayUntil: Date | null; backOn: string; enabled: boolean }> {
  const rules = await routingRules(db);
  const r = (await db.select({ row: salesRouting, role: people.role }).from(salesRouting).innerJoin(people, eq(people.id, salesRouting.personId)).where(eq(salesRouting.personId, personId)))[0];
  const away = r?.row.awayUntil && r.row.awayUntil.getTime() > now.getTime() ? r.row.awayUntil : null;
  return { listed: Boolean(r), inRotation: r ? inRotation({ ...r.row, role: r.role }, now) : false, awayUntil: away, backOn: dateOfBackOn(away, rules), enabled: rules.enabled };
}

/** One lead's SLA for the lead page: its state and the clock's zone. */
export async function leadSla(db: Db, leadId: number, now: Date): Promise<{ state: SlaState; timezone: string; rules: RoutingRules } | null> {
  const lead = (await db.select({ slaDueAt: people.slaDueAt, firstTouchAt: people.firstTouchAt }).from(people).where(eq(people.id, leadId)))[0];
  if (!lead) return null;
  const rules = await routingRules(db);
  return { state: slaStateOf(lead, now), timezone: rules.workingHours.timezone, rules };
}

/** SLA states of a page of leads (one query). */
export async function slaStatesOf(db: Db, ids: readonly number[], now: Date): Promise<Map<number, SlaState>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: people.id, slaDueAt: people.slaDueAt, firstTouchAt: people.firstTouchAt }).from(people).where(inArray(people.id, [...ids]));
  return new Map(rows.map((r) => [r.id, slaStateOf(r, now)]));
}

export type RoutingFormResult = { kind: 'rules'; created: boolean; version: number } | { kind: 'people'; changed: number };

/** The routing page's POST: the rules form (form=rules) or the people form (form=people). */
export async function routingFormAction(db: Db, fields: Record<string, string>, actorId: number, now: Date = new Date()): Promise<RoutingFormResult> {
  if (fields.form === 'people') return { kind: 'people', ...(await saveRotation(db, fields, actorId, now)) };
  const saved = await saveRoutingRules(db, fields, actorId, now);
  return { kind: 'rules', created: saved.created, version: saved.version.version };
}

/** What the page's two forms show: the values typed (after a refusal) or the stored ones, and each form's messages. */
export function routingFormView(page: { rules: RoutingRules; people: RotationPerson[] }, form: { values: Record<string, string>; errors: Record<string, string>; result?: RoutingFormResult | undefined; submitted: boolean }) {
  const posted = form.submitted && !form.result ? (form.values.form === 'people' ? 'people' : 'rules') : null;
  const stored: Record<string, string> = { ...formOfRules(page.rules) };
  for (const p of page.people) {
    if (p.available) stored[`available.${p.personId}`] = 'on';
    stored[`weight.${p.personId}`] = String(p.weight);
    stored[`awayUntil.${p.personId}`] = dateOfBackOn(p.awayUntil, page.rules);
  }
  const valuesOf = (which: 'rules' | 'people') => (posted === which ? form.values : stored);
  return {
    rules: valuesOf('rules'),
    people: valuesOf('people'),
    rulesErrors: posted === 'rules' ? form.errors : {},
    peopleErrors: posted === 'people' ? form.errors : {},
    posted,
  };
}

/** The error summary's links: each refused field's control and the label people see. */
export function summaryFields(errors: Record<string, string>, rotation: readonly RotationPerson[], t: Translate): Record<string, { id: string; label: string }> {
  const label = (name: string): string => {
    if (name.startsWith('slaHours.')) return t('routing.gradeLabel', { grade: name.slice('slaHours.'.length) });
    if (name.startsWith('workingHours.')) return t(`routing.${name.slice('workingHours.'.length) as 'timezone' | 'days' | 'start' | 'end'}`);
    if (name === 'grades') return t('routing.grades');
    if (name === 'people') return t('routing.peopleField');
    const who = rotation.find((p) => name.endsWith(`.${p.personId}`));
    return who ? (who.name ?? who.email) : name;
  };
  return Object.fromEntries(Object.keys(errors).map((name) => [name, { id: name === 'people' ? 'people-table' : fieldIdOf(name), label: label(name) }]));
}

/** Open leads whose first touch is overdue, the longest overdue first: the desk's "Overdue" list (a few) and how many in all. */
export async function overdueLeads(db: Db, now: Date, limit = 5): Promise<{ count: number; leads: Array<{ id: number; name: string | null; email: string; grade: string; slaDueAt: Date; owner: string | null }> }> {
  const where = and(lte(people.slaDueAt, now), isNull(people.firstTouchAt), inArray(people.status, ['new', 'mql']), inArray(people.role, ['lead', 'member']));
  const [total] = await db.select({ n: count() }).from(people).where(where);
  const rows = await db
    .select({ id: people.id, name: people.name, email: people.email, grade: people.grade, slaDueAt: people.slaDueAt, ownerId: people.ownerId })
    .from(people)
    .where(where)
    .orderBy(people.slaDueAt, people.id)
    .limit(limit);
  const owners = new Map((rows.some((r) => r.ownerId) ? await db.select({ id: people.id, email: people.email }).from(people).where(inArray(people.id, rows.flatMap((r) => (r.ownerId ? [r.ownerId] : [])))) : []).map((o) => [o.id, o.email]));
  return { count: total?.n ?? 0, leads: rows.map(({ ownerId, slaDueAt, ...r }) => ({ ...r, slaDueAt: slaDueAt!, owner: ownerId ? (owners.get(ownerId) ?? null) : null })) };
}
