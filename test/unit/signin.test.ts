import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mailOutbox, people } from '../../db/schema';
import { findOrCreatePerson, setRole } from '../../src/lib/leads/people';
import { CODE_TTL_MS, MAX_CODE_ATTEMPTS, completeSignIn, requestSignInCode, verifySignInCode } from '../../src/lib/auth/sign-in';
import { tempDatabase } from '../support/db';
import type { Db } from '../../src/lib/platform/db';

let db: Db;
let cleanup: () => void;
beforeEach(() => ({ db, cleanup } = tempDatabase()));
afterEach(() => cleanup());

const t0 = new Date('2026-11-22T10:00:00Z');
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('sign-in codes', () => {
  it('queues the code in the outbox with the row, and never stores the code itself', () => {
    const { code } = requestSignInCode(db, '  Ann@Example.COM ', t0);
    expect(code).toMatch(/^\d{6}$/);
    const mail = db.select().from(mailOutbox).all();
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ to: 'ann@example.com', template: 'sign-in-code', status: 'pending' });
    expect(mail[0]!.text).toContain(code);
    expect(JSON.stringify(db.$client.prepare('SELECT * FROM sign_in_codes').all())).not.toContain(code);
  });

  it('signs a new email in as a member, and links an existing lead to the same person', () => {
    const { person: lead } = findOrCreatePerson(db, 'lead@example.com');
    const { code } = requestSignInCode(db, 'LEAD@example.com', t0);
    const result = verifySignInCode(db, 'lead@example.com', code, t0);
    expect(result).toMatchObject({ ok: true, firstSignIn: true });
    if (!result.ok) throw new Error();
    expect(result.person.id).toBe(lead.id);
    expect(result.person.role).toBe('member');
    expect(result.person.referralCode).toMatch(/^[a-z2-7]{8}$/);
    expect(db.select().from(people).all()).toHaveLength(1);
  });

  it('keeps staff roles on sign-in', () => {
    setRole(db, 'ops@example.com', 'admin');
    const { code } = requestSignInCode(db, 'ops@example.com', t0);
    const result = verifySignInCode(db, 'ops@example.com', code, t0);
    expect(result.ok && result.person.role).toBe('admin');
  });

  it('works once only', () => {
    const { code } = requestSignInCode(db, 'ann@example.com', t0);
    expect(verifySignInCode(db, 'ann@example.com', code, t0).ok).toBe(true);
    expect(verifySignInCode(db, 'ann@example.com', code, t0)).toEqual({ ok: false, reason: 'expired' });
  });

  it('expires after 10 minutes', () => {
    const { code } = requestSignInCode(db, 'ann@example.com', t0);
    expect(verifySignInCode(db, 'ann@example.com', code, new Date(t0.getTime() + CODE_TTL_MS))).toEqual({ ok: false, reason: 'expired' });
  });

  it('locks a code after 25 wrong tries from all addresses together, even for the right code afterwards', () => {
    const { code } = requestSignInCode(db, 'ann@example.com', t0);
    const reasons = Array.from({ length: MAX_CODE_ATTEMPTS }, () => verifySignInCode(db, 'ann@example.com', wrong(code), t0));
    expect(reasons.filter((r) => !r.ok && r.reason === 'wrong')).toHaveLength(MAX_CODE_ATTEMPTS - 1);
    expect(reasons.at(-1)).toEqual({ ok: false, reason: 'locked' });
    expect(verifySignInCode(db, 'ann@example.com', code, t0).ok).toBe(false);
  });

  it('a new code leaves the one already mailed working; using either ends both', () => {
    const first = requestSignInCode(db, 'ann@example.com', t0).code;
    const second = requestSignInCode(db, 'ann@example.com', t0).code;
    expect(verifySignInCode(db, 'ann@example.com', first, t0).ok).toBe(true);
    if (first !== second) expect(verifySignInCode(db, 'ann@example.com', second, t0)).toEqual({ ok: false, reason: 'expired' });
  });

  it('counts wrong tries per address: five from one address lock that address only', async () => {
    const { code } = requestSignInCode(db, 'ann@example.com'); // completeSignIn checks against the real clock
    const fromAttacker = () => completeSignIn(db, { email: 'ann@example.com', code: wrong(code), ip: '203.0.113.9' });
    const reasons = [];
    for (let i = 0; i < 6; i++) reasons.push(await fromAttacker());
    expect(reasons.map((r) => !r.ok && r.reason)).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'locked', 'locked']);
    // The attacker, even with the right code now, is locked out; Ann at home is not.
    expect((await completeSignIn(db, { email: 'ann@example.com', code, ip: '203.0.113.9' })).ok).toBe(false);
    expect((await completeSignIn(db, { email: 'ann@example.com', code, ip: '198.51.100.7' })).ok).toBe(true);
  });

  it("cannot be used for someone else's address", () => {
    const { code } = requestSignInCode(db, 'ann@example.com', t0);
    // Bob's own code must differ from Ann's for the test to mean anything.
    while (requestSignInCode(db, 'bob@example.com', t0).code === code);
    expect(verifySignInCode(db, 'bob@example.com', code, t0).ok).toBe(false);
  });
});
