// Outbound events (issue 13, hand-offs): each is one webhook_events row, with
// one delivery row per subscribed webhook, in the caller's transaction.
// STUB: filled in by the webhooks work.
import type { Tx } from '../platform/db';
import type { Signal } from '../leads/scoring-model';

/** lead.created, lead.mql or lead.grade_a for this person, at most once per person and type. `signals` explains a score (robots show it). */
export async function emitLeadEvent(_tx: Tx, _type: 'lead.created' | 'lead.mql' | 'lead.grade_a', _personId: number, _now: Date, _signals?: readonly Signal[]): Promise<void> {}

/** registration.created or registration.checked_in for this registration, once each. */
export async function emitRegistrationEvent(_tx: Tx, _type: 'registration.created' | 'registration.checked_in', _registrationId: number, _now: Date): Promise<void> {}

/** deal.won for this deal, once. */
export async function emitDealWon(_tx: Tx, _dealId: number, _now: Date): Promise<void> {}
