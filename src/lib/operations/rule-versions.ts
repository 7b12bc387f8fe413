// Rule sets operations edit in /admin/ (the scoring model, the gift ladder),
// kept as numbered versions in rule_versions. The newest version of a kind is
// the active one; nothing is ever updated or deleted: a rollback appends a copy
// of an older body. Processes cache the active body and compare its digest
// (one indexed row) to know when another process saved a new version.
import { createHash } from 'node:crypto';
import { z } from 'astro/zod';
import { desc, eq, and, sql } from 'drizzle-orm';
import { databaseOf, lockFor, reusableQuery, type Db, type Tx } from '../platform/db';
import { HttpError } from '../platform/http';
import { ONE_LINE_CONTROL } from '../platform/validation';
import { changedFields, recordChange, type AuditChange } from './audit';
import { people, ruleVersions, type RuleKind } from '../../../db/tables';

export interface RuleVersion {
  id: number;
  kind: RuleKind;
  version: number;
  body: unknown;
  digest: string;
  note: string;
  restoredFrom: number | null;
  createdBy: number | null;
  createdAt: Date;
}

/** A stable JSON text of a body: keys sorted, so equal bodies have equal digests. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function digestOf(body: unknown): string {
  return createHash('sha256').update(canonical(body)).digest('hex');
}

const stampOf = reusableQuery('rule_version_stamp', (db) =>
  db.select({ version: ruleVersions.version, digest: ruleVersions.digest }).from(ruleVersions).where(eq(ruleVersions.kind, sql.placeholder('kind'))).orderBy(desc(ruleVersions.version)).limit(1),
);

/** The active version's number and digest: the cheap check a cache makes. */
export async function activeStamp(db: Db | Tx, kind: RuleKind): Promise<{ version: number; digest: string } | undefined> {
  return (await stampOf(db, { kind }))[0];
}

export async function activeVersion(db: Db | Tx, kind: RuleKind): Promise<RuleVersion | undefined> {
  return (await db.select().from(ruleVersions).where(eq(ruleVersions.kind, kind)).orderBy(desc(ruleVersions.version)).limit(1))[0];
}

export async function versionOf(db: Db | Tx, kind: RuleKind, version: number): Promise<RuleVersion | undefined> {
  if (!Number.isSafeInteger(version) || version < 1) return undefined;
  return (await db.select().from(ruleVersions).where(and(eq(ruleVersions.kind, kind), eq(ruleVersions.version, version))))[0];
}

/**
 * What a rollback to version `n` restores: its body, still valid under
 * today's schema, and how the new version says where it came from.
 */
export async function restorable<T>(db: Db | Tx, kind: RuleKind, n: number, schema: z.ZodType<T>): Promise<{ body: T; meta: { note: string; restoredFrom: number } }> {
  const old = await versionOf(db, kind, n);
  if (!old) throw new HttpError('not_found', 'There is no such version.');
  const parsed = schema.safeParse(old.body);
  if (!parsed.success) throw new HttpError('conflict', 'That version can no longer be used.');
  return { body: parsed.data, meta: { note: `Rollback to version ${old.version}`, restoredFrom: old.version } };
}

/** Newest first, with who saved each. */
export async function listVersions(db: Db, kind: RuleKind, limit = 50): Promise<Array<RuleVersion & { createdByEmail: string | null; createdByName: string | null }>> {
  const found = await db
    .select({ v: ruleVersions, email: people.email, name: people.name })
    .from(ruleVersions)
    .leftJoin(people, eq(people.id, ruleVersions.createdBy))
    .where(eq(ruleVersions.kind, kind))
    .orderBy(desc(ruleVersions.version))
    .limit(limit);
  return found.map((r) => ({ ...r.v, createdByEmail: r.email, createdByName: r.name }));
}

/** Version 1 of `kind` with `body`, unless there is one: idempotent, and safe when several processes start at once. */
export async function ensureFirstVersion(db: Db | Tx, kind: RuleKind, body: unknown, now: Date = new Date()): Promise<void> {
  await db.insert(ruleVersions).values({ kind, version: 1, body, digest: digestOf(body), note: 'Defaults', createdAt: now }).onConflictDoNothing();
}

/** The audit trail's entity for each kind of rule set. */
const AUDIT_ENTITY = { scoring_model: 'scoring_model', gift_ladder: 'gift_rule', routing: 'routing', customer_grading: 'customer_grading' } as const satisfies Record<RuleKind, AuditChange['entity']>;

/**
 * Appends a version, with its audit row, inside the caller's transaction and
 * returns it with the version it replaces. The same body as the active version
 * appends nothing (`created` false): a form sent twice makes one version.
 */
export async function appendVersion(
  tx: Tx,
  kind: RuleKind,
  body: unknown,
  meta: { note: string; actorId: number; restoredFrom?: number; defaults: unknown },
  now: Date,
): Promise<{ created: boolean; version: RuleVersion; previous: RuleVersion }> {
  await lockFor(tx, `rule_versions:${kind}`);
  await ensureFirstVersion(tx, kind, meta.defaults, now);
  const previous = (await activeVersion(tx, kind))!;
  const digest = digestOf(body);
  if (digest === previous.digest) return { created: false, version: previous, previous };
  const [version] = await tx
    .insert(ruleVersions)
    .values({ kind, version: previous.version + 1, body, digest, note: meta.note, restoredFrom: meta.restoredFrom ?? null, createdBy: meta.actorId, createdAt: now })
    .returning();
  const n = version!.version;
  const rollback = meta.restoredFrom !== undefined;
  await recordChange(
    tx,
    {
      actorId: meta.actorId,
      entity: AUDIT_ENTITY[kind],
      entityId: n,
      action: rollback ? 'rollback' : 'update',
      summary: rollback ? `Version ${n} restores version ${meta.restoredFrom}` : `Version ${n}${meta.note ? `: ${meta.note}` : ''}`,
      changes: changedFields(flatten(previous.body), flatten(body)),
    },
    now,
  );
  return { created: true, version: version!, previous };
}

/**
 * A per-process copy of a kind's active body: `current(db)` checks the
 * database's digest at most every `ttlMs` (one indexed row), and reparses
 * only when it changed. `set` installs a body this process just saved.
 */
export function ruleCache<T>(kind: RuleKind, parse: (body: unknown) => T, fallback: () => T, ttlMs = 5_000) {
  let cached: { digest: string; value: T; version: number } | undefined;
  let checkedAt = 0;
  /** The database last checked (databaseOf: a transaction on it counts as it). */
  let checkedOn: object | undefined;
  return {
    /** The active value, checking the database now. */
    async load(db: Db | Tx): Promise<{ value: T; version: number }> {
      const stamp = await activeStamp(db, kind);
      checkedAt = Date.now();
      checkedOn = databaseOf(db);
      // No version stored yet: the defaults are the copy to trust (digest '' matches no stored one).
      // Left uncached, `current` read the stamp again on every call: once a registration for routing.
      if (!stamp) {
        if (cached?.digest !== '') cached = { digest: '', value: fallback(), version: 1 };
      } else if (cached?.digest !== stamp.digest) {
        const row = (await activeVersion(db, kind))!;
        cached = { digest: row.digest, value: parse(row.body), version: row.version };
      }
      return { value: cached.value, version: cached.version };
    },
    /** The active value, trusting the cached copy for a few seconds. */
    async current(db: Db | Tx): Promise<T> {
      if (cached && checkedOn === databaseOf(db) && Date.now() - checkedAt < ttlMs) return cached.value;
      return (await this.load(db)).value;
    },
    set(row: RuleVersion, value: T): void {
      cached = { digest: row.digest, value, version: row.version };
    },
  };
}

const UNSAFE_KEY = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * A form's dotted field names ("grades.A", "fit.companySize.1-10") under the
 * given roots, as nested objects of the posted strings, so a schema's error
 * paths are the form's field names. Other fields are left out.
 */
export function nestFields(fields: Record<string, string>, roots: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    const path = name.split('.');
    if (!roots.includes(path[0]!) || path.length > 5 || path.some((p) => !p || UNSAFE_KEY.has(p))) continue;
    let node = out;
    for (const part of path.slice(0, -1)) {
      const next = node[part];
      if (next && typeof next === 'object') node = next as Record<string, unknown>;
      else node = (node[part] = {}) as Record<string, unknown>;
    }
    node[path[path.length - 1]!] = value;
  }
  return out;
}

/** A body as dotted paths and values ("grades.A" → 70), for an audit row's before and after. */
export function flatten(value: unknown, prefix = ''): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { [prefix]: value };
  return Object.assign({}, ...Object.entries(value).map(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k)));
}

/** A short free-text note on a version. */
export function noteOf(value: string | undefined): string {
  const note = (value ?? '').trim();
  if (note.length > 200) throw new HttpError('invalid', 'Some fields need another look.', { note: 'A note is at most 200 characters.' });
  if (ONE_LINE_CONTROL.test(note)) throw new HttpError('invalid', 'Some fields need another look.', { note: 'A note cannot contain control characters.' });
  return note;
}

/** A whole number between min and max, from a number or a form's text (an empty field is not 0). */
export function whole(min: number, max: number, error: string) {
  return z.preprocess((v) => (typeof v === 'string' && /^\s*-?\d{1,6}\s*$/.test(v) ? Number(v) : v), z.number({ error }).int({ error }).min(min, { error }).max(max, { error }));
}

/** The id of a rules form's control for a field name ("grades.A" → "f-grades-A"). */
export function fieldIdOf(name: string): string {
  return `f-${name.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}

/** What a rules page's form came back with: the page's form state, as plain values. */
export interface RulesForm<T> {
  values: Record<string, string>;
  errors: Record<string, string>;
  result?: T | undefined;
}

/** The version a rules page was asked to roll back to (?rollback=N): one in the history that is not the active one. */
export function rollbackAsked(history: ReadonlyArray<{ version: number }>, active: number, asked: string | null): number | null {
  const n = Number(asked);
  return history.some((v) => v.version === n && v.version !== active) ? n : null;
}
