// Packages as rows: /pricing/ reads them (through a short in-process cache), /admin/packages/
// edits them (one audit row per edit), lead interests `package:<slug>` are checked against them.
import { z } from 'astro/zod';
import { wholeNumber } from '../operations/coupon-fields';
import { ONE_LINE_CONTROL, TEXT_CONTROL } from '../platform/validation';
import { asc, eq } from 'drizzle-orm';
import { packages } from '../../../db/tables';
import { writeTransaction, type Db } from '../platform/db';
import { changedFields, recordChange } from '../operations/audit';
import { PACKAGE_FILES } from './packages-seed';
import { HttpError, parseWith } from '../platform/http';
import type { Locale } from '../../i18n/locales';

export type PackageRow = typeof packages.$inferSelect;

/**
 * Inserts the packages of content/packages/*.json that have no row yet (by slug), never
 * overwriting an edit. Idempotent and safe with several processes starting at once: a slug
 * another process inserted first is skipped by the unique index.
 */
export async function ensurePackages(db: Db, now: Date = new Date()): Promise<void> {
  const rows = Object.entries(PACKAGE_FILES).map(([slug, p]) => ({
    slug,
    kind: p.kind === 'bundle' ? ('bundle' as const) : ('tool' as const),
    name: p.name,
    nameZh: p.zh?.name ?? p.name,
    tagline: p.tagline,
    taglineZh: p.zh?.tagline ?? p.tagline,
    priceCny: p.priceCny,
    anchorPriceCny: p.anchorPriceCny ?? null,
    period: p.period === 'once' ? ('once' as const) : ('year' as const),
    features: p.features,
    featuresZh: p.zh?.features ?? p.features,
    includes: p.includes ?? [],
    order: p.order,
    highlighted: p.highlighted ?? false,
    active: true,
    updatedAt: now,
  }));
  await writeTransaction(db, (tx) => tx.insert(packages).values(rows).onConflictDoNothing({ target: packages.slug }));
  invalidatePackages();
}

/** How long another process's edit may take to show here. */
const CACHE_MS = 3_000;
/** Per database handle (tests open several in one process). */
let caches = new WeakMap<Db, { until: number; rows: Promise<PackageRow[]> }>();

/** Forgets the cached rows: the next read sees the database (an edit in this process shows at once). */
export function invalidatePackages(): void {
  caches = new WeakMap();
}

/** Every package in display order, hidden ones included; cached for a few seconds. */
export async function allPackages(db: Db): Promise<PackageRow[]> {
  const now = Date.now();
  let cache = caches.get(db);
  if (!cache || cache.until < now) {
    cache = { until: now + CACHE_MS, rows: Promise.resolve(db.select().from(packages).orderBy(asc(packages.order), asc(packages.slug))) };
    caches.set(db, cache);
    cache.rows.catch(() => caches.delete(db));
  }
  return cache.rows;
}

/** The packages /pricing/ shows. */
export async function activePackages(db: Db): Promise<PackageRow[]> {
  return (await allPackages(db)).filter((p) => p.active);
}

/** Whether a lead may say it is interested in this package (hidden ones too: old links still work). */
export async function packageExists(db: Db, slug: string): Promise<boolean> {
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) return false;
  if ((await allPackages(db)).some((p) => p.slug === slug)) return true;
  // Not in the cached rows: perhaps added in another process a moment ago. Ask the database.
  return (await db.select({ id: packages.id }).from(packages).where(eq(packages.slug, slug)).limit(1)).length > 0;
}

/** A package's words in a language; prices and the rest stay as they are. */
export function packageText(p: PackageRow, locale: Locale): { name: string; tagline: string; features: string[] } {
  return locale === 'zh' ? { name: p.nameZh, tagline: p.taglineZh, features: p.featuresZh } : { name: p.name, tagline: p.tagline, features: p.features };
}

const line = (max: number) =>
  z
    .string({ error: 'Fill this in.' })
    .trim()
    .min(1, { error: 'Fill this in.' })
    .max(max, { error: 'That is too long.' })
    .refine((s) => !ONE_LINE_CONTROL.test(s), { error: 'No control characters, please.' });
/** One feature a line; blank lines dropped. */
const featureLines = z
  .string({ error: 'One feature a line.' })
  .max(4000, { error: 'At most 4000 characters.' })
  .refine((s) => !TEXT_CONTROL.test(s), { error: 'No control characters, please.' })
  .transform((s) => s.split(/\r?\n/).map((f) => f.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(200, { error: 'At most 200 characters a line.' })).min(1, { error: 'At least one feature.' }).max(12, { error: 'At most 12 features.' }));
const checkbox = z.union([z.boolean(), z.literal('on').transform(() => true), z.literal('').transform(() => false)]).optional().transform((v) => v === true);

export const packageEditSchema = z.object({
  name: line(80),
  nameZh: line(80),
  tagline: line(300),
  taglineZh: line(300),
  priceCny: wholeNumber(1, 10_000_000, 'A price in yuan, 1 to 10,000,000.'),
  anchorPriceCny: z.union([z.literal('').transform(() => null), z.null(), wholeNumber(1, 10_000_000, 'A price in yuan, 1 to 10,000,000.')]).optional().transform((v) => v ?? null),
  features: featureLines,
  featuresZh: featureLines,
  order: wholeNumber(0, 999, 'A position from 0 to 999.'),
  highlighted: checkbox,
  active: checkbox,
});
export type PackageEdit = z.infer<typeof packageEditSchema>;

/** Saves an edit of one package with its audit row; null when there is no such package. */
export async function updatePackage(db: Db, slug: string, edit: PackageEdit, actorId: number, now: Date = new Date()): Promise<PackageRow | null> {
  const saved = await writeTransaction(db, async (tx) => {
    const [before] = await tx.select().from(packages).where(eq(packages.slug, slug)).limit(1);
    if (!before) return null;
    const [after] = await tx.update(packages).set({ ...edit, updatedAt: now }).where(eq(packages.id, before.id)).returning();
    const changes = changedFields(before, edit);
    await recordChange(tx, { actorId, entity: 'package', entityId: slug, action: 'update', summary: `Package ${before.name} edited`, changes }, now);
    return after!;
  });
  invalidatePackages();
  return saved;
}

/** The /admin/packages/ form: which package (`slug`) and its new values; 404 when there is no such package. */
export async function packageFormAction(db: Db, form: Record<string, string>, actorId: number, now: Date = new Date()): Promise<PackageRow> {
  const edit = parseWith(packageEditSchema, form);
  const saved = await updatePackage(db, form.slug ?? '', edit, actorId, now);
  if (!saved) throw new HttpError('not_found', 'There is no such package.');
  return saved;
}
