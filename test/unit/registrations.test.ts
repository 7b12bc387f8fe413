// Salon registrations on a real SQLite file: seats, waitlist order,
// idempotency, cancellation offering the freed seat, check-in with its coupon,
// reminders — and the mails and activities each one leaves behind.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activities, coupons, mailOutbox, registrations, rewards } from '../../db/tables';
import { cancelRegistration, checkIn, normalizeTicketCode, queueDueReminders, registerForSalon, waitlistPosition } from '../../src/lib/salons/registrations';
import { setRole } from '../../src/lib/leads/people';
import { salonCalendar } from '../../src/lib/salons/calendar';
import { allowInserts, failInserts, tempDatabase } from '../support/db';
import { asSent } from '../support/outbox';
import { findGuests } from '../../src/lib/salons/stats';
import { doorAnswer } from '../../src/lib/salons/door';
import { formatTimeInZone, isoInZone } from '../../src/lib/platform/dates';
import { writeTransaction, type Db } from '../../src/lib/platform/db';
import { salonFixture } from '../support/salons';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await tempDatabase()));
afterEach(async () => await cleanup());

const salon = salonFixture({
  id: 'test-salon',
  title: 'Scoring that sales trusts',
  start: new Date('2026-12-10T18:30:00+08:00'),
  timezone: 'Asia/Shanghai',
  capacity: 3,
  offerHours: 24,
  coupon: { prefix: 'SALONDEC', description: '20% off Lead Scoring Desk', percentOff: 20, validDays: 60 },
});
const now = new Date('2026-11-22T10:00:00Z');
const tick = (s: number) => new Date(now.getTime() + s * 1000);
const register = (email: string, at = now, extra = {}) => registerForSalon(db, salon, { input: { email, consent: false, ...extra }, attribution: null, referralClickId: null }, at);
/** One after another, as people arrive: the waitlist order is the arrival order. */
const registerAll = async (names: string[]) => {
  const out = [];
  for (const [i, n] of names.entries()) out.push(await register(`${n}@example.com`, tick(i)));
  return out;
};
const statusOf = (r: Awaited<ReturnType<typeof register>>) => (r.outcome === 'closed' ? 'closed' : r.registration.status);
/** The outbox's mails of a template, as the worker sends them (QR code and calendar file made). */
const mails = async (template: string) => (await db.select().from(mailOutbox)).filter((m) => m.template === template).map(asSent);

describe('registering', () => {
  it('confirms while seats remain, then waitlists in order', async () => {
    const results = await registerAll(['a', 'b', 'c', 'd', 'e']);
    expect(results.map(statusOf)).toEqual(['confirmed', 'confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
    expect(results.map((r) => r.outcome !== 'closed' && r.position)).toEqual([undefined, undefined, undefined, 1, 2]);
    expect(new Set(results.map((r) => r.outcome !== 'closed' && r.registration.ticketCode)).size).toBe(5);
  });

  it('is idempotent per email, whatever its case, keeps the first ticket and mails it again to that address at most once in 10 minutes', async () => {
    const first = await register('Ann@Example.com');
    const again = await register('  ann@example.COM ', tick(5), { name: 'Ann Lee' });
    expect(first.outcome).toBe('created');
    expect(again.outcome).toBe('existing');
    if (first.outcome === 'closed' || again.outcome === 'closed') throw new Error();
    expect(again.registration.ticketCode).toBe(first.registration.ticketCode);
    expect(again.person.name).toBe('Ann Lee'); // an empty field is filled all the same
    expect((await db.select().from(registrations))).toHaveLength(1);
    expect((await mails('registration')).map((m) => m.to)).toEqual(['ann@example.com', 'ann@example.com']);
    await register('ann@example.com', tick(9 * 60));
    expect((await mails('registration'))).toHaveLength(2);
    await register('ann@example.com', tick(16 * 60));
    expect((await mails('registration'))).toHaveLength(3);
  });

  it('mails a ticket with a QR code and a calendar file, and records the activity with its source', async () => {
    await registerForSalon(db, salon, { input: { email: 'ann@example.com', utm: { source: 'wechat', medium: 'social', campaign: 'dec' } }, attribution: null, referralClickId: null }, now);
    const [mail] = await mails('registration');
    expect(mail!.subject).toBe('Your seat at Scoring that sales trusts');
    expect(mail!.text).toMatch(/Ticket code: [A-Z2-7]{4}-/);
    expect(mail!.attachments!.map((a) => a.filename)).toEqual([expect.stringMatching(/^ticket-.*\.png$/), 'test-salon.ics']);
    // The QR code is inline: an attachment with a Content-ID that the HTML shows; the cancel link is a plain link.
    const [qr] = mail!.attachments! as Array<{ contentId?: string }>;
    expect(mail!.html).toContain(`<img src="cid:${qr!.contentId}"`);
    expect(mail!.html).toMatch(/<a href="[^"]+\/events\/test-salon\/ticket\/[A-Z2-7-]+\/cancel\/"[^>]*>Cancel my seat<\/a>/);
    expect(mail!.text).toMatch(/Cancel my seat: http\S+\/cancel\//);
    expect(mail!.text).not.toContain('<');
    const ics = Buffer.from(mail!.attachments![1]!.content, 'base64').toString();
    expect(ics).toContain('DTSTART;TZID=Asia/Shanghai:20261210T183000');
    const [act] = (await db.select().from(activities));
    expect(act).toMatchObject({ type: 'salon_registration', subject: 'test-salon', source: 'wechat', medium: 'social', campaign: 'dec' });
  });

  it('closes at the deadline and after the start', async () => {
    expect((await register('late@example.com', salon.registrationDeadline)).outcome).toBe('closed');
    expect((await register('later@example.com', salon.start)).outcome).toBe('closed');
    expect((await db.select().from(registrations))).toHaveLength(0);
  });
});

describe('cancelling', () => {
  it('offers the freed seat to the first waitlisted person, in the same transaction as the offer mail', async () => {
    const r = await registerAll(['a', 'b', 'c', 'd', 'e']);
    const ticketOf = (i: number) => (r[i]!.outcome === 'closed' ? '' : r[i]!.registration.ticketCode);
    const result = await cancelRegistration(db, salon, ticketOf(1).toLowerCase().replace(/-/g, ''), tick(10));
    expect(result.outcome).toBe('cancelled');
    if (result.outcome !== 'cancelled') throw new Error();
    expect(result.offered.map((o) => [o.ticketCode, o.status, o.offerExpiresAt])).toEqual([[ticketOf(3), 'offered', new Date(tick(10).getTime() + 24 * 3_600_000)]]);
    expect((await mails('waitlist-offer')).map((m) => m.to)).toEqual(['d@example.com']);
    const e = (await db.select().from(registrations)).find((x) => x.ticketCode === ticketOf(4))!;
    expect(await waitlistPosition(db, e)).toBe(1);
    expect((await db.select().from(activities)).filter((a) => a.type === 'salon_cancellation')).toHaveLength(1);
    expect((await mails('registration-cancelled')).map((m) => [m.to, m.subject])).toEqual([['b@example.com', `Your seat at ${salon.title} is cancelled`]]);
  });

  it('queues the cancellation mail in the cancelling transaction: no cancellation, no mail', async () => {
    const r = await register('ann@example.com');
    const code = r.outcome === 'closed' ? '' : r.registration.ticketCode;
    await failInserts(db, 'mail_outbox', "template = 'registration-cancelled'", 'outbox down');
    await expect(cancelRegistration(db, salon, code, tick(5))).rejects.toSatisfy((e: Error) => /outbox down/.test(`${e} ${e.cause}`));
    expect((await db.select().from(registrations))[0]!.status).toBe('confirmed');
    await allowInserts(db, 'mail_outbox');
    await cancelRegistration(db, salon, code, tick(6));
    expect((await mails('registration-cancelled'))).toHaveLength(1);
  });

  it('offers no seat when a waitlisted person cancels, and is idempotent', async () => {
    const r = await registerAll(['a', 'b', 'c', 'd']);
    const d = r[3]!.outcome === 'closed' ? '' : r[3]!.registration.ticketCode;
    expect(await cancelRegistration(db, salon, d, tick(5))).toMatchObject({ outcome: 'cancelled', offered: [] });
    expect((await cancelRegistration(db, salon, d, tick(6))).outcome).toBe('already_cancelled');
    expect((await cancelRegistration(db, salon, 'AAAA-BBBB-CCCC-DDDD', tick(6))).outcome).toBe('not_found');
    expect((await mails('waitlist-offer'))).toHaveLength(0);
  });

  it('lets a person who cancelled register again, at the back of the queue', async () => {
    const r = await registerAll(['a', 'b', 'c', 'd']);
    await cancelRegistration(db, salon, r[0]!.outcome === 'closed' ? '' : r[0]!.registration.ticketCode, tick(5));
    const back = await register('a@example.com', tick(6));
    expect(back.outcome).toBe('created');
    expect(statusOf(back)).toBe('waitlisted');
  });
});

describe('checking in', () => {
  it('checks a confirmed attendee in once and grants the VIP coupon once, by mail', async () => {
    const staff = await setRole(db, 'ops@example.com', 'admin');
    const r = await register('ann@example.com');
    const code = r.outcome === 'closed' ? '' : r.registration.ticketCode;
    const first = await checkIn(db, salon, code, staff.id, tick(60));
    expect(first.outcome).toBe('checked_in');
    expect(first.outcome === 'checked_in' && first.couponCode).toMatch(/^SALONDEC-[A-Z2-7]{8}$/);
    expect((await checkIn(db, salon, code, staff.id, tick(61))).outcome).toBe('already');
    expect((await db.select().from(rewards))).toHaveLength(1);
    expect((await db.select().from(coupons))).toMatchObject([{ percentOff: 20, origin: 'test-salon', expiresAt: new Date(tick(60).getTime() + 60 * 86_400_000) }]);
    expect((await mails('coupon'))).toHaveLength(1);
    expect((await mails('coupon'))[0]!.text).toMatch(/Unsubscribe: http/);
    expect((await db.select().from(activities)).filter((a) => a.type === 'salon_checkin')).toHaveLength(1);
  });

  it('checks in by the row the door search found, for this salon only', async () => {
    const staff = await setRole(db, 'ops@example.com', 'admin');
    const r = await register('ann@example.com', now, { name: 'Ann Lee', company: 'Acme 100%' });
    const id = r.outcome === 'closed' ? 0 : r.registration.id;
    expect(await findGuests(db, salon.id, 'LEE')).toMatchObject([{ id, name: 'Ann Lee', status: 'confirmed', checkedInAt: null }]);
    expect((await findGuests(db, salon.id, 'acme 100%')).map((g) => g.id)).toEqual([id]);
    expect(await findGuests(db, salon.id, 'a_n')).toEqual([]); // _ and % are plain characters, not LIKE wildcards
    expect(await findGuests(db, 'another-salon', 'ann')).toEqual([]);
    expect((await checkIn(db, { ...salon, id: 'another-salon' }, { id }, staff.id)).outcome).toBe('not_found');
    expect((await checkIn(db, salon, { id }, staff.id, tick(60))).outcome).toBe('checked_in');
    expect((await findGuests(db, salon.id, 'ann'))[0]!.checkedInAt).toEqual(tick(60));
    const again = await checkIn(db, salon, { id }, staff.id, tick(90));
    expect(doorAnswer(salon, again)).toMatchObject({ ok: false, status: 409, headline: `Already checked in at ${formatTimeInZone(tick(60), 'Asia/Shanghai')}` });
    expect(formatTimeInZone(tick(60), 'Asia/Shanghai')).toBe('18:01 GMT+8');
  });

  it('refuses waitlisted and unknown tickets', async () => {
    const staff = await setRole(db, 'ops@example.com', 'admin');
    const r = await registerAll(['a', 'b', 'c', 'd']);
    expect((await checkIn(db, salon, r[3]!.outcome === 'closed' ? '' : r[3]!.registration.ticketCode, staff.id)).outcome).toBe('not_confirmed');
    expect((await checkIn(db, salon, 'nope', staff.id)).outcome).toBe('not_found');
  });
});

describe('reminders', () => {
  it('queues the 24-hour and the 2-hour reminder once each, for confirmed seats only', async () => {
    await registerAll(['a', 'b', 'c', 'd']);
    const hours = (h: number) => new Date(salon.start.getTime() - h * 3_600_000);
    expect(await queueDueReminders(db, [salon], hours(30))).toBe(0);
    expect(await queueDueReminders(db, [salon], hours(23))).toBe(3);
    expect(await queueDueReminders(db, [salon], hours(22))).toBe(0);
    expect(await queueDueReminders(db, [salon], hours(1.5))).toBe(3);
    expect(await queueDueReminders(db, [salon], hours(1))).toBe(0);
    expect(await queueDueReminders(db, [salon], hours(-1))).toBe(0);
    expect((await mails('reminder-24h'))).toHaveLength(3);
    expect((await mails('reminder-2h'))).toHaveLength(3);
    expect((await mails('reminder-2h'))[0]!.subject).toMatch(/in two hours/);
  });
});

describe('tickets and calendars', () => {
  it('writes CSV times in the salon zone with its offset', async () => {
    expect(isoInZone(new Date('2026-11-22T11:02:05Z'), 'Asia/Shanghai')).toBe('2026-11-22T19:02:05+08:00');
    expect(isoInZone(new Date('2026-11-22T11:02:05Z'), 'UTC')).toBe('2026-11-22T11:02:05+00:00');
    expect(isoInZone(new Date('2026-07-01T23:30:00Z'), 'America/New_York')).toBe('2026-07-01T19:30:00-04:00');
  });

  it('reads a ticket code however it is typed', async () => {
    expect(normalizeTicketCode(' k7qf 3mzp-wx2a7rtb ')).toBe('K7QF-3MZP-WX2A-7RTB');
  });

  it('writes the calendar file in the salon zone, whatever the server zone', async () => {
    for (const zone of [{ timezone: 'Asia/Singapore', local: '20270114T140000' }, { timezone: 'Europe/London', local: '20270114T060000' }]) {
      const ics = salonCalendar({ id: 'x', title: 'T', summary: 'S', start: new Date('2027-01-14T06:00:00Z'), end: new Date('2027-01-14T07:30:00Z'), timezone: zone.timezone, location: 'L', url: 'http://x/' }, now);
      expect(ics).toContain(`DTSTART;TZID=${zone.timezone}:${zone.local}`);
      expect(ics).toContain(`BEGIN:VTIMEZONE\r\nTZID:${zone.timezone}`);
      expect(ics).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
    }
  });
});

describe('a referral verified at the door', () => {
  it('counts towards gifts once the referred person is checked in', async () => {
    const { attributeReferral } = await import('../../src/lib/community/referrals');
    const { setRole } = await import('../../src/lib/leads/people');
    const { referralClicks, rewards: rewardRows } = await import('../../db/tables');
    const referrer = await setRole(db, 'ref@example.com', 'member');
    const [click] = await writeTransaction(db, (tx) => tx.insert(referralClicks).values({ referrerId: referrer.id, visitorId: 'v'.repeat(20), createdAt: new Date(now.getTime() - 60_000) }).returning());
    const r = await registerForSalon(db, salon, { input: { email: 'friend@example.com' }, attribution: null, referralClickId: null }, now);
    if (r.outcome !== 'created') throw new Error(r.outcome);
    expect(await attributeReferral(db, click!.id, r.person.id, 'registration', now)).toBe('attributed');
    expect((await db.select().from(rewardRows)).filter((x) => x.personId === referrer.id)).toEqual([]);
    const staff = await setRole(db, 'door@example.com', 'door');
    expect((await checkIn(db, salon, r.registration.ticketCode, staff.id, now)).outcome).toBe('checked_in');
    expect((await db.select().from(rewardRows)).filter((x) => x.personId === referrer.id).map((x) => x.giftId)).toEqual(['recommend-1']);
  });
});

