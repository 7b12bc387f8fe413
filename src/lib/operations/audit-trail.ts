// The audit trail page (/admin/audit/): one page of rows, newest first,
// filtered by what changed, each with a link to the changed thing's admin page
// and its field changes as short before → after texts. The rows themselves are
// written by recordChange (./audit.ts) and the privacy requests.
import { auditEntities, type AuditAction, type AuditEntity } from '../../../db/tables';
import type { Db } from '../platform/db';
import { listAuditRows } from './audit';

export const AUDIT_PAGE_SIZE = 50;
/** A value longer than this is cut, with an ellipsis: a whole JSON document helps nobody in a list. */
export const VALUE_LIMIT = 120;

export interface AuditTrailQuery {
  entity?: AuditEntity | undefined;
  before?: number | undefined;
}

/** The page's query string, read forgivingly: an unknown entity or a bad cursor means "all" and "newest". */
export function auditQuery(params: URLSearchParams): AuditTrailQuery {
  const entity = params.get('entity') ?? '';
  const before = Number(params.get('before') ?? '');
  return {
    entity: (auditEntities as readonly string[]).includes(entity) ? (entity as AuditEntity) : undefined,
    before: Number.isSafeInteger(before) && before > 0 ? before : undefined,
  };
}

export interface AuditChangeLine {
  field: string;
  before: string;
  after: string;
}

export interface AuditTrailRow {
  id: number;
  at: Date;
  /** Null when the person acted on their own data (or the actor's account is gone). */
  actorEmail: string | null;
  entity: AuditEntity;
  entityId: string | null;
  /** The changed thing's admin page, when it has one. */
  link: string | null;
  action: AuditAction;
  /** For privacy rows: the person's number, for "data exported for person #N". */
  subjectId: number | null;
  summary: string | null;
  changes: AuditChangeLine[];
}

export interface AuditTrailPage {
  rows: AuditTrailRow[];
  /** The cursor of the next (older) page, or null on the last page. */
  older: number | null;
}

/** A stored value as a short text: null is a dash, strings as they are, anything else as JSON. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > VALUE_LIMIT ? `${text.slice(0, VALUE_LIMIT - 1)}…` : text;
}

/** Where an admin looks at the thing a row is about (site paths; the page puts them into its language). */
export function linkFor(entity: AuditEntity, entityId: string | null): string | null {
  const id = entityId ? encodeURIComponent(entityId) : '';
  switch (entity) {
    case 'salon':
      return id ? `/admin/salons/${id}/` : '/admin/salons/';
    case 'partner':
      return id ? `/admin/partners/${id}/` : '/admin/partners/';
    case 'commission':
      return '/admin/partners/';
    case 'coupon_batch':
      return '/admin/coupons/';
    case 'package':
      return '/admin/packages/';
    case 'cost':
      return '/admin/costs/';
    case 'gift_rule':
      return '/admin/gifts/';
    case 'scoring_model':
      return '/admin/scoring/';
    case 'staff':
      return id ? `/admin/people/#staff-${id}` : '/admin/people/';
    default:
      return null;
  }
}

export async function auditTrail(db: Db, query: AuditTrailQuery, pageSize = AUDIT_PAGE_SIZE): Promise<AuditTrailPage> {
  const found = await listAuditRows(db, { entity: query.entity, before: query.before, limit: pageSize + 1 });
  const rows = found.slice(0, pageSize).map((r) => ({
    id: r.id,
    at: r.at,
    actorEmail: r.actorEmail,
    entity: r.entity,
    entityId: r.entityId,
    link: r.entity === 'person' ? null : linkFor(r.entity, r.entityId),
    action: r.action,
    subjectId: r.subjectId,
    summary: r.detail?.summary ?? null,
    changes: Object.entries(r.detail?.changes ?? {}).map(([field, c]) => ({ field, before: showValue(c.before), after: showValue(c.after) })),
  }));
  return { rows, older: found.length > pageSize ? rows[rows.length - 1]!.id : null };
}
