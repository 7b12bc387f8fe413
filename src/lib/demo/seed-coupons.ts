// Demo coupon batches and the packages table: a Baidu search campaign batch (Shanghai, tied to
// Lead Scoring Desk, a cap on redemptions) and a Shenzhen channel partner's batch, each with some
// codes redeemed by sales, so /admin/coupons/ shows counts, bars and CSVs. Idempotent: a batch
// whose prefix exists is left alone; codes are derived from the batch, not random.
import { eq } from 'drizzle-orm';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';
import { writeTransaction, type Db } from '../platform/db';
import { couponBatches, coupons, people } from '../../../db/tables';
import { ensurePackages } from '../content/packages';
import { recordChange } from '../operations/audit';

const DAY = 86_400_000;
const codeFor = (prefix: string, i: number): string => `${prefix}-${encodeBase32UpperCaseNoPadding(sha256(new TextEncoder().encode(`seed-batch:${prefix}:${i}`)).slice(0, 5))}`;

const BATCHES = [
  { prefix: 'BAIDU26', count: 40, percentOff: 15, description: 'Baidu search campaign, Shanghai: 15% off Lead Scoring Desk', packageSlug: 'lead-scoring-desk', redemptionLimit: 25, createdDaysAgo: 45, expiresInDays: 45, redeemed: [40, 37, 33, 30, 28, 21, 19, 14, 9, 6, 3] },
  { prefix: 'HUANAN', count: 20, percentOff: 25, description: 'Huanan Digital (Shenzhen agent): 25% off the Growth Flywheel bundle', packageSlug: 'growth-flywheel', redemptionLimit: null, createdDaysAgo: 20, expiresInDays: 100, redeemed: [18, 12, 5, 2] },
];

export async function seedCoupons(db: Db, now: Date): Promise<void> {
  await ensurePackages(db, now);
  await writeTransaction(db, async (tx) => {
    const [admin] = await tx.select({ id: people.id }).from(people).where(eq(people.role, 'admin')).limit(1);
    const [sales] = await tx.select({ id: people.id }).from(people).where(eq(people.role, 'sales')).limit(1);
    for (const b of BATCHES) {
      if ((await tx.select({ id: couponBatches.id }).from(couponBatches).where(eq(couponBatches.prefix, b.prefix)).limit(1))[0]) continue;
      const createdAt = new Date(now.getTime() - b.createdDaysAgo * DAY);
      const expiresAt = new Date(now.getTime() + b.expiresInDays * DAY);
      const [batch] = await tx
        .insert(couponBatches)
        .values({ prefix: b.prefix, count: b.count, percentOff: b.percentOff, expiresAt, description: b.description, packageSlug: b.packageSlug, redemptionLimit: b.redemptionLimit, redeemed: b.redeemed.length, createdById: admin?.id ?? null, createdAt })
        .returning();
      await tx.insert(coupons).values(
        Array.from({ length: b.count }, (_, i) => {
          const daysAgo = b.redeemed[i];
          const redeemedAt = daysAgo === undefined ? null : new Date(now.getTime() - daysAgo * DAY);
          return { code: codeFor(b.prefix, i), description: b.description, percentOff: b.percentOff, expiresAt, origin: `batch:${batch!.id}`, batchId: batch!.id, createdAt, redeemedAt, redeemedById: redeemedAt ? (sales?.id ?? null) : null, redeemedNote: redeemedAt ? `order SO-2026-${String(4100 + i * 7)}` : null };
        }),
      );
      if (admin) await recordChange(tx, { actorId: admin.id, entity: 'coupon_batch', entityId: batch!.id, action: 'create', summary: `${b.count} codes ${b.prefix}-…, ${b.percentOff}% off` }, createdAt);
    }
  });
}
