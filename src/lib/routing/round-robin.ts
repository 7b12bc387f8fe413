// Who gets the next lead: smooth weighted round-robin (nginx's algorithm) over
// the sales people in rotation. Pure: the caller loads the rows and stores the
// new credits, under one lock, so processes share one fair sequence.
import type { Role } from '../../../db/tables';

export interface RotationRow {
  personId: number;
  role: Role;
  available: boolean;
  weight: number;
  awayUntil: Date | null;
  credit: number;
}

/** In rotation: marked available, not away, a weight above 0, and still a sales person or an admin. */
export function inRotation(row: RotationRow, now: Date): boolean {
  return row.available && row.weight > 0 && (row.role === 'sales' || row.role === 'admin') && !(row.awayUntil && row.awayUntil.getTime() > now.getTime());
}

/**
 * One pick: every candidate's credit grows by its weight, the highest credit
 * wins (the lowest id on a tie) and gives back the sum of the weights. Over
 * any run of sum-of-weights picks each person is picked exactly weight times,
 * spread out rather than in blocks. Returns null when nobody is in rotation.
 */
export function pickNext(rows: readonly RotationRow[], now: Date): { personId: number; credits: Map<number, number> } | null {
  const candidates = rows.filter((r) => inRotation(r, now)).sort((a, b) => a.personId - b.personId);
  if (!candidates.length) return null;
  const total = candidates.reduce((sum, r) => sum + r.weight, 0);
  const credits = new Map(candidates.map((r) => [r.personId, r.credit + r.weight]));
  let best = candidates[0]!.personId;
  for (const r of candidates) if (credits.get(r.personId)! > credits.get(best)!) best = r.personId;
  credits.set(best, credits.get(best)! - total);
  return { personId: best, credits };
}
