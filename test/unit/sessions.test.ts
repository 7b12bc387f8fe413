import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { apiTokens, sessions } from '../../db/tables';
import { findOrCreatePerson } from '../../src/lib/leads/people';
import { SESSION_LIFETIME_MS, createSession, invalidateAllSessions, invalidateSession, sessionCookieOptions, validateSessionToken } from '../../src/lib/auth/sessions';
import { digestsEqual, sha256Hex } from '../../src/lib/platform/crypto';
import { createApiToken, revokeApiToken, validateApiToken } from '../../src/lib/auth/api-tokens';
import { tempDatabase } from '../support/db';
import type { Db } from '../../src/lib/platform/db';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await tempDatabase()));
afterEach(() => cleanup());

const t0 = new Date('2026-11-22T10:00:00Z');
const later = (days: number) => new Date(t0.getTime() + days * 86_400_000);

describe('sessions (Lucia design)', () => {
  it('validates its own token and stores only the hash of the secret', async () => {
    const { person } = await findOrCreatePerson(db, 'ann@example.com');
    const { token } = await createSession(db, person.id, t0);
    const [id, secret] = token.split('.');
    const row = (await db.select().from(sessions).where(eq(sessions.id, id!)))[0]!;
    expect(row.secretHash).toBe(sha256Hex(secret!));
    expect(JSON.stringify(row)).not.toContain(secret);
    expect((await validateSessionToken(db, token, t0))?.person.email).toBe('ann@example.com');
  });

  it('rejects a wrong secret, a shorter or longer secret, a missing part and an unknown id', async () => {
    const { person } = await findOrCreatePerson(db, 'ann@example.com');
    const { token } = await createSession(db, person.id, t0);
    const [id, secret] = token.split('.') as [string, string];
    const flipped = secret.slice(0, -1) + (secret.endsWith('a') ? 'b' : 'a');
    for (const bad of [`${id}.${flipped}`, `${id}.${secret.slice(0, -1)}`, `${id}.${secret}a`, `${id}.`, id, `${id}.${secret}.x`, `nope.${secret}`, '']) {
      expect(await validateSessionToken(db, bad, t0), bad).toBeNull();
    }
  });

  it('slides: a session used after 16 days is extended to 30 days from then; an idle one expires', async () => {
    const { person } = await findOrCreatePerson(db, 'ann@example.com');
    const { token } = await createSession(db, person.id, t0);
    expect((await validateSessionToken(db, token, later(10)))?.renewed).toBe(false);
    const renewed = (await validateSessionToken(db, token, later(16)))!;
    expect(renewed.renewed).toBe(true);
    expect(renewed.session.expiresAt.getTime()).toBe(later(16).getTime() + SESSION_LIFETIME_MS);
    expect(await validateSessionToken(db, token, later(47))).toBeNull();
  });

  it('signs out one device, or every device', async () => {
    const { person } = await findOrCreatePerson(db, 'ann@example.com');
    const a = await createSession(db, person.id, t0);
    const b = await createSession(db, person.id, t0);
    const c = await createSession(db, person.id, t0);
    await invalidateSession(db, a.session.id);
    expect(await validateSessionToken(db, a.token, t0)).toBeNull();
    expect(await validateSessionToken(db, b.token, t0)).not.toBeNull();
    expect(await invalidateAllSessions(db, person.id)).toBe(2);
    expect(await validateSessionToken(db, c.token, t0)).toBeNull();
  });

  it('sets cookies HttpOnly and SameSite=Lax, Secure over HTTPS', () => {
    expect(sessionCookieOptions(new URL('http://localhost:4321/'), t0)).toMatchObject({ httpOnly: true, sameSite: 'lax', secure: false, path: '/' });
    expect(sessionCookieOptions(new URL('https://flywheel.example/'), t0).secure).toBe(true);
  });
});

describe('digestsEqual', () => {
  it('is true only for identical digests, including different lengths', () => {
    const a = sha256Hex('a');
    expect(digestsEqual(a, a)).toBe(true);
    expect(digestsEqual(a, sha256Hex('b'))).toBe(false);
    expect(digestsEqual(a, a.slice(0, 62))).toBe(false);
    expect(digestsEqual(a.slice(0, 63), a.slice(0, 63))).toBe(false);
    expect(digestsEqual('', '')).toBe(true);
  });
});

describe('API tokens', () => {
  it('resolve to their person until revoked, and are stored hashed', async () => {
    const { person } = await findOrCreatePerson(db, 'sales@example.com');
    const { id, token } = await createApiToken(db, person.id, 'crm sync');
    expect((await validateApiToken(db, token))?.email).toBe('sales@example.com');
    expect(JSON.stringify(await db.select().from(apiTokens))).not.toContain(token);
    expect(await validateApiToken(db, token.slice(0, -1))).toBeNull();
    expect(await revokeApiToken(db, id)).toBe(true);
    expect(await validateApiToken(db, token)).toBeNull();
  });
});
