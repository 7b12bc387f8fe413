// Hashing and comparison for secrets we store: SHA-256 via @oslojs/crypto,
// compared in constant time. Nothing here is hand-rolled cryptography.
import { SHA256, sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeHexLowerCase, decodeHex } from '@oslojs/encoding';
import { hmac } from '@oslojs/crypto/hmac';

const encoder = new TextEncoder();

export function sha256Hex(value: string): string {
  return encodeHexLowerCase(sha256(encoder.encode(value)));
}

/**
 * Equal hex digests, in time independent of where they differ. Digests of
 * different lengths are unequal (constantTimeEqual itself requires equal length).
 */
export function digestsEqual(aHex: string, bHex: string): boolean {
  if (aHex.length !== bHex.length || aHex.length % 2 !== 0 || !/^[0-9a-f]*$/.test(aHex) || !/^[0-9a-f]*$/.test(bHex)) return false;
  return constantTimeEqual(decodeHex(aHex), decodeHex(bHex));
}

export function hmacHex(key: string, message: string): string {
  return encodeHexLowerCase(hmac(SHA256, encoder.encode(key), encoder.encode(message)));
}
