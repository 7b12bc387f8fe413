// Deals: sales records a won or lost deal on a lead (value in whole yuan,
// package, date). A won deal through a partner accrues the partner's
// commission in the same transaction. A lead can have several deals; the
// account and webhook parts come later (issue 13) and build on recordDeal.
import { z } from 'astro/zod';
import { desc, eq } from 'drizzle-orm';
import { deals, partners, people } from '../../../db/tables';
import type { Tx } from '../platform/db';
import { hasControlCharacters } from '../leads/lead-input';
import { accrueCommission } from '../operations/commissions';
import { emitDealWon } from '../webhooks/events';

/** The largest deal value the desk takes (whole yuan): a typo guard, well above any real package. */
export const MAX_DEAL_VALUE = 1_000_000_000;

export const dealSchema = z
  .object({
    outcome: z.enum(['won', 'lost'], { error: 'A deal is "won" or "lost".' }),
    value: z
      .number({ error: 'The deal value is a whole number of yuan.' })
      .int({ error: 'The deal value is a whole number of yuan.' })
      .min(0, { error: 'The deal value cannot be negative.' })
      .max(MAX_DEAL_VALUE, { error: 'The deal value is too large.' })
      .optional(),
    package: z
      .string({ error: 'The package is a package slug such as lead-scoring-desk.' })
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, { error: 'The package is a package slug such as lead-scoring-desk.' })
      .optional(),
    lostReason: z
      .string({ error: 'The lost reason is text.' })
      .trim()
      .max(300, { error: 'The lost reason is at most 300 characters.' })
      .refine((v) => !hasControlCharacters(v), { error: 'The lost reason is one line: no line breaks or control characters.' })
      .optional(),
  })
  .strict()
  .refine((d) => d.outcome !== 'won' || d.value !== undefined, { error: 'A won deal needs its value in yuan.', path: ['value'] });
export type DealInput = z.infer<typeof dealSchema>;

export type Deal = typeof deals.$inferSelect;

/**
 * Records a deal on a lead inside the caller's transaction: the partner is a
 * snapshot of the person's partner now; a won deal with a partner accrues its
 * commission. The caller sets the lead's status (won / lost).
 */
export async function recordDeal(tx: Tx, personId: number, input: DealInput, actorId: number, now: Date): Promise<Deal> {
  const person = (await tx.select({ partnerId: people.partnerId }).from(people).where(eq(people.id, personId)))[0];
  const [deal] = await tx
    .insert(deals)
    .values({
      personId,
      outcome: input.outcome,
      value: input.value ?? 0,
      currency: 'CNY',
      packageSlug: input.package ?? null,
      lostReason: input.outcome === 'lost' ? (input.lostReason ?? null) : null,
      partnerId: person?.partnerId ?? null,
      closedAt: now,
      recordedBy: actorId,
      createdAt: now,
    })
    .returning();
  if (deal!.outcome === 'won' && deal!.partnerId !== null) {
    const partner = (await tx.select({ sharePercent: partners.sharePercent }).from(partners).where(eq(partners.id, deal!.partnerId)))[0];
    if (partner) await accrueCommission(tx, { dealId: deal!.id, partnerId: deal!.partnerId, sharePercent: partner.sharePercent, value: deal!.value }, now);
  }
  if (deal!.outcome === 'won') await emitDealWon(tx, deal!.id, now);
  return deal!;
}

export async function dealsOf(tx: Tx, personId: number): Promise<Deal[]> {
  return tx.select().from(deals).where(eq(deals.personId, personId)).orderBy(desc(deals.closedAt), desc(deals.id));
}
