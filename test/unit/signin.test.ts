import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mailOutbox, people, signInCodes } from '../../db/tables';
import { findOrCreatePerson, setRole } from '../../src/lib/leads/people';
import { CODE_TTL_MS, MAX_CODE_ATTEMPTS, completeSignIn, requestSignInCode, verifySignInCode } from '../../src/lib/auth/sign-in';
import { tempDatabase } from '../support/db';
import type { Db } from '../../src/lib/platform/db';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await tempDatabase()));
afterEach(() => cleanup());

const t0 = new Date('2026-11-22T10:00:00Z');
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('sign-in codes', () => {
  it('queues the code in the outbox with the row, and never stores the code itself', async () => {
    const { code } = await requestSignInCode(db, '  Ann@Example.COM ', t0);
    expect(code).toMatch(/^\d{6}$/);
    const mail = await db.select().from(mailOutbox);
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ to: 'ann@example.com', template: 'sign-in-code', status: 'pending' });
    expect(mail[0]!.text).toContain(code);
    expect(JSON.stringify(await db.select().from(signInCodes))).not.toContain(code);
  });

  it('signs a new email in as a member, and links an existing lead to the same person', async () => {
    const { person: lead } = await findOrCreatePerson(db, 'lead@example.com');
    const { code } = await requestSignInCode(db, 'LEAD@example.com', t0);
    const result = await verifySignInCode(db, 'lead@example.com', code, t0);
    expect(result).toMatchObject({ ok: true, firstSignIn: true });
    if (!result.ok) throw new Error();
    expect(result.person.id).toBe(lead.id);
    expect(result.person.role).toBe('member');
    expect(result.person.referralCode).toMatch(/^[a-z2-7]{8}$/);
    expect(await db.select().from(people)).toHaveLength(1);
  });

  it('keeps staff roles on sign-in', async () => {
    await setRole(db, 'ops@example.com', 'admin');
    const { code } = await requestSignInCode(db, 'ops@example.com', t0);
    const result = await verifySignInCode(db, 'ops@example.com', code, t0);
    expect(result.ok && result.person.role).toBe('admin');
  });

  it('works once only', async () => {
    const { code } = await requestSignInCode(db, 'ann@example.com', t0);
    expect((await verifySignInCode(db, 'ann@example.com', code, t0)).ok).toBe(true);
    expect(await verifySignInCode(db, 'ann@example.com', code, t0)).toEqual({ ok: false, reason: 'expired' });
  });

  it('expires after 10 minutes', async () => {
    const { code } = await requestSignInCode(db, 'ann@example.com', t0);
    expect(await verifySignInCode(db, 'ann@example.com', code, new Date(t0.getTime() + CODE_TTL_MS))).toEqual({ ok: false, reason: 'expired' });
  });

  it('locks a code after 25 wrong tries from all addresses together, even for the right code afterwards', async () => {
    const { code } = await requestSignInCode(db, 'ann@example.com', t0);
    const reasons = [];
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i++) reasons.push(await verifySignInCode(db, 'ann@example.com', wrong(code), t0));
    expect(reasons.filter((r) => !r.ok && r.reason === 'wrong')).toHaveLength(MAX_CODE_ATTEMPTS - 1);
    expect(reasons.at(-1)).toEqual({ ok: false, reason: 'locked' });
    expect((await verifySignInCode(db, 'ann@example.com', code, t0)).ok).toBe(false);
  });

  it('a new code leaves the one already mailed working; using either ends both', async () => {
    const first = (await requestSignInCode(db, 'ann@example.com', t0)).code;
    const second = (await requestSignInCode(db, 'ann@example.com', t0)).code;
    expect((await verifySignInCode(db, 'ann@example.com', first, t0)).ok).toBe(true);
    if (first !== second) expect(await verifySignInCode(db, 'ann@example.com', second, t0)).toEqual({ ok: false, reason: 'expired' });
  });

  it('counts wrong tries per address: five from one address lock that address only', async () => {
    const { code } = await requestSignInCode(db, 'ann@example.com'); // completeSignIn checks against the real clock
    const fromAttacker = () => completeSignIn(db, { email: 'ann@example.com', code: wrong(code), ip: '203.0.113.9' });
    const reasons = [];
    for (let i = 0; i < 6; i++) reasons.push(await fromAttacker());
    expect(reasons.map((r) => !r.ok && r.reason)).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'locked', 'locked']);
    // The attacker, even with the right code now, is locked out; Ann at home is not.
    expect((await completeSignIn(db, { email: 'ann@example.com', code, ip: '203.0.113.9' })).ok).toBe(false);
    expect((await completeSignIn(db, { email: 'ann@example.com', code, ip: '198.51.100.7' })).ok).toBe(true);
  });

  it("cannot be used for someone else's address", async () => {
    const { code } = await requestSignInCode(db, 'ann@example.com', t0);
    // Bob's own code must differ from Ann's for the test to mean anything.
    while ((await requestSignInCode(db, 'bob@example.com', t0)).code === code);
    expect((await verifySignInCode(db, 'bob@example.com', code, t0)).ok).toBe(false);
  });
});
