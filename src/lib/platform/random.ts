// Unguessable codes from the platform's CSPRNG.
import { encodeBase32UpperCaseNoPadding, encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

export function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

/** A ticket code such as "K7QF-3MZP-WX2A-9RTB" (80 bits), easy to read out at the door. */
export function newTicketCode(): string {
  return encodeBase32UpperCaseNoPadding(randomBytes(10)).match(/.{4}/g)!.join('-');
}

/** A short lower-case code for referral links (40 bits). */
export function newReferralCode(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(5));
}
