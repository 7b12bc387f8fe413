// A salon's seats taken live on its row (salons.seats_taken), kept by triggers
// on registrations. Whatever happens to registrations — people registering,
// cancelling, accepting or declining offers, offers lapsing, staff approving,
// raising capacity or cancelling the salon, a person erased (a cascade no use
// case sees) — the row says exactly how many are confirmed or offered, and
// how many wait (salons.waitlisted), which gives a newcomer their place.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { people, registrations, salons } from '../../db/tables';
import { acceptOffer, cancelRegistration, declineOffer, registerForSalon, waitlistPosition } from '../../src/lib/salons/registrations';
import { decideRegistrations } from '../../src/lib/salons/approvals';
import { settleLapsedOffers } from '../../src/lib/salons/offers';
import { changeSalonStatus, createSalon, salonForAdmin, updateSalon } from '../../src/lib/salons/salon-editor';
import { infoOf } from '../../src/lib/salons/salon-store';
import { erasePerson } from '../../src/lib/privacy/personal-data';
import { setRole } from '../../src/lib/leads/people';
import type { SalonInfo } from '../../src/lib/salons/salon';
import { writeTransaction, type Db } from '../../src/lib/platform/db';
import { tempDatabase } from '../support/db';
import { salonFixture } from '../support/salons';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await tempDatabase()));
afterEach(async () => await cleanup());

const NOW = new Date('2026-11-22T10:00:00Z');
const at = (minutes: number): Date => new Date(NOW.getTime() + minutes * 60_000);

async function stored(slug: string): Promise<number> {
  return (await db.select({ n: salons.seatsTaken }).from(salons).where(eq(salons.id, slug)))[0]!.n;
}
async function counted(slug: string): Promise<number> {
  return db.$count(registrations, and(eq(registrations.eventId, slug), inArray(registrations.status, ['confirmed', 'offered'])));
}
async function storedWaitlist(slug: string): Promise<number> {
  return (await db.select({ n: salons.waitlisted }).from(salons).where(eq(salons.id, slug)))[0]!.n;
}
async function countedWaitlist(slug: string): Promise<number> {
  return db.$count(registrations, and(eq(registrations.eventId, slug), eq(registrations.status, 'waitlisted')));
}

async function newSalon(slug: string, capacity: number, approval = false): Promise<{ adminId: number; salon: () => Promise<SalonInfo> }> {
  const admin = await setRole(db, `admin-${slug}@example.com`, 'admin');
  const body = {
    slug,
    status: 'published',
    title: 'Seats that add up',
    summary: 'A salon whose seats are counted by the database.',
    description: 'Test.',
    start: '2026-12-10T18:30:00+08:00',
    end: '2026-12-10T21:00:00+08:00',
    registrationDeadline: '2026-12-09T18:00:00+08:00',
    timezone: 'Asia/Shanghai',
    format: 'online',
    city: 'Online',
    onlineUrl: 'https://meet.example.com/seats',
    capacity,
    approval,
    offerHours: 1,
    coupon: { prefix: 'SEATS', description: '10 % off', percentOff: 10, validDays: 30 },
  };
  await createSalon(db, body, admin.id, NOW);
  return { adminId: admin.id, salon: async () => infoOf((await salonForAdmin(db, slug))!, 'en') };
}

/** A small deterministic generator, so a failure replays the same story. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

describe('salons.seats_taken', () => {
  it('equals the confirmed and offered registrations after every kind of change', async () => {
    const slug = 'seats-story';
    const { adminId, salon } = await newSalon(slug, 4);
    const pick = random(7);
    const tickets = (): Promise<Array<{ ticketCode: string; status: string; personId: number }>> =>
      db.select({ ticketCode: registrations.ticketCode, status: registrations.status, personId: registrations.personId }).from(registrations).where(eq(registrations.eventId, slug));
    const checks: number[] = [];
    const queues: number[] = [];
    let minute = 0;
    for (let step = 0; step < 120; step++) {
      minute += 1;
      const now = at(minute);
      const all = await tickets();
      const ofStatus = (s: string) => all.filter((t) => t.status === s);
      const one = <T,>(list: T[]): T | undefined => list[Math.floor(pick() * list.length)];
      const move = pick();
      if (move < 0.4) {
        // Someone new, or someone who cancelled coming back.
        const email = pick() < 0.8 ? `p${step}@c${step % 5}.example.com` : `p${Math.floor(pick() * step)}@c${Math.floor(pick() * step) % 5}.example.com`;
        const result = await registerForSalon(db, await salon(), { input: { email, consent: false }, attribution: null, referralClickId: null }, now);
        // A newcomer's place in the queue, from the salon row's count, is the place counting those ahead gives.
        if (result.outcome === 'created') expect(result.position, `place at step ${step}`).toBe(await waitlistPosition(db, result.registration));
      } else if (move < 0.55) {
        const t = one(all.filter((r) => r.status !== 'cancelled'));
        if (t) await cancelRegistration(db, await salon(), t.ticketCode, now);
      } else if (move < 0.65) {
        const t = one(ofStatus('offered'));
        if (t) await acceptOffer(db, await salon(), t.ticketCode, now);
      } else if (move < 0.72) {
        const t = one(ofStatus('offered'));
        if (t) await declineOffer(db, await salon(), t.ticketCode, now);
      } else if (move < 0.8) {
        // Two hours later every open offer has lapsed; the offers job passes them on.
        minute += 120;
        await settleLapsedOffers(db, [await salon()], at(minute));
      } else if (move < 0.88) {
        const t = one(all.filter((r) => r.status !== 'cancelled'));
        if (t) await erasePerson(db, t.personId, adminId, now);
      } else {
        const taken = await counted(slug);
        await updateSalon(db, slug, { capacity: taken + 1 + Math.floor(pick() * 3) }, adminId, now);
      }
      const n = await counted(slug);
      expect(await stored(slug), `after step ${step}`).toBe(n);
      expect(await storedWaitlist(slug), `waitlist after step ${step}`).toBe(await countedWaitlist(slug));
      checks.push(n);
      queues.push(await countedWaitlist(slug));
    }
    // The story went somewhere: seats were taken and given back along the way.
    expect(Math.max(...checks)).toBeGreaterThanOrEqual(4);
    expect(new Set(checks).size).toBeGreaterThan(3);
    expect(Math.max(...queues)).toBeGreaterThanOrEqual(3); // and people queued
    await changeSalonStatus(db, slug, 'cancel', adminId, at(minute + 1));
    expect(await stored(slug)).toBe(0);
    expect(await storedWaitlist(slug)).toBe(0);
  });

  it('follows staff approving and declining requests of an approval salon', async () => {
    const slug = 'seats-approval';
    const { adminId, salon } = await newSalon(slug, 2, true);
    for (let i = 0; i < 4; i++) await registerForSalon(db, await salon(), { input: { email: `ask${i}@example.com`, consent: false }, attribution: null, referralClickId: null }, at(i));
    expect(await stored(slug)).toBe(0);
    const pending = await db.select({ id: registrations.id }).from(registrations).where(eq(registrations.eventId, slug));
    await decideRegistrations(db, await salon(), pending.slice(0, 3).map((r) => r.id), { action: 'approve' }, adminId, at(10));
    expect(await counted(slug)).toBe(2);
    expect(await stored(slug)).toBe(2);
    await decideRegistrations(db, await salon(), [pending[3]!.id], { action: 'decline', reason: null }, adminId, at(11));
    expect(await stored(slug)).toBe(await counted(slug));
  });

  it('answers "closed" for a salon closed between the form and the lock, and keeps nothing of the form', async () => {
    const { adminId, salon } = await newSalon('seats-closing', 5);
    const asShown = await salon(); // the page the person filled in, still open
    await changeSalonStatus(db, 'seats-closing', 'close', adminId, at(1));
    const result = await registerForSalon(db, asShown, { input: { email: 'late@late.example.com', name: 'Late Comer', consent: true }, attribution: null, referralClickId: null }, at(2));
    expect(result.outcome).toBe('closed');
    expect(await db.$count(people, eq(people.email, 'late@late.example.com'))).toBe(0);
    expect(await db.$count(registrations, eq(registrations.eventId, 'seats-closing'))).toBe(0);
  });

  it('starts from the registrations already there when the salon row is created after them', async () => {
    const early = salonFixture({ id: 'seats-late-row', capacity: 5 });
    // Seven for five seats: five take them, two wait.
    for (let i = 0; i < 7; i++) await registerForSalon(db, early, { input: { email: `early${i}@example.com`, consent: false }, attribution: null, referralClickId: null }, at(i));
    await newSalon('seats-late-row', 5);
    expect(await stored('seats-late-row')).toBe(5);
    expect(await storedWaitlist('seats-late-row')).toBe(2);
    // And an erased person's registration, removed by the cascade, gives its seat back.
    const [first] = await db.select({ id: people.id }).from(people).where(eq(people.email, 'early0@example.com'));
    await writeTransaction(db, (tx) => tx.delete(people).where(eq(people.id, first!.id)));
    expect(await stored('seats-late-row')).toBe(4);
  });
});
