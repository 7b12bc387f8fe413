// Passwordless sign-in: a six-digit code, mailed through the outbox, valid for
// ten minutes and five tries, stored only as a hash.
import { attributeReferral, type ReferralOutcome } from '../community/referrals';
import { randomInt } from 'node:crypto';
import { and, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import { lockFor, writeTransaction, type Db } from '../platform/db';
import { signInCodes } from '../../../db/tables';
import { digestsEqual, sha256Hex } from '../platform/crypto';
import { enqueueMail } from '../mail/outbox';
import { signInCodeMail } from '../mail/templates';
import { ensureMember, findOrCreatePerson, findPersonByEmail, normalizeEmail, recordLocale, type Person } from '../leads/people';
import { pageUrl } from '../mail/links';
import type { Locale } from '../../i18n/locales';
import { hitLimit, limitReached } from '../platform/rate-limit';
import { createSession } from './sessions';
import { verifyReferral } from '../community/referrals';

export const CODE_TTL_MS = 10 * 60_000;
/**
 * Wrong tries a code survives from all addresses together. Each address gets
 * 5 (rate-limit.ts: wrongCodePerEmail); this ceiling only stops a guesser
 * spread over many addresses, so one stranger cannot lock anybody out.
 */
export const MAX_CODE_ATTEMPTS = 25;
/** Live codes checked at once: asking for a new code does not void one already in the mailbox. */
const LIVE_CODES = 5;

function codeHash(email: string, code: string): string {
  return sha256Hex(`${email}:${code}`);
}

/**
 * Issues a fresh code and queues its mail, in one transaction. Earlier live codes keep working until one is used.
 * The mail is in `locale`, the language of the page that asked (and that becomes the person's language);
 * without one, in the language the person already has.
 */
export async function requestSignInCode(db: Db, rawEmail: string, now: Date = new Date(), locale?: Locale): Promise<{ code: string }> {
  const email = normalizeEmail(rawEmail);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await writeTransaction(db, async (tx) => {
    const row = (
      await tx
        .insert(signInCodes)
        .values({ email, codeHash: codeHash(email, code), expiresAt: new Date(now.getTime() + CODE_TTL_MS), createdAt: now })
        .returning({ id: signInCodes.id })
    )[0]!;
    const language = locale ? await recordLocale(tx, { email }, locale) : ((await findPersonByEmail(tx, email))?.locale ?? 'en');
    const loginUrl = new URL(pageUrl('/login/', language));
    loginUrl.searchParams.set('email', email);
    await enqueueMail(tx, { template: 'sign-in-code', to: email, idempotencyKey: `sign-in-code:${row.id}`, ...signInCodeMail({ locale: language, code, minutes: CODE_TTL_MS / 60_000, loginUrl: loginUrl.href }) }, now);
  });
  return { code };
}

export type VerifyResult =
  | { ok: true; person: Person; firstSignIn: boolean }
  | { ok: false; reason: 'wrong' | 'expired' | 'locked' };

/**
 * Checks a code against the email's live codes; a right one signs the person in as a member and ends them all.
 * Called with a transaction handle, it joins that transaction (completeSignIn adds the session to it).
 */
export async function verifySignInCode(db: Db, rawEmail: string, code: string, now: Date = new Date(), locale?: Locale): Promise<VerifyResult> {
  const email = normalizeEmail(rawEmail);
  return writeTransaction(db, async (tx): Promise<VerifyResult> => {
    // One check of this address's codes at a time: a code works once, and every wrong try counts.
    await lockFor(tx, `sign-in:${email}`);
    const live = await tx
      .select()
      .from(signInCodes)
      .where(and(eq(signInCodes.email, email), isNull(signInCodes.consumedAt), gt(signInCodes.expiresAt, now), lt(signInCodes.attempts, MAX_CODE_ATTEMPTS)))
      .orderBy(desc(signInCodes.id))
      .limit(LIVE_CODES);
    if (live.length === 0) return { ok: false, reason: 'expired' };
    const hash = codeHash(email, code.trim());
    // Compare with every live code, in constant time each, so timing tells nothing about which.
    const match = live.map((row) => (digestsEqual(hash, row.codeHash) ? row : null)).find((row) => row !== null);
    if (!match) {
      const ids = live.map((row) => row.id);
      await tx.update(signInCodes).set({ attempts: sql`${signInCodes.attempts} + 1` }).where(inArray(signInCodes.id, ids));
      const locked = live.every((row) => row.attempts + 1 >= MAX_CODE_ATTEMPTS);
      return { ok: false, reason: locked ? 'locked' : 'wrong' };
    }
    await tx.update(signInCodes).set({ consumedAt: now }).where(and(eq(signInCodes.email, email), isNull(signInCodes.consumedAt)));
    const { person: found } = await findOrCreatePerson(tx, email);
    // The language of the page they signed in on is theirs from now on (a first sign-in creates the person here).
    const person = locale && found.locale !== locale ? { ...found, locale: await recordLocale(tx, { email }, locale) } : found;
    const firstSignIn = person.role === 'lead';
    // A code from the mailbox proves a real person: a referral of them now counts.
    await verifyReferral(tx, person.id, now);
    return { ok: true, person: await ensureMember(tx, person), firstSignIn };
  });
}

export const verifyMessages: Record<Exclude<VerifyResult, { ok: true }>['reason'], string> = {
  wrong: 'That code is not right. Check the latest email and try again.',
  expired: 'That code has expired or was already used. Ask for a new one.',
  locked: 'Too many wrong tries. Wait ten minutes, then ask for a new code.',
};

export type BeginResult = { ok: true } | { ok: false; retryAfter: number };

/** Rate limits, then issues a code. A honeypot hit answers like success but sends nothing. */
export async function beginSignIn(db: Db, input: { email: string; ip: string; honeypot?: string | undefined; locale?: Locale | undefined }): Promise<BeginResult> {
  const retryAfter = (await hitLimit(db, 'codePerIp', input.ip)) ?? (await hitLimit(db, 'codePerEmail', `${input.email}|${input.ip}`));
  if (retryAfter) return { ok: false, retryAfter };
  if (!input.honeypot) await requestSignInCode(db, input.email, new Date(), input.locale);
  return { ok: true };
}

export type CompleteResult =
  | { ok: true; token: string; expiresAt: Date; person: Person; referral: ReferralOutcome }
  | { ok: false; reason: 'wrong' | 'expired' | 'locked' }
  | { ok: false; reason: 'rate_limited'; retryAfter: number };

/**
 * Signs a person in with their code. The code's check, the membership, the
 * session and the referral conversion (the click the browser followed, if
 * any) commit together: a used code always leaves a session.
 */
export async function completeSignIn(db: Db, input: { email: string; code: string; ip: string; referralClickId?: number | null; locale?: Locale | undefined }, now: Date = new Date()): Promise<CompleteResult> {
  const retryAfter = await hitLimit(db, 'verifyPerIp', input.ip);
  if (retryAfter) return { ok: false, reason: 'rate_limited', retryAfter };
  const triesKey = `${normalizeEmail(input.email)}|${input.ip}`;
  if (await limitReached(db, 'wrongCodePerEmail', triesKey)) return { ok: false, reason: 'locked' };
  const result = await writeTransaction(db, async (tx) => {
    const verified = await verifySignInCode(tx, input.email, input.code, now, input.locale);
    if (!verified.ok) return verified;
    const { token, session } = await createSession(tx, verified.person.id, now);
    const referral = input.referralClickId ? await attributeReferral(tx, input.referralClickId, verified.person.id, 'signup', now) : 'none';
    return { ...verified, token, expiresAt: session.expiresAt, referral };
  });
  if (!result.ok) {
    // The fifth wrong try from this address locks this address out, nobody else.
    const wait = result.reason === 'wrong' ? await hitLimit(db, 'wrongCodePerEmail', triesKey) : null;
    return wait || (await limitReached(db, 'wrongCodePerEmail', triesKey)) ? { ok: false, reason: 'locked' } : result;
  }
  return { ok: true, token: result.token, expiresAt: result.expiresAt, person: result.person, referral: result.referral };
}
