// Keeps accounts in step with their people (issue 13, accounts): a person is
// linked to the account of their business email domain when they become a lead,
// and the account's rolled-up columns are refreshed when a person's score moves.
// STUB: filled in by the accounts work.
import type { Db, Tx } from '../platform/db';

/** Links a new or changed person to the account of their email domain (creating it); webmail and staff get none. */
export async function linkAccount(_tx: Tx, _person: { id: number; email: string }, _now: Date): Promise<void> {}

/** Recomputes the rolled-up columns of this person's account (after their score or job title changed). */
export async function refreshAccountOf(_tx: Tx, _personId: number, _now: Date): Promise<void> {}

/** Recomputes every account (after a bulk rescore, nightly): returns how many. */
export async function refreshAllAccounts(_db: Db, _options: { now?: Date; onProgress?: (done: number, total: number) => void } = {}): Promise<number> {
  return 0;
}
