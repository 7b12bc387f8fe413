// The audit trail: every admin change (a salon, coupon batch, partner, cost,
// rule or staff role) writes one row in the same transaction as the change, so
// a change without its row (or a row without its change) cannot happen.
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { auditLog, people, type AuditAction, type AuditDetail, type AuditEntity } from '../../../db/tables';
import type { Db, Tx } from '../platform/db';

export interface AuditChange {
  /** The staff account that made the change. */
  actorId: number;
  entity: Exclude<AuditEntity, 'person'>;
  /** Which one: a salon's slug, a batch's or partner's id. */
  entityId: string | number;
  action: AuditAction;
  summary?: string;
  /** Each changed field's before and after (see changedFields). */
  changes?: AuditDetail['changes'];
}

export async function recordChange(tx: Tx, change: AuditChange, now: Date = new Date()): Promise<void> {
  const detail: AuditDetail = {};
  if (change.summary) detail.summary = change.summary;
  if (change.changes && Object.keys(change.changes).length) detail.changes = change.changes;
  await tx.insert(auditLog).values({
    actorId: change.actorId,
    subjectId: null,
    entity: change.entity,
    entityId: String(change.entityId),
    action: change.action,
    detail: Object.keys(detail).length ? detail : null,
    at: now,
  });
}

/** The fields whose values differ between two versions of a thing, as { field: { before, after } }. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): NonNullable<AuditDetail['changes']> {
  const changes: NonNullable<AuditDetail['changes']> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(value ?? null)) changes[key] = { before: before[key] ?? null, after: value ?? null };
  }
  return changes;
}

export interface AuditRow {
  id: number;
  at: Date;
  actorEmail: string | null;
  entity: AuditEntity;
  entityId: string | null;
  subjectId: number | null;
  action: AuditAction;
  detail: AuditDetail | null;
}

/** Newest first; `before` is the last id of the previous page. */
export async function listAuditRows(db: Db, filter: { entity?: AuditEntity | undefined; entityId?: string | undefined; before?: number | undefined; limit?: number | undefined } = {}): Promise<AuditRow[]> {
  const where: SQL[] = [];
  if (filter.entity) where.push(eq(auditLog.entity, filter.entity));
  if (filter.entityId) where.push(eq(auditLog.entityId, filter.entityId));
  if (filter.before) where.push(lt(auditLog.id, filter.before));
  return db
    .select({ id: auditLog.id, at: auditLog.at, actorEmail: people.email, entity: auditLog.entity, entityId: auditLog.entityId, subjectId: auditLog.subjectId, action: auditLog.action, detail: auditLog.detail })
    .from(auditLog)
    .leftJoin(people, eq(people.id, auditLog.actorId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(Math.min(filter.limit ?? 100, 500));
}
