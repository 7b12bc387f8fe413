// Mail in the person's language, over HTTP against the built server: the
// language of the page (or API call) a person used is recorded on them, and
// the mail it causes — and every mail after it — arrives in that language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { people } from '../../db/tables';
import { FIXTURE_EVENTS_DIR } from '../fixtures/salons';
import { fixtureSalon, fixtureIds } from '../support/salons';
import { postJson } from '../support/http';
import { waitForMail, type MailFile } from '../support/mailbox';
import { startServer, type RunningServer } from '../support/server';
import { readSalon } from '../../src/lib/salons/salon-files';

const open = fixtureSalon('open');
const HAN = /[\u4e00-\u9fff]/;

/** The fixture salon with Chinese words (test/fixtures/salons.ts): open on any day the suite runs. */
const translated = fixtureSalon('openLarge');

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMITS: 'off', MAIL_WORKER_INTERVAL_MS: '200' } });
});
afterAll(async () => server?.stop());

const localeOf = async (email: string): Promise<string | undefined> => (await server.db.select({ locale: people.locale }).from(people).where(eq(people.email, email)))[0]?.locale;
const mailTo = (email: string, subject: RegExp): Promise<MailFile> => waitForMail(server.mailDir, (m) => m.to === email && subject.test(m.subject));
const postForm = (path: string, fields: Record<string, string>): Promise<Response> =>
  fetch(server.url + path, { method: 'POST', body: new URLSearchParams(fields), headers: { origin: server.url }, redirect: 'manual' });

/** What a Chinese ticket mail must say and link to, whatever the salon. */
function expectChineseTicket(mail: MailFile, salonId: string): void {
  expect(mail.subject).toMatch(/^你已成功报名“.+”$/);
  expect(mail.html).toContain('<html lang="zh-CN">');
  expect(mail.text).toContain('你的座位已确认');
  expect(mail.text).toMatch(/门票编号：[A-Z2-7]{4}-/);
  expect(mail.text).toMatch(/时间：\d{4}年\d{1,2}月\d{1,2}日 周[一二三四五六日] \d{2}:\d{2}/);
  expect(mail.text).toContain('Flywheel Growth Pte. Ltd. · 上海 · 新加坡');
  for (const english of ['Your seat', 'Ticket code', 'Open your ticket', 'Cancel my seat', 'When:', 'Where:', 'Thank you']) expect(mail.text).not.toContain(english);
  // Every page it links to is the Chinese one; the calendar file too.
  expect(mail.text).toMatch(new RegExp(`查看门票：${server.url}/zh/events/${salonId}/ticket/[A-Z2-7-]+/`));
  expect(mail.text).toContain(`${server.url}/zh/events/${salonId}/calendar.ics`);
  expect(mail.html).not.toMatch(new RegExp(`href="${server.url}/events/`));
  // The QR code and the calendar file are still attached.
  expect(mail.attachments?.map((a) => a.contentType)).toEqual(['image/png', 'text/calendar']);
  // (iCalendar folds long lines: unfold before reading.)
  expect(Buffer.from(mail.attachments![1]!.content, 'base64').toString().replace(/\r\n[ \t]/g, '')).toContain(`/zh/events/${salonId}/`);
}

describe('a registration', () => {
  it('through /zh/ records Chinese and mails the ticket in Chinese', async () => {
    const email = 'li.na@zh-register.example';
    const res = await postJson(`${server.url}/zh/api/events/${open.id}/register`, { email, name: '李娜' });
    expect(res.status).toBe(201);
    expect(await localeOf(email)).toBe('zh');
    const mail = await mailTo(email, /./);
    expectChineseTicket(mail, open.id);
    // A fixture salon has no Chinese words: its own title stays, the mail around it is Chinese.
    expect(mail.subject).toBe(`你已成功报名“${open.title}”`);
    expect(mail.text).toContain(`李娜，你好！感谢报名“${open.title}”。`);
  });

  it('through the Chinese registration page records Chinese too', async () => {
    const email = 'page.zh@zh-register.example';
    const res = await postForm(`/zh/events/${fixtureIds.openLarge}/register/`, { email, name: '王芳' });
    expect(res.status).toBe(303);
    expect(await localeOf(email)).toBe('zh');
    const mail = await mailTo(email, /./);
    expect(mail.subject).toMatch(/^你已成功报名“/);
    expect(mail.text).toContain('线上：https://meet.flywheel.example/test-forum');
  });

  it('through the English API with Accept-Language zh-CN is Chinese', async () => {
    const email = 'zhou.api@zh-register.example';
    const res = await postJson(`${server.url}/api/events/${open.id}/register`, { email }, { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' });
    expect(res.status).toBe(201);
    expect(await localeOf(email)).toBe('zh');
    expectChineseTicket(await mailTo(email, /./), open.id);
  });

  it('in English stays English', async () => {
    const email = 'ana.english@zh-register.example';
    const res = await postJson(`${server.url}/api/events/${open.id}/register`, { email, name: 'Ana' });
    expect(res.status).toBe(201);
    expect(await localeOf(email)).toBe('en');
    const mail = await mailTo(email, /./);
    expect(mail.subject).toBe(`Your seat at ${open.title}`);
    expect(mail.html).toContain('<html lang="en">');
    expect(`${mail.subject}${mail.text}${mail.html}`).not.toMatch(HAN);
    expect(mail.text).toMatch(new RegExp(`Open your ticket: ${server.url}/events/${open.id}/ticket/`));
  });

  it('for a salon with a translation carries its Chinese title and place', async () => {
    const zh = readSalon(translated.id, 'zh', FIXTURE_EVENTS_DIR)!;
    expect(zh.textLocale).toBe('zh');
    const email = 'real.salon@zh-register.example';
    const res = await postJson(`${server.url}/zh/api/events/${translated.id}/register`, { email, name: '陈静' });
    expect(res.status).toBe(201);
    const mail = await mailTo(email, /./);
    expectChineseTicket(mail, translated.id);
    expect(mail.subject).toBe(`你已成功报名“${zh.title}”`);
    expect(mail.subject).not.toContain(translated.title);
    expect(mail.text).toContain(`线上：${zh.onlineUrl}`);
  });
});

describe('a sign-in code', () => {
  it('asked for on /zh/login/ arrives in Chinese and links to the Chinese sign-in page', async () => {
    const email = 'signin.zh@zh-mail.example';
    const res = await postForm('/zh/login/', { email });
    expect(res.status).toBe(200);
    const mail = await mailTo(email, /./);
    expect(mail.subject).toBe('你的 Flywheel 登录验证码');
    expect(mail.text).toMatch(/登录验证码：\d{6}/);
    expect(mail.text).toContain(`${server.url}/zh/login/?email=`);
    expect(mail.text).not.toMatch(/Sign-in code|sign-in page/);
  });

  it('signing in with it on /zh/ makes the new member Chinese', async () => {
    const email = 'signin.zh@zh-mail.example';
    const mail = await mailTo(email, /./);
    const code = /登录验证码：(\d{6})/.exec(mail.text)![1]!;
    const res = await postForm('/zh/login/', { action: 'verify', email, code });
    expect(res.status).toBe(303);
    expect(await localeOf(email)).toBe('zh');
  });
});

describe('a person who moves to the English site', () => {
  it('gets English mail from then on', async () => {
    const email = 'switcher@zh-mail.example';
    await postJson(`${server.url}/zh/api/events/${open.id}/register`, { email, name: '张伟' });
    await mailTo(email, /^你已成功报名/);
    expect(await localeOf(email)).toBe('zh');
    // Next visit, in English: a sign-in code from /login/.
    expect((await postForm('/login/', { email })).status).toBe(200);
    const code = await mailTo(email, /sign-in code/);
    expect(code.subject).toBe('Your Flywheel sign-in code');
    expect(code.text).toMatch(/Sign-in code: \d{6}/);
    expect(await localeOf(email)).toBe('en');
    // And the ticket, mailed again by a repeat registration, is now English too.
    await postJson(`${server.url}/api/events/${open.id}/register`, { email });
    const ticket = await mailTo(email, /^Your seat at/);
    // Only their own name is still Chinese.
    expect(ticket.text).toContain(`Hi 张伟, thank you for registering for ${open.title}.`);
    expect(ticket.text.replaceAll('张伟', '')).not.toMatch(HAN);
  });
});

describe('a resource form on /zh/', () => {
  it('mails the download link in Chinese, with the Chinese title', async () => {
    const email = 'reader.zh@zh-mail.example';
    const slug = 'b2b-lead-scoring-benchmark-2026';
    const res = await postForm('/zh/request/', { email, interest: `resource:${slug}` });
    expect(res.status).toBeLessThan(400);
    expect(await localeOf(email)).toBe('zh');
    const mail = await mailTo(email, /./);
    expect(mail.subject).toMatch(/^资料下载：/);
    expect(mail.subject).toMatch(HAN);
    expect(mail.text).toContain(`${server.url}/zh/resources/${slug}/`);
    expect(mail.text).not.toMatch(/Download the PDF|Link works until/);
  });
});
