// Webhook signatures (DESIGN.md): `Flywheel-Signature: t=<unix seconds>,v1=<hex
// HMAC-SHA256 of "<t>.<body>">` keyed with the webhook's secret. The secret is
// `whsec_` + 32 random bytes (base64url); it is stored in the clear because
// signing needs it, shown once when the webhook is created and never again.
// DingTalk's 加签 is here too: base64 HMAC-SHA256 of "<timestamp ms>\n<secret>".
import { createHmac } from 'node:crypto';
import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import { digestsEqual, hmacHex } from '../platform/crypto';
import { randomBytes } from '../platform/random';

export const SIGNATURE_HEADER = 'Flywheel-Signature';

export function newWebhookSecret(): string {
  return `whsec_${encodeBase64urlNoPadding(randomBytes(32))}`;
}

/** The header value for `body` sent at `t` (unix seconds). */
export function sign(secret: string, body: string, t: number): string {
  return `t=${t},v1=${hmacHex(secret, `${t}.${body}`)}`;
}

/**
 * What a receiver does with the header: true when one v1 signature matches and
 * t is within `toleranceSeconds` of `now` (a replayed old request fails).
 */
export function verify(secret: string, body: string, header: string | null | undefined, options: { now?: Date; toleranceSeconds?: number } = {}): boolean {
  if (!header) return false;
  const parts = header.split(',').map((p) => p.trim().split('=') as [string, string | undefined]);
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  if (!Number.isSafeInteger(t)) return false;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - t) > (options.toleranceSeconds ?? 300)) return false;
  const expected = hmacHex(secret, `${t}.${body}`);
  return parts.some(([k, v]) => k === 'v1' && v !== undefined && digestsEqual(v, expected));
}

/** DingTalk's 加签: the URL gains timestamp (ms) and sign (base64 HMAC-SHA256 of "<timestamp>\n<secret>"). */
export function dingtalkSignedUrl(url: string, secret: string, now: Date): string {
  const timestamp = String(now.getTime());
  const signature = createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
  const signed = new URL(url);
  signed.searchParams.set('timestamp', timestamp);
  signed.searchParams.set('sign', signature);
  return signed.href;
}
