// Lead routing and the first-touch SLA (issue 13, routing): new A and B leads
// go round-robin to available sales people; a lead whose SLA passes untouched
// goes back to the unclaimed queue. STUB: filled in by the routing work.
import type { Db, Tx } from '../platform/db';

/** After a single person's score is stored: a lead that just became A or B may be routed and its SLA clock started. */
export async function routeOnGrade(_tx: Tx, _lead: { id: number; role: string; ownerId: number | null; status: string }, _grades: { before: string; after: string }, _now: Date): Promise<void> {}

/** Sales touched the lead (a note, a status change, a deal, a claim or assignment): the SLA clock stops or restarts. */
export async function recordSalesTouch(_tx: Tx, _leadId: number, _change: { actorId: number; ownerBefore: number | null; ownerAfter: number | null; touched: boolean }, _now: Date): Promise<void> {}

/** Every minute: leads whose SLA passed untouched go back to the queue and their owner and the sales inbox are told. */
export async function settleOverdueLeads(_db: Db, _now: Date = new Date()): Promise<number> {
  return 0;
}
