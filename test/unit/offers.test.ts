// The waitlist offer window on a real database: a freed seat is offered to the
// first waitlisted person for the salon's offerHours; they accept (confirmed,
// ticket mail), decline (off the list, the seat passes on) or let it lapse
// (passes on, lazily on the next change or in the offers job); an offered seat
// counts as taken; a waitlisted person can leave the list. `now` drives the clock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activities, mailOutbox, registrations } from '../../db/tables';
import { acceptOffer, cancelRegistration, checkIn, countTaken, declineOffer, offerFreedSeats, registerForSalon, waitlistPosition } from '../../src/lib/salons/registrations';
import { settleLapsedOffers } from '../../src/lib/salons/offers';
import { salonCounts } from '../../src/lib/salons/stats';
import { setRole } from '../../src/lib/leads/people';
import type { SalonInfo } from '../../src/lib/salons/salon';
import { writeTransaction, type Db } from '../../src/lib/platform/db';
import { tempDatabase } from '../support/db';
import { salonFixture } from '../support/salons';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await tempDatabase()));
afterEach(async () => await cleanup());

// Two seats, a 12-hour offer window, deadlines said in Shanghai time.
const salon = salonFixture({ capacity: 2, offerHours: 12, timezone: 'Asia/Shanghai' });
const now = new Date('2026-11-22T10:00:00Z');
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);
const mails = async (template: string) => (await db.select().from(mailOutbox)).filter((m) => m.template === template);
const statuses = async () => Object.fromEntries((await db.select().from(registrations)).map((r) => [r.ticketCode, r.status]));

/** a, b confirmed; c, d, e waitlisted in that order. */
async function fullRoom(s: SalonInfo = salon): Promise<Record<string, string>> {
  const codes: Record<string, string> = {};
  for (const [i, n] of ['a', 'b', 'c', 'd', 'e'].entries()) {
    const r = await registerForSalon(db, s, { input: { email: `${n}@example.com`, name: n.toUpperCase() }, attribution: null, referralClickId: null }, new Date(now.getTime() + i * 1000));
    if (r.outcome === 'closed') throw new Error('closed');
    codes[n] = r.registration.ticketCode;
  }
  return codes;
}

describe('a freed seat is offered, not given', () => {
  it('offers it to the first waitlisted person for offerHours, with Accept and Decline links, and counts it as taken', async () => {
    const t = await fullRoom();
    await cancelRegistration(db, salon, t.a!, hours(1));
    const rows = await db.select().from(registrations);
    const c = rows.find((r) => r.ticketCode === t.c)!;
    expect(c).toMatchObject({ status: 'offered', offerExpiresAt: hours(13) });
    expect(await countTaken(db, salon.id)).toBe(2);
    expect((await salonCounts(db, salon.id, false))).toMatchObject({ confirmed: 1, offered: 1, waitlisted: 2, registrations: 4 });
    const [offer] = await mails('waitlist-offer');
    expect(offer).toMatchObject({ to: 'c@example.com', subject: `A seat is free for you at ${salon.title}` });
    // 13 hours after 10:00 UTC is 07:00 the next day in Shanghai, said with its zone.
    expect(offer!.text).toContain('It is yours if you accept by 23 Nov 2026, 07:00 GMT+8.');
    expect(offer!.html).toContain(`/events/${salon.id}/ticket/${t.c}/?offer=accept#offer`);
    expect(offer!.text).toContain(`Decline the seat: http`);
    // Not an attendee yet: the door refuses an offered seat.
    const staff = await setRole(db, 'door@example.com', 'door');
    expect((await checkIn(db, salon, t.c!, staff.id, hours(2))).outcome).toBe('not_confirmed');
    // A newcomer does not jump the queue: the held seat is taken.
    const late = await registerForSalon(db, salon, { input: { email: 'late@example.com' }, attribution: null, referralClickId: null }, hours(2));
    expect(late.outcome !== 'closed' && [late.registration.status, late.position]).toEqual(['waitlisted', 3]);
  });

  it('confirms an accepted offer with the ticket mail; a second accept changes nothing', async () => {
    const t = await fullRoom();
    await cancelRegistration(db, salon, t.b!, hours(1));
    const accepted = await acceptOffer(db, salon, t.c!, hours(5));
    expect(accepted.outcome).toBe('accepted');
    expect((await statuses())[t.c!]).toBe('confirmed');
    const [ticket] = await mails('waitlist-promotion');
    expect(ticket!.to).toBe('c@example.com');
    expect(ticket!.attachments!.map((a) => a.contentType)).toEqual(['image/png', 'text/calendar']);
    expect((await acceptOffer(db, salon, t.c!, hours(6))).outcome).toBe('not_offered');
    expect((await acceptOffer(db, salon, t.d!, hours(6))).outcome).toBe('not_offered'); // waitlisted, not offered
    expect((await acceptOffer(db, salon, 'AAAA-BBBB-CCCC-DDDD', hours(6))).outcome).toBe('not_found');
    expect((await db.select().from(registrations)).filter((r) => r.status === 'confirmed')).toHaveLength(2);
  });

  it('passes a declined offer to the next person straight away; the decliner is off the list', async () => {
    const t = await fullRoom();
    await cancelRegistration(db, salon, t.a!, hours(1));
    const declined = await declineOffer(db, salon, t.c!, hours(2));
    expect(declined.outcome === 'cancelled' && declined.offered.map((o) => o.ticketCode)).toEqual([t.d]);
    expect(await statuses()).toMatchObject({ [t.c!]: 'cancelled', [t.d!]: 'offered', [t.e!]: 'waitlisted' });
    expect((await db.select().from(registrations)).find((r) => r.ticketCode === t.d)!.offerExpiresAt).toEqual(hours(14));
    expect((await mails('registration-cancelled')).map((m) => [m.to, m.subject])).toContainEqual(['c@example.com', `You left the waitlist for ${salon.title}`]);
    expect((await mails('waitlist-offer')).map((m) => m.to)).toEqual(['c@example.com', 'd@example.com']);
  });

  it('lets a lapsed offer pass on by itself: lazily on the next change, with a mail saying so, and it can no longer be accepted', async () => {
    const t = await fullRoom();
    await cancelRegistration(db, salon, t.a!, hours(1));
    // One millisecond before the window closes the offer still stands.
    expect((await statuses())[t.c!]).toBe('offered');
    const stillOpen = await acceptOffer(db, salon, t.e!, new Date(hours(13).getTime() - 1));
    expect(stillOpen.outcome).toBe('not_offered');
    expect((await statuses())[t.c!]).toBe('offered');
    expect((await acceptOffer(db, salon, t.c!, hours(13))).outcome).toBe('expired');
    expect(await statuses()).toMatchObject({ [t.c!]: 'cancelled', [t.d!]: 'offered', [t.e!]: 'waitlisted' });
    const [lapsed] = await mails('waitlist-offer-expired');
    expect(lapsed).toMatchObject({ to: 'c@example.com', subject: `The seat at ${salon.title} has passed on` });
    const cPerson = (await db.select().from(registrations)).find((r) => r.ticketCode === t.c)!.personId;
    expect((await db.select().from(activities)).filter((a) => a.type === 'salon_cancellation' && a.personId === cPerson)).toHaveLength(1);
  });

  it('lets the offers job pass lapsed offers on when nobody touches the salon', async () => {
    const t = await fullRoom();
    await cancelRegistration(db, salon, t.a!, hours(1));
    expect(await settleLapsedOffers(db, [salon], hours(12))).toBe(0);
    expect(await settleLapsedOffers(db, [salon], hours(13.5))).toBe(1);
    expect(await statuses()).toMatchObject({ [t.c!]: 'cancelled', [t.d!]: 'offered' });
    expect((await db.select().from(registrations)).find((r) => r.ticketCode === t.d)!.offerExpiresAt).toEqual(hours(25.5));
    expect(await settleLapsedOffers(db, [salon], hours(13.6))).toBe(0);
    // When the last offer lapses with nobody left to offer to, the seat is simply free again.
    expect(await settleLapsedOffers(db, [salon], hours(26))).toBe(1);
    expect(await settleLapsedOffers(db, [salon], hours(39))).toBe(0);
    expect(await statuses()).toMatchObject({ [t.d!]: 'cancelled', [t.e!]: 'cancelled' });
    expect(await countTaken(db, salon.id)).toBe(1);
  });

  it('never holds a seat past the start of the salon', async () => {
    const t = await fullRoom();
    const eveOf = new Date(salon.start.getTime() - 3 * 3_600_000);
    await cancelRegistration(db, salon, t.a!, eveOf);
    expect((await db.select().from(registrations)).find((r) => r.ticketCode === t.c)!.offerExpiresAt).toEqual(salon.start);
  });

  it('lets a waitlisted person leave the list; the others move up', async () => {
    const t = await fullRoom();
    expect((await cancelRegistration(db, salon, t.c!, hours(1))).outcome).toBe('cancelled');
    const e = (await db.select().from(registrations)).find((r) => r.ticketCode === t.e)!;
    expect(await waitlistPosition(db, e)).toBe(2);
    expect(await mails('waitlist-offer')).toHaveLength(0);
  });

  it('fills every free seat in waitlist order when capacity is raised (offerFreedSeats)', async () => {
    const t = await fullRoom();
    const bigger = { ...salon, capacity: 4 };
    const offered = await writeTransaction(db, (tx) => offerFreedSeats(tx, bigger, hours(1)));
    expect(offered.map((o) => o.ticketCode)).toEqual([t.c, t.d]);
    expect(await writeTransaction(db, (tx) => offerFreedSeats(tx, bigger, hours(1)))).toEqual([]);
    expect((await acceptOffer(db, bigger, t.d!, hours(2))).outcome).toBe('accepted');
    expect(await statuses()).toMatchObject({ [t.c!]: 'offered', [t.d!]: 'confirmed', [t.e!]: 'waitlisted' });
  });
});
