// Sign-in end to end over HTTP against the built server: code by mail (the
// file transport), verify, session cookie, /api/me, sign out; rate limits;
// bad input on every field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { cohorts, memberships, people, signInCodes } from '../../db/tables';
import { writeTransaction } from '../../src/lib/platform/db';
import { findOrCreatePerson } from '../../src/lib/leads/people';
import { codeFrom, readMail, waitForMail } from '../support/mailbox';
import { postJson, requestFrom, sessionCookie } from '../support/http';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ env: { MAIL_WORKER_INTERVAL_MS: '100' }, prepare: async (db) => void (await findOrCreatePerson(db, 'known.lead@example.com')) });
});
afterAll(async () => server?.stop());

async function signIn(email: string): Promise<string> {
  const asked = await postJson(`${server.url}/api/auth/code`, { email });
  expect(asked.status).toBe(202);
  const mail = await waitForMail(server.mailDir, (m) => m.to === email.toLowerCase() && m.tags.template === 'sign-in-code' && !usedMail.has(m.file));
  usedMail.add(mail.file);
  const verified = await postJson(`${server.url}/api/auth/verify`, { email, code: codeFrom(mail) });
  expect(verified.status).toBe(200);
  return sessionCookie(verified.res);
}
const usedMail = new Set<string>();

describe('sign-in over HTTP', () => {
  it('mails a code, verifies it, sets an HttpOnly SameSite=Lax cookie and serves /api/me', async () => {
    const asked = await postJson(`${server.url}/api/auth/code`, { email: 'Known.Lead@Example.com' });
    expect(asked.status).toBe(202);
    const mail = await waitForMail(server.mailDir, (m) => m.to === 'known.lead@example.com');
    usedMail.add(mail.file);
    expect(mail.text).toContain(codeFrom(mail));
    expect(mail.html).toContain(codeFrom(mail));

    const verified = await postJson(`${server.url}/api/auth/verify`, { email: 'known.lead@example.com', code: codeFrom(mail) });
    expect(verified.status).toBe(200);
    const setCookie = verified.res.headers.getSetCookie().find((c) => c.startsWith('fw_session='))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Expires=/i);

    const me = await fetch(`${server.url}/api/me`, { headers: { cookie: sessionCookie(verified.res) } });
    expect(me.status).toBe(200);
    const body = await me.json();
    expect(body).toMatchObject({ email: 'known.lead@example.com', role: 'member', cohort: null, rewards: [] });
    expect(body.referral.link).toMatch(/\/r\/[a-z2-7]{8}$/);
    // The lead who was already known is the same person, now a member.
    expect(await server.db.select().from(people).where(eq(people.email, 'known.lead@example.com'))).toHaveLength(1);
  });

  it('answers 400 for a wrong code and for a replayed one', async () => {
    await postJson(`${server.url}/api/auth/code`, { email: 'replay@example.com' });
    const mail = await waitForMail(server.mailDir, (m) => m.to === 'replay@example.com');
    const code = codeFrom(mail);
    const wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const wrong = await postJson(`${server.url}/api/auth/verify`, { email: 'replay@example.com', code: wrongCode });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'invalid' });
    expect(wrong.body.error.fields.code).toBeTruthy();
    expect((await postJson(`${server.url}/api/auth/verify`, { email: 'replay@example.com', code })).status).toBe(200);
    expect((await postJson(`${server.url}/api/auth/verify`, { email: 'replay@example.com', code })).status).toBe(400);
  });

  it('signs out this device, or every device', async () => {
    const a = await signIn('two.devices@example.com');
    const b = await signIn('two.devices@example.com');
    const me = (cookie: string) => fetch(`${server.url}/api/me`, { headers: { cookie } }).then((r) => r.status);
    expect([await me(a), await me(b)]).toEqual([200, 200]);
    const out = await postJson(`${server.url}/api/auth/logout`, {}, { cookie: a });
    expect(out.status).toBe(200);
    expect([await me(a), await me(b)]).toEqual([401, 200]);
    const c = await signIn('two.devices@example.com');
    const all = await postJson(`${server.url}/api/auth/logout`, { everywhere: true }, { cookie: c });
    expect(all.body.sessionsEnded).toBe(2);
    expect([await me(b), await me(c)]).toEqual([401, 401]);
  });

  it('ignores a forged or tampered session cookie', async () => {
    const good = await signIn('tamper@example.com');
    const tampered = good.slice(0, -2) + (good.endsWith('aa') ? 'bb' : 'aa');
    expect((await fetch(`${server.url}/api/me`, { headers: { cookie: tampered } })).status).toBe(401);
    expect((await fetch(`${server.url}/api/me`, { headers: { cookie: 'fw_session=x.y' } })).status).toBe(401);
  });
});

describe('bad input', () => {
  const cases: Array<[string, string, unknown, number, string]> = [
    ['code: missing email', '/api/auth/code', {}, 400, 'invalid'],
    ['code: email of the wrong type', '/api/auth/code', { email: 42 }, 400, 'invalid'],
    ['code: not an email', '/api/auth/code', { email: 'not-an-email' }, 400, 'invalid'],
    ['code: broken JSON', '/api/auth/code', '{"email":', 400, 'invalid'],
    ['code: a JSON array', '/api/auth/code', '[]', 400, 'invalid'],
    ['code: over 64 KB', '/api/auth/code', { email: 'a@example.com', pad: 'x'.repeat(70_000) }, 413, 'too_large'],
    ['verify: missing code', '/api/auth/verify', { email: 'a@example.com' }, 400, 'invalid'],
    ['verify: code of letters', '/api/auth/verify', { email: 'a@example.com', code: 'abcdef' }, 400, 'invalid'],
    ['verify: code as a number', '/api/auth/verify', { email: 'a@example.com', code: 123456 }, 400, 'invalid'],
  ];
  it.each(cases)('%s → %i %s', async (_name, path, body, status, code) => {
    const r = await postJson(server.url + path, body);
    expect(r.status).toBe(status);
    expect(r.body.error.code).toBe(code);
  });

  it('refuses a cross-site form post (Astro origin check)', async () => {
    const r = await fetch(`${server.url}/api/auth/code`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, body: 'email=a%40example.com' });
    expect(r.status).toBe(403);
  });

  it('writes nothing for a bad request', async () => {
    const before = (await server.db.select({ n: count() }).from(signInCodes))[0]!;
    await postJson(`${server.url}/api/auth/code`, { email: 'nobody' });
    const after = (await server.db.select({ n: count() }).from(signInCodes))[0]!;
    expect(after.n).toBe(before.n);
  });

  it('answers a filled honeypot like success but mails nothing', async () => {
    const r = await postJson(`${server.url}/api/auth/code`, { email: 'bot@example.com', website: 'http://spam.example' });
    expect(r.status).toBe(202);
    await new Promise((res) => setTimeout(res, 500));
    expect(readMail(server.mailDir).some((m) => m.to === 'bot@example.com')).toBe(false);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After after 5 codes for one email', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 7; i++) {
      const r = await postJson(`${server.url}/api/auth/code`, { email: 'flood@example.com' });
      statuses.push(r.status);
      last = r.res;
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('joining the community over HTTP', () => {
  it('seats hundreds of simultaneous joins from three server processes without overfilling', async () => {
    const { startServer: start } = await import('../support/server');
    const { setRole: role } = await import('../../src/lib/leads/people');
    const { createSession: session } = await import('../../src/lib/auth/sessions');
    const cookies: string[] = [];
    const a = await start({
      env: { RATE_LIMITS: 'off', MAIL_WORKER: 'off' },
      prepare: async (db) => {
        await writeTransaction(db, async (tx) => {
          await tx.insert(cohorts).values({ number: 1, slug: 'cohort-1', capacity: 100 });
        });
        for (let i = 0; i < 250; i++) cookies.push(`fw_session=${(await session(db, (await role(db, `joiner${i}@example.com`, 'member')).id)).token}`);
      },
    });
    const b = await start({ env: { RATE_LIMITS: 'off', MAIL_WORKER: 'off' }, dir: a.dir });
    const c = await start({ env: { RATE_LIMITS: 'off', MAIL_WORKER: 'off' }, dir: a.dir });
    try {
      const answers = await Promise.all(cookies.map((cookie, i) => postJson(`${[a, b, c][i % 3]!.url}/api/community/join`, {}, { cookie })));
      expect(answers.map((r) => r.status)).toEqual(Array(250).fill(200));
      const counts = await a.db
        .select({ number: cohorts.number, capacity: cohorts.capacity, n: cohorts.memberCount, rows: count(memberships.id) })
        .from(cohorts)
        .leftJoin(memberships, eq(memberships.cohortId, cohorts.id))
        .groupBy(cohorts.id, cohorts.number, cohorts.capacity, cohorts.memberCount)
        .orderBy(cohorts.number);
      expect(counts).toEqual([
        { number: 1, capacity: 100, n: 100, rows: 100 },
        { number: 2, capacity: 500, n: 150, rows: 150 },
      ]);
      const seats = new Set(answers.map((r) => `${r.body.cohort.number}:${r.body.seat}`));
      expect(seats.size).toBe(250);
      const again = await postJson(`${a.url}/api/community/join`, {}, { cookie: cookies[0]! });
      expect(again.body).toEqual(answers[0]!.body);
      expect((await postJson(`${a.url}/api/community/join`, {})).status).toBe(401);
    } finally {
      await c.stop({ keepFiles: true });
      await b.stop({ keepFiles: true });
      await a.stop();
    }
  }, 60_000);
});

describe('referral links over HTTP', () => {
  it('counts distinct people whose browser loaded the page, attributes a registration once, and counts it once the friend proves a mailbox', async () => {
    const { setRole: role } = await import('../../src/lib/leads/people');
    const { createSession: session } = await import('../../src/lib/auth/sessions');
    const { fixtureSalon } = await import('../support/salons');
    const member = await role(server.db, 'sharer@example.com', 'member');
    const memberCookie = `fw_session=${(await session(server.db, member.id)).token}`;
    const link = `${server.url}/r/${member.referralCode}`;
    const browser = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile MicroMessenger/8.0.50';
    const cookiesOf = (setCookie: string | string[] | undefined): string => [setCookie ?? []].flat().map((c) => c.split(';')[0]).join('; ');
    // A person: follows the link, then the page loads its beacon with the cookie it was given.
    const visitFrom = async (address: string): Promise<string> => {
      const click = await requestFrom(address, 'GET', link, { headers: { 'user-agent': browser } });
      expect(click.status).toBe(302);
      expect(click.headers.location).toBe('/community/?invited=1');
      const jar = cookiesOf(click.headers['set-cookie']);
      await requestFrom(address, 'GET', `${server.url}/api/touch`, { headers: { 'user-agent': browser, cookie: jar, referer: `${server.url}/community/?invited=1` } });
      return jar;
    };
    const jar = await visitFrom('127.0.0.20');
    expect(jar).toMatch(/fw_ref=/);
    await visitFrom('127.0.0.20'); // the same person again
    for (let i = 21; i < 30; i++) await visitFrom(`127.0.0.${i}`); // nine other people

    const salon = fixtureSalon('open');
    const reg = await postJson(`${server.url}/api/events/${salon.id}/register`, { email: 'referred.friend@example.com' }, { cookie: jar });
    expect(reg.status).toBe(201);
    // The conversion uses up the referral cookie: the browser is told to drop it, and a replay converts nobody.
    expect(reg.res.headers.getSetCookie().find((c) => c.startsWith('fw_ref='))).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect((await postJson(`${server.url}/api/events/${salon.id}/register`, { email: 'another.friend@example.com' }, { cookie: jar })).status).toBe(201);

    const meBefore = await (await fetch(`${server.url}/api/me`, { headers: { cookie: memberCookie } })).json();
    expect(meBefore.referral).toMatchObject({ code: member.referralCode, clicks: 10, signups: 0 });
    expect(meBefore.rewards.map((r: { gift: string }) => r.gift)).toEqual(['sharing-badge']);

    // The friend signs in with the code from their own mailbox: now the referral counts.
    expect((await postJson(`${server.url}/api/auth/code`, { email: 'referred.friend@example.com' })).status).toBe(202);
    const code = codeFrom(await waitForMail(server.mailDir, (m) => m.to === 'referred.friend@example.com' && m.tags.template === 'sign-in-code'));
    expect((await postJson(`${server.url}/api/auth/verify`, { email: 'referred.friend@example.com', code })).status).toBe(200);
    const me = await (await fetch(`${server.url}/api/me`, { headers: { cookie: memberCookie } })).json();
    expect(me.referral).toMatchObject({ clicks: 10, signups: 1 });
    expect(me.rewards.map((r: { gift: string }) => r.gift).sort()).toEqual(['recommend-1', 'sharing-badge']);
    expect((await fetch(`${server.url}/r/zzzzzzzz`, { redirect: 'manual' })).status).toBe(404);
  });
});

describe('cohort Q&A over HTTP', () => {
  it('shows a cohort its own questions, escaped, and nothing to anonymous visitors', async () => {
    const { setRole: role } = await import('../../src/lib/leads/people');
    const { createSession: session } = await import('../../src/lib/auth/sessions');
    const asker = await role(server.db, 'asker@example.com', 'member');
    const cookie = `fw_session=${(await session(server.db, asker.id)).token}`;
    const outsiderCookie = `fw_session=${(await session(server.db, (await role(server.db, 'outsider@example.com', 'member')).id)).token}`;
    await postJson(`${server.url}/api/community/join`, {}, { cookie });
    const post = (body: string, c = cookie) => fetch(`${server.url}/community/q/`, { method: 'POST', headers: { cookie: c, 'content-type': 'application/x-www-form-urlencoded', origin: server.url }, body });
    expect((await post('action=ask&title=Scoring+students%3F&body=%3Cscript%3Ealert(1)%3C%2Fscript%3E+do+you+subtract%3F')).status).toBe(200);
    const page = await (await fetch(`${server.url}/community/q/`, { headers: { cookie } })).text();
    expect(page).toContain('Scoring students?');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>alert(1)</script>');
    expect((await post('action=ask&title=x&body=y')).status).toBe(400);
    const outsiderPage = await (await fetch(`${server.url}/community/q/`, { headers: { cookie: outsiderCookie } })).text();
    expect(outsiderPage).not.toContain('Scoring students?');
    expect((await fetch(`${server.url}/community/q/`, { redirect: 'manual' })).status).toBe(302);
  });
});
