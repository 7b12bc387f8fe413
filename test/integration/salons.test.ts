// Salon registration over real HTTP against the built server: the race for a
// small room, cancellation races, idempotency, check-in, and bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNotNull } from 'drizzle-orm';
import { activities, coupons, mailOutbox, people, registrations, rewards } from '../../db/tables';
import { fixtureSalon } from '../support/salons';
import { sessionCookie } from '../support/people';
import { postJson } from '../support/http';
import { startServer, type RunningServer } from '../support/server';

// A 30-seat fixture salon dated relative to the test build: open whatever today is.
const salon = fixtureSalon('open');
const api = (path: string) => `/api/events/${salon.id}/${path}`;

/** Three server processes on one database: only the database's own locking can keep the count right. */
async function raceRound(): Promise<void> {
  const env = { RATE_LIMITS: 'off', MAIL_WORKER: 'off' };
  const server = await startServer({ env });
  const twin = await startServer({ env, dir: server.dir });
  const third = await startServer({ env, dir: server.dir });
  const servers = [server, twin, third];
  try {
    const n = salon!.capacity + 170;
    const emails = Array.from({ length: n }, (_, i) => `racer${String(i).padStart(3, '0')}@example.com`);
    const answers = await Promise.all(emails.map((email, i) => postJson(servers[i % 3]!.url + api('register'), { email, name: `Racer ${email.slice(5, 8)}` })));
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    expect(answers.every((a) => a.status === 201)).toBe(true);
    const confirmed = answers.filter((a) => a.body.status === 'confirmed');
    const waitlisted = answers.filter((a) => a.body.status === 'waitlisted');
    expect(confirmed).toHaveLength(salon!.capacity);
    expect(waitlisted).toHaveLength(n - salon!.capacity);
    // Waitlist positions are exactly 1..k, each once.
    expect(waitlisted.map((a) => a.body.position).sort((x, y) => x - y)).toEqual(Array.from({ length: n - salon!.capacity }, (_, i) => i + 1));
    // Every person is recorded, with one registration and one activity each.
    const db = server.db;
    expect((await db.select().from(registrations).where(eq(registrations.eventId, salon!.id)))).toHaveLength(n);
    expect((await db.select().from(people))).toHaveLength(n);
    expect((await db.select().from(activities).where(eq(activities.type, 'salon_registration')))).toHaveLength(n);
    expect((await db.select().from(mailOutbox))).toHaveLength(n);
    // The waitlist order in the database is the order the answers gave.
    const byPosition = [...waitlisted].sort((x, y) => x.body.position - y.body.position).map((a) => a.body.ticketCode);
    const inDb = (await db.select().from(registrations).where(and(eq(registrations.eventId, salon!.id), eq(registrations.status, 'waitlisted'))).orderBy(registrations.id)).map((r) => r.ticketCode);
    expect(inDb).toEqual(byPosition);
  } finally {
    await third.stop({ keepFiles: true });
    await twin.stop({ keepFiles: true });
    await server.stop();
  }
}

describe(`the race for ${salon.capacity} seats at ${salon.id}`, () => {
  it.each([1, 2, 3])('round %i: exactly capacity confirmed, the rest waitlisted in order, no 5xx', raceRound, 60_000);
});

describe('registration over HTTP', () => {
  let server: RunningServer;
  let adminCookie = '';
  let memberCookie = '';
  beforeAll(async () => {
    server = await startServer({
      env: { MAIL_WORKER_INTERVAL_MS: '100' },
      prepare: async (db) => {
        adminCookie = await sessionCookie(db, 'door@example.com', 'admin');
        memberCookie = await sessionCookie(db, 'm@example.com', 'member');
      },
    });
  });
  afterAll(async () => server?.stop());

  it('answers 201 with a ticket for a new registration and 200 without one for the same email', async () => {
    const first = await postJson(server.url + api('register'), { email: 'Same@Example.com', consent: true, utm: { source: 'linkedin' } });
    const again = await postJson(server.url + api('register'), { email: 'same@example.COM' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.ticketCode).toBeUndefined(); // knowing someone's email must not reveal their ticket
    expect(first.body.ticketCode).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
  });

  it('answers the designed 404 for unknown salons and tickets on every page', async () => {
    for (const path of ['/events/no-such-salon/register/', `/events/${salon.id}/ticket/AAAA-BBBB-CCCC-DDDD/`, '/events/no-such-salon/ticket/X/', '/events/no-such-salon/']) {
      const res = await fetch(server.url + path);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).toMatch(/spun off the wheel/);
    }
  });

  it('answers 404 for an unknown salon and 409 closed for a past one', async () => {
    expect((await postJson(server.url + '/api/events/no-such-salon/register', { email: 'a@example.com' })).status).toBe(404);
    for (const past of [fixtureSalon('past'), fixtureSalon('closed')]) {
      const r = await postJson(`${server.url}/api/events/${past.id}/register`, { email: 'late@example.com' });
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('closed');
    }
  });

  const bad: Array<[string, unknown, number, string?]> = [
    ['no email', { name: 'x' }, 400, 'email'],
    ['email not a string', { email: ['a@example.com'] }, 400, 'email'],
    ['malformed email', { email: 'a@' }, 400, 'email'],
    ['name too long', { email: 'a@example.com', name: 'x'.repeat(121) }, 400, 'name'],
    ['company size unknown', { email: 'a@example.com', companySize: 'huge' }, 400, 'companySize'],
    ['phone with letters', { email: 'a@example.com', phone: 'call me' }, 400, 'phone'],
    ['consent not boolean', { email: 'a@example.com', consent: 'maybe' }, 400, 'consent'],
    ['utm not an object', { email: 'a@example.com', utm: 'google' }, 400, 'utm'],
    ['body over 64 KB', { email: 'a@example.com', name: 'x'.repeat(70_000) }, 413],
    ['broken JSON', '{"email":', 400],
  ];
  it.each(bad)('rejects %s with a clear 4xx and writes nothing', async (_n, body, status, field) => {
    const before = (await server.db.select().from(registrations)).length;
    const r = await postJson(server.url + api('register'), body);
    expect(r.status).toBe(status);
    if (field) expect(r.body.error.fields[field]).toBeTruthy();
    expect((await server.db.select().from(registrations))).toHaveLength(before);
  });

  it('cancels by ticket code, answers 404 for someone else\'s made-up code, and 400 without one', async () => {
    const reg = await postJson(server.url + api('register'), { email: 'cancel.me@example.com' });
    expect((await postJson(server.url + api('cancel'), { ticketCode: reg.body.ticketCode })).status).toBe(200);
    expect((await postJson(server.url + api('cancel'), { ticketCode: 'AAAA-BBBB-CCCC-DDDD' })).status).toBe(404);
    expect((await postJson(server.url + api('cancel'), {})).status).toBe(400);
  });

  it('checks in for staff only: 200, then 409; a member gets 403', async () => {
    const reg = await postJson(server.url + api('register'), { email: 'guest@example.com', name: 'Guest Person' });
    expect(reg.body.status).toBe('confirmed');
    expect((await postJson(server.url + api('check-in'), { ticketCode: reg.body.ticketCode })).status).toBe(401);
    expect((await postJson(server.url + api('check-in'), { ticketCode: reg.body.ticketCode }, { cookie: memberCookie })).status).toBe(403);
    const first = await postJson(server.url + api('check-in'), { ticketCode: reg.body.ticketCode }, { cookie: adminCookie, origin: server.url });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'checked_in', attendee: { name: 'Guest Person' } });
    expect(first.body.coupon).toMatch(new RegExp(`^${salon.coupon.prefix}-`));
    const second = await postJson(server.url + api('check-in'), { ticketCode: reg.body.ticketCode }, { cookie: adminCookie, origin: server.url });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('conflict');
  });

  it('serves a valid calendar file in the salon zone', async () => {
    const res = await fetch(`${server.url}/events/${salon.id}/calendar.ics`);
    expect(res.headers.get('content-type')).toMatch(/text\/calendar/);
    const ics = await res.text();
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain(`TZID:${salon.timezone}`);
    expect(ics).toMatch(new RegExp(`DTSTART;TZID=${salon.timezone}:\\d{8}T\\d{6}\\r\\n`));
    expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
  });
});

describe('cancellation race', () => {
  it('offers exactly as many seats as were freed, to the first waitlisted people in order, and never sells one twice', async () => {
    const server = await startServer({ env: { RATE_LIMITS: 'off', MAIL_WORKER: 'off' } });
    try {
      const n = salon.capacity + 40;
      const regs = [];
      for (let i = 0; i < n; i++) regs.push((await postJson(server.url + api('register'), { email: `q${i}@example.com` })).body);
      const confirmed = regs.filter((r) => r.status === 'confirmed').slice(0, 10);
      const answers = await Promise.all(confirmed.map((r) => postJson(server.url + api('cancel'), { ticketCode: r.ticketCode })));
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
      expect(answers.reduce((sum, a) => sum + a.body.offered, 0)).toBe(10);
      const rows = (await server.db.select().from(registrations));
      expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(salon.capacity - 10);
      const offered = rows.filter((r) => r.status === 'offered').map((r) => r.ticketCode).sort();
      const firstTen = regs.filter((r) => r.status === 'waitlisted').slice(0, 10).map((r) => r.ticketCode).sort();
      expect(offered).toEqual(firstTen);
      expect((await server.db.select().from(mailOutbox)).filter((m) => m.template === 'waitlist-offer')).toHaveLength(10);
      // Offered seats are taken: a newcomer joins the waitlist behind everyone.
      expect((await postJson(server.url + api('register'), { email: 'late@example.com' })).body).toMatchObject({ status: 'waitlisted', position: 31 });
    } finally {
      await server.stop();
    }
  });
});

describe('the door', () => {
  it('checks in 300 attendees arriving at once, each exactly once, with one coupon each', async () => {
    const big = fixtureSalon('openLarge');
    let cookie = '';
    const server = await startServer({ env: { RATE_LIMITS: 'off', MAIL_WORKER: 'off' }, prepare: async (db) => void (cookie = await sessionCookie(db, 'door@example.com', 'admin')) });
    try {
      const tickets: string[] = [];
      for (let i = 0; i < 300; i++) tickets.push((await postJson(`${server.url}/api/events/${big.id}/register`, { email: `guest${i}@example.com` })).body.ticketCode);
      const checkInAll = () => Promise.all(tickets.map((ticketCode) => postJson(`${server.url}/api/events/${big.id}/check-in`, { ticketCode }, { cookie })));
      const first = await checkInAll();
      expect(first.map((r) => r.status)).toEqual(Array(300).fill(200));
      const replay = await checkInAll();
      expect(replay.map((r) => r.status)).toEqual(Array(300).fill(409));
      const db = server.db;
      expect(await db.$count(registrations, isNotNull(registrations.checkedInAt))).toBe(300);
      expect(await db.$count(rewards, eq(rewards.giftId, 'salon-vip'))).toBe(300);
      expect(new Set((await db.select({ code: coupons.code }).from(coupons)).map((c) => c.code)).size).toBe(300);
      expect(await db.$count(mailOutbox, eq(mailOutbox.template, 'coupon'))).toBe(300);
    } finally {
      await server.stop();
    }
  }, 60_000);
});
