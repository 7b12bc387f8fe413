// Ticket codes and tokens come from the platform's CSPRNG: no two callers
// ever get the same bytes, however many codes are made.
import { describe, expect, it } from 'vitest';
import { newReferralCode, newTicketCode, randomBytes } from '../../src/lib/platform/random';

describe('random codes', () => {
  it('never repeats a ticket code across 20,000, and each reads as four groups of four', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 20_000; i++) codes.add(newTicketCode()); // 200 KB of randomness
    expect(codes.size).toBe(20_000);
    for (const code of [...codes].slice(0, 50)) expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    expect(newReferralCode()).toMatch(/^[a-z2-7]{8}$/);
  });

  it('hands out bytes of its own to each caller, so a caller changing its bytes changes nobody else’s, and serves large requests', () => {
    const a = randomBytes(16);
    const copy = Uint8Array.from(a);
    a.fill(0);
    const b = randomBytes(16);
    expect(b).not.toEqual(copy);
    expect(b.some((x) => x !== 0)).toBe(true);
    const big = randomBytes(10_000);
    expect(big.length).toBe(10_000);
    expect(new Set(big).size).toBeGreaterThan(200); // not a zeroed buffer
  });
});
