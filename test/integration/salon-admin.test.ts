// Salons as rows, through the admin API and the public site of the running
// server: a created salon is on /events/ at once (page, .ics, share image,
// JSON-LD), drafts stay unseen, capacity never strands anyone, a cancellation
// mails everyone, and bad input or the wrong person changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { auditLog, mailOutbox, registrations, salons } from '../../db/tables';
import { sessionCookie } from '../support/people';
import { postJson } from '../support/http';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let admin = '';
const cookies: Record<string, string> = {};

/** Times relative to now in Shanghai, so the salon is open whatever day the test runs. */
const at = (days: number, hour = 18, minute = 30): string => DateTime.now().setZone('Asia/Shanghai').plus({ days }).set({ hour, minute, second: 0, millisecond: 0 }).toISO({ suppressMilliseconds: true })!;

function salonBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Partner night: agents who sell',
    summary: 'An evening with the agents who bring a third of our customers, and how their share works.',
    description: '## Who it is for\n\nChannel managers.\n\n<script>alert(1)</script>\n\n[bad](javascript:alert(1)) [good](https://example.com/)',
    titleZh: '渠道之夜：会卖货的代理商',
    summaryZh: '和带来三分之一客户的代理商聊聊，他们的分成怎么算。',
    start: at(20),
    end: at(20, 21, 0),
    registrationDeadline: at(19, 12, 0),
    timezone: 'Asia/Shanghai',
    format: 'in-person',
    city: 'Shanghai',
    venue: { name: 'The Loft', address: '88 Huaihai Middle Road' },
    capacity: 3,
    speakers: [{ name: 'Mei Lin', title: 'Head of Partnerships', company: 'Flywheel' }],
    agenda: [{ time: '18:30', title: 'Doors open' }, { time: '19:00', title: 'Roundtable' }],
    attendeeGift: 'A partner playbook',
    coupon: { prefix: 'AGENT', description: '10% off Partner Channel', percentOff: 10, validDays: 60 },
    questions: [{ id: 'role', kind: 'choice', label: 'Your role', labelZh: '你的角色', required: true, options: [{ value: 'agent', label: 'Agent', labelZh: '代理商', fitPoints: 0 }, { value: 'vendor', label: 'Vendor', labelZh: '厂商', fitPoints: 6 }] }],
    ...overrides,
  };
}

const adminApi = (path: string, body: unknown, method = 'POST', cookie = admin): Promise<{ status: number; body: any }> =>
  fetch(`${server.url}/api/admin/salons${path}`, { method, headers: { 'content-type': 'application/json', cookie }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json().catch(() => null) }));

const page = (path: string): Promise<{ status: number; text: string; type: string }> => fetch(`${server.url}${path}`).then(async (r) => ({ status: r.status, text: await r.text(), type: r.headers.get('content-type') ?? '' }));

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMITS: 'off', MAIL_WORKER: 'off' } });
  admin = await sessionCookie(server.db, 'ops@flywheel.example', 'admin');
  for (const role of ['member', 'sales', 'door'] as const) cookies[role] = await sessionCookie(server.db, `${role}@flywheel.example`, role);
});
afterAll(async () => await server?.stop());

describe('a salon created in /admin/ is public at once', () => {
  let slug = '';
  it('creates a draft, unseen until published', async () => {
    const created = await adminApi('', salonBody());
    expect(created.status).toBe(201);
    slug = created.body.slug;
    expect(slug).toMatch(/^\d{4}-\d{2}-partner-night-agents-who-sell$/);
    expect(created.body.status).toBe('draft');
    expect((await page(`/events/${slug}/`)).status).toBe(404);
    expect((await page('/events/')).text).not.toContain('Partner night');
    const published = await adminApi(`/${slug}`, { status: 'published' }, 'PATCH');
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
  });

  it('shows it on /events/, its page, .ics, share image and JSON-LD, in both languages, without a rebuild', async () => {
    expect((await page('/events/')).text).toContain('Partner night: agents who sell');
    expect((await page('/zh/events/')).text).toContain('渠道之夜：会卖货的代理商');
    const en = await page(`/events/${slug}/`);
    expect(en.status).toBe(200);
    expect(en.text).toContain('<h1');
    expect(en.text).toContain('Who it is for');
    // Staff Markdown is never run as HTML, and only safe links survive.
    expect(en.text).not.toContain('<script>alert(1)</script>');
    expect(en.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(en.text).not.toContain('javascript:alert');
    expect(en.text).toContain('href="https://example.com/"');
    const ld = JSON.parse(/<script type="application\/ld\+json">([^<]+)<\/script>/.exec(en.text)![1]!);
    expect(ld).toMatchObject({ '@type': 'Event', name: 'Partner night: agents who sell', maximumAttendeeCapacity: 3 });
    expect(ld.startDate).toBe(new Date(String(salonBody().start)).toISOString());
    const zh = await page(`/zh/events/${slug}/`);
    expect(zh.text).toContain('渠道之夜：会卖货的代理商');
    expect(zh.text).toContain('lang="zh-CN"');
    const ics = await page(`/events/${slug}/calendar.ics`);
    expect(ics.type).toContain('text/calendar');
    expect(ics.text).toContain('SUMMARY:Partner night: agents who sell');
    expect((await page(`/zh/events/${slug}/calendar.ics`)).text).toContain('渠道之夜');
    const image = await fetch(`${server.url}/share/zh/salons/${slug}.png`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    expect(en.text).toContain(`/share/en/salons/${slug}.png`);
    expect((await page('/sitemap-salons.xml')).text).toContain(`/events/${slug}/`);
  });

  it('shows an edit at once, and keeps the trail', async () => {
    const edited = await adminApi(`/${slug}`, { title: 'Partner night: agents who really sell' }, 'PATCH');
    expect(edited.status).toBe(200);
    expect((await page(`/events/${slug}/`)).text).toContain('Partner night: agents who really sell');
    const trail = await server.db.select().from(auditLog).where(and(eq(auditLog.entity, 'salon'), eq(auditLog.entityId, slug))).orderBy(auditLog.id);
    expect(trail.map((r) => r.action)).toEqual(['create', 'publish', 'update']);
    expect(trail[2]!.detail?.changes?.title).toEqual({ before: 'Partner night: agents who sell', after: 'Partner night: agents who really sell' });
    // Only what was sent changed: the question, speakers and agenda are still there.
    expect(Object.keys(trail[2]!.detail!.changes!)).toEqual(['title']);
    const after = await adminApi(`/${slug}`, undefined, 'GET');
    expect(after.body.questions.map((q: { id: string }) => q.id)).toEqual(['role']);
    expect(after.body.speakers).toHaveLength(1);
    expect(after.body.agenda).toHaveLength(2);
  });

  it('never strands people when capacity changes, and mails everyone when cancelled', async () => {
    const register = (i: number) => postJson(`${server.url}/api/events/${slug}/register`, { email: `guest${i}@example.com`, name: `Guest ${i}`, answers: { role: 'vendor' } }, { 'accept-language': i === 4 ? 'zh-CN' : 'en' });
    const answers: Array<{ status: number; body: any }> = [];
    for (const i of [1, 2, 3, 4]) answers.push(await register(i));
    expect(answers.map((a) => a.body.status), JSON.stringify(answers[0]!.body)).toEqual(['confirmed', 'confirmed', 'confirmed', 'waitlisted']);
    const lower = await adminApi(`/${slug}`, { capacity: 2 }, 'PATCH');
    expect(lower.status).toBe(409);
    expect(lower.body.error.message).toBe('Capacity 2 is below the 3 seats already taken.');
    expect(lower.body.error.fields.capacity).toContain('keep at least 3');
    const lowerZh = await fetch(`${server.url}/api/admin/salons/${slug}`, { method: 'PATCH', headers: { 'content-type': 'application/json', cookie: admin, 'accept-language': 'zh-CN' }, body: JSON.stringify({ capacity: 2 }) }).then((r) => r.json());
    expect(lowerZh.error.message).toBe('容量 2 低于已占用的 3 个座位。');
    expect((await server.db.select().from(salons).where(eq(salons.id, slug)))[0]!.capacity).toBe(3);
    const raise = await adminApi(`/${slug}`, { capacity: 4 }, 'PATCH');
    expect(raise.status).toBe(200);
    // The fourth person is no longer left waiting.
    const fourth = (await server.db.select().from(registrations).where(eq(registrations.eventId, slug))).find((r) => r.ticketCode === answers[3]!.body.ticketCode)!;
    expect(fourth.status).not.toBe('waitlisted');
    const cancelled = await adminApi(`/${slug}`, { status: 'cancelled' }, 'PATCH');
    expect(cancelled.status).toBe(200);
    const mails = await server.db.select().from(mailOutbox).where(eq(mailOutbox.template, 'salon_cancelled'));
    expect(mails.map((m) => m.to).sort()).toEqual(['guest1@example.com', 'guest2@example.com', 'guest3@example.com', 'guest4@example.com']);
    expect(mails.find((m) => m.to === 'guest4@example.com')!.subject).toBe('“渠道之夜：会卖货的代理商”已取消');
    expect(mails.find((m) => m.to === 'guest1@example.com')!.subject).toBe('Partner night: agents who really sell is cancelled');
    expect((await server.db.select().from(registrations).where(and(eq(registrations.eventId, slug), eq(registrations.status, 'cancelled'))))).toHaveLength(4);
    const pageText = (await page(`/events/${slug}/`)).text;
    expect(pageText).toContain('This salon has been cancelled');
    expect((await page('/events/')).text).not.toContain('agents who really sell');
    // Registration is shut, and a cancelled salon stays cancelled.
    expect((await postJson(`${server.url}/api/events/${slug}/register`, { email: 'late@example.com', name: 'Late', answers: { role: 'agent' } })).status).toBe(409);
    expect((await adminApi(`/${slug}`, { status: 'published' }, 'PATCH')).status).toBe(409);
  });
});

describe('a salon written only in Chinese', () => {
  it('gets an address from its month, and shows its Chinese words on the English page, marked as Chinese', async () => {
    const created = await adminApi('', salonBody({ title: undefined, summary: undefined, description: undefined, descriptionZh: '## 适合谁\n\n渠道经理。', city: '深圳', status: 'published' }));
    expect(created.status).toBe(201);
    expect(created.body.slug).toMatch(/^\d{4}-\d{2}-salon$/);
    const en = await page(`/events/${created.body.slug}/`);
    expect(en.text).toMatch(/<h1[^>]*lang="zh-CN"[^>]*>渠道之夜/);
    expect(en.text).toContain('This salon is described in Chinese only.');
  });
});

describe('bad input changes nothing', () => {
  const count = async (): Promise<number> => (await server.db.select().from(salons)).length;

  it.each([
    ['no title in either language', { title: undefined, titleZh: undefined }, 'title'],
    ['a wrong type', { capacity: 'thirty' }, 'capacity'],
    ['zero seats', { capacity: 0 }, 'capacity'],
    ['an end before the start', { end: at(19) }, 'end'],
    ['a deadline after the start', { registrationDeadline: at(21) }, 'registrationDeadline'],
    ['a time without an offset', { start: '2027-04-16T18:30:00' }, 'start'],
    ['a made-up zone', { timezone: 'Mars/Olympus' }, 'timezone'],
    ['control characters in a title', { title: 'Partner\u0007 night' }, 'title'],
    ['a javascript: map link', { venue: { name: 'X', address: 'Y', mapUrl: 'javascript:alert(1)' } }, 'venue.mapUrl'],
    ['an online salon without its link', { format: 'online', venue: undefined }, 'onlineUrl'],
    ['an unknown field', { price: 100 }, '_'],
    ['a choice question with one option', { questions: [{ id: 'x', kind: 'choice', label: 'Pick', options: [{ value: 'a', label: 'A' }] }] }, 'questions.0.options'],
    ['a bad slug', { slug: '../admin' }, 'slug'],
  ])('%s → 400 with the field named', async (_, overrides, field) => {
    const before = await count();
    const answer = await adminApi('', salonBody(overrides as Record<string, unknown>));
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid');
    expect(Object.keys(answer.body.error.fields ?? {})).toContain(field);
    expect(await count()).toBe(before);
  });

  it('refuses a body that is not JSON, too large or nested deep, and a slug taken twice', async () => {
    expect((await adminApi('', '{"title":')).status).toBe(400);
    expect((await adminApi('', salonBody({ description: 'x'.repeat(70_000) }))).status).toBe(413);
    let deep: unknown = 'x';
    for (let i = 0; i < 200; i++) deep = { deep };
    expect((await adminApi('', salonBody({ agenda: deep }))).status).toBe(400);
    expect((await adminApi('', salonBody({ slug: 'twice-salon' }))).status).toBe(201);
    // A one-letter title or summary is refused with its field's message, not kept half-way (the row needs two).
    const short = await adminApi('', salonBody({ slug: 'short-words', title: 'X', summaryZh: '短' }));
    expect(short.status).toBe(400);
    expect(short.body.error.fields).toMatchObject({ title: 'At least two characters.', summaryZh: 'At least two characters.' });
    expect((await adminApi('/short-words', { capacity: 5 }, 'PATCH')).status).toBe(404);
    const again = await adminApi('', salonBody({ slug: 'twice-salon' }));
    expect(again.status).toBe(409);
    expect(again.body.error.fields.slug).toBe('A salon already has that address.');
  });

  it('answers an unknown salon with 404 and a slug change with 400', async () => {
    expect((await adminApi('/no-such-salon', { capacity: 5 }, 'PATCH')).status).toBe(404);
    expect((await adminApi('/twice-salon', { slug: 'another-address' }, 'PATCH')).status).toBe(400);
    expect((await adminApi('/twice-salon', { status: 'gone' }, 'PATCH')).status).toBe(400);
  });

  it('lets only admins in: members, sales and door staff get 403, strangers 401', async () => {
    const before = await count();
    for (const role of ['member', 'sales', 'door'] as const) {
      expect((await adminApi('', salonBody(), 'POST', cookies[role])).status).toBe(403);
      expect((await adminApi('/twice-salon', { capacity: 9 }, 'PATCH', cookies[role])).status).toBe(403);
      expect((await fetch(`${server.url}/api/admin/salons`, { headers: { cookie: cookies[role]! } })).status).toBe(403);
    }
    expect((await adminApi('', salonBody(), 'POST', '')).status).toBe(401);
    expect(await count()).toBe(before);
    expect((await server.db.select().from(salons).where(eq(salons.id, 'twice-salon')))[0]!.capacity).toBe(3);
  });

  it('lists every salon for admins, drafts included', async () => {
    const list = await fetch(`${server.url}/api/admin/salons`, { headers: { cookie: admin } }).then((r) => r.json());
    expect(list.salons.map((s: { slug: string }) => s.slug)).toContain('twice-salon');
    expect(list.salons.find((s: { slug: string }) => s.slug === 'twice-salon').status).toBe('draft');
  });
});
