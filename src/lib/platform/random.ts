// Unguessable codes from the platform's CSPRNG.
import { randomFillSync } from 'node:crypto';
import { encodeBase32UpperCaseNoPadding, encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

// Filled from the CSPRNG a few KB at a time and handed out as copies, never
// twice: one call per ticket cost ~12 µs, most of it the call itself (as
// Node's own randomUUID, which pools the same way).
const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
let used = POOL_BYTES;

export function randomBytes(n: number): Uint8Array {
  if (n > POOL_BYTES) return randomFillSync(new Uint8Array(n));
  if (used + n > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const out = pool.slice(used, used + n);
  pool.fill(0, used, used + n); // nothing handed out stays behind in the pool
  used += n;
  return out;
}

/** A ticket code such as "K7QF-3MZP-WX2A-9RTB" (80 bits), easy to read out at the door. */
export function newTicketCode(): string {
  return encodeBase32UpperCaseNoPadding(randomBytes(10)).match(/.{4}/g)!.join('-');
}

/** A short lower-case code for referral links (40 bits). */
export function newReferralCode(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(5));
}
