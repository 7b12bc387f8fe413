// Each person's mail in their own language, on a real database: a Chinese
// waitlisted person offered the seat an English person freed (and accepting it), reminders queued the
// way the CLI queues them (salons read from the files), the VIP coupon, the
// welcome gift and the hot-lead alert to a Chinese-speaking owner.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { mailOutbox, people } from '../../db/tables';
import { acceptOffer, cancelRegistration, checkIn, queueDueReminders, registerForSalon } from '../../src/lib/salons/registrations';
import { instantInZone } from '../../src/lib/operations/when';
import { recordLocale, setRole } from '../../src/lib/leads/people';
import { captureLead, leadCaptureSchema } from '../../src/lib/leads/capture';
import { joinCohort } from '../../src/lib/community/cohorts';
import { recordActivity } from '../../src/lib/leads/activities';
import { readSalon } from '../../src/lib/salons/salon-files';
import { writeTransaction, type Db } from '../../src/lib/platform/db';
import type { Locale } from '../../src/i18n/locales';
import { tempDatabase } from '../support/db';
import { asSent } from '../support/outbox';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await tempDatabase()));
afterEach(async () => await cleanup());

const HAN = /[\u4e00-\u9fff]/;
const now = new Date('2026-11-22T10:00:00Z');
// A real salon (it has Chinese words in content/events/zh/), one seat, starting 20 hours from `now`.
const real = readSalon('2026-12-shanghai-scoring-sales-trusts')!;
const zhWords = readSalon(real.id, 'zh')!;
const salon = { ...real, capacity: 1, start: new Date(now.getTime() + 20 * 3_600_000), end: new Date(now.getTime() + 23 * 3_600_000), registrationDeadline: new Date(now.getTime() + 10 * 3_600_000) };

const register = (email: string, locale: Locale | undefined, at = now) => registerForSalon(db, salon, { input: { email, name: locale === 'zh' ? '李娜' : 'Ana' }, attribution: null, referralClickId: null, locale }, at);
const mailsTo = async (email: string, template?: string) => (await db.select().from(mailOutbox).where(eq(mailOutbox.to, email))).filter((m) => !template || m.template === template).map(asSent);

describe('salon mails in each person’s language', () => {
  it('offers the freed seat to a Chinese waitlisted person in Chinese when an English one cancels, confirms it in Chinese, and each gets their own language', async () => {
    const ana = await register('ana@example.com', 'en');
    const li = await register('li@example.com', 'zh', new Date(now.getTime() + 1000));
    expect((await mailsTo('li@example.com', 'registration'))[0]!.subject).toBe(`你已进入“${zhWords.title}”的候补名单`);
    if (ana.outcome === 'closed' || li.outcome === 'closed') throw new Error('closed');
    await cancelRegistration(db, salon, ana.registration.ticketCode, new Date(now.getTime() + 2000));
    const [cancelled] = await mailsTo('ana@example.com', 'registration-cancelled');
    expect(cancelled!.subject).toBe(`Your seat at ${real.title} is cancelled`);
    const [offer] = await mailsTo('li@example.com', 'waitlist-offer');
    expect(offer!.subject).toBe(`“${zhWords.title}”有座位空出，为你保留中`);
    // The offer never outlasts the start (20 hours away, less than the 24-hour window), said in the salon's zone, in Chinese.
    const until = instantInZone('zh', salon.start, salon.timezone);
    expect(until).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 周. \d{2}:\d{2} GMT\+8$/);
    expect(offer!.text).toContain(`请在 ${until} 前确认`);
    expect(offer!.html).toContain(`/zh/events/${real.id}/ticket/${li.registration.ticketCode}/?offer=accept#offer`);
    expect(offer!.html).toContain(`/zh/events/${real.id}/ticket/${li.registration.ticketCode}/?offer=decline#offer`);
    expect((await acceptOffer(db, salon, li.registration.ticketCode, new Date(now.getTime() + 3000))).outcome).toBe('accepted');
    const [promoted] = await mailsTo('li@example.com', 'waitlist-promotion');
    expect(promoted!.subject).toBe(`候补成功：你已获得“${zhWords.title}”的座位`);
    expect(promoted!.text).toContain(zhWords.venue!.address);
    expect(promoted!.text).toMatch(/时间：\d{4}年\d{1,2}月\d{1,2}日 周. \d{2}:\d{2}/);
  });

  it('queues reminders from salons read off the files (as the CLI does) in each person’s language', async () => {
    await register('ana@example.com', 'en');
    const bigger = { ...salon, capacity: 5 };
    await registerForSalon(db, bigger, { input: { email: 'li@example.com' }, attribution: null, referralClickId: null, locale: 'zh' }, now);
    expect(await queueDueReminders(db, [bigger], now)).toBe(2);
    expect((await mailsTo('ana@example.com', 'reminder-24h'))[0]!.subject).toBe(`Reminder: ${real.title} is tomorrow`);
    const zh = (await mailsTo('li@example.com', 'reminder-24h'))[0]!;
    expect(zh.subject).toBe(`提醒：“${zhWords.title}”明天举行`);
    expect(zh.html).toContain(`/zh/events/${real.id}/`);
  });

  it('mails the VIP coupon at check-in with the salon’s Chinese words for it', async () => {
    const li = await register('li@example.com', 'zh');
    const door = await setRole(db, 'door@flywheel.example', 'door');
    if (li.outcome === 'closed') throw new Error('closed');
    await checkIn(db, salon, li.registration.ticketCode, door.id, new Date(now.getTime() + 19 * 3_600_000));
    const [coupon] = await mailsTo('li@example.com', 'coupon');
    expect(coupon!.subject).toBe(`你的 VIP 优惠券：立减 ${real.coupon.percentOff}%`);
    expect(coupon!.text).toContain(zhWords.coupon.description);
    expect(coupon!.text).not.toContain(real.coupon.description);
  });

  it('leaves the language alone when the page said nothing (an API call without Accept-Language)', async () => {
    await register('li@example.com', 'zh');
    await register('li@example.com', undefined, new Date(now.getTime() + 11 * 60_000));
    expect((await db.select({ locale: people.locale }).from(people).where(eq(people.email, 'li@example.com')))[0]!.locale).toBe('zh');
    const resent = (await mailsTo('li@example.com', 'registration')).at(-1)!;
    expect(resent.subject).toMatch(HAN);
  });
});

describe('community and sales mails', () => {
  it('sends the welcome gift of a cohort joined from /zh/ in Chinese', async () => {
    const member = await setRole(db, 'member@example.com', 'member');
    await joinCohort(db, member.id, null, now, 'zh');
    const [gift] = await mailsTo('member@example.com', 'reward');
    expect(gift!.subject).toBe('你获得了一份礼品：新人礼包');
    expect(gift!.text).toContain('/zh/me/');
    expect((await db.select({ locale: people.locale }).from(people).where(eq(people.id, member.id)))[0]!.locale).toBe('zh');
  });

  it('alerts a lead’s owner in the owner’s language, and the shared sales inbox in English', async () => {
    const rep = await setRole(db, 'rep@flywheel.example', 'sales');
    await writeTransaction(db, (tx) => recordLocale(tx, { id: rep.id }, 'zh'));
    const hot = async (email: string, ownerId: number | null) => {
      const input = leadCaptureSchema.parse({ email, name: 'Chen Wei', jobTitle: 'CEO', company: 'Suzhou Lumen', companySize: '1001-5000', industry: 'manufacturing', consent: true, interest: 'demo' });
      const { person } = await captureLead(db, { input, attribution: null, referralClickId: null }, now);
      if (ownerId) await writeTransaction(db, (tx) => tx.update(people).set({ ownerId }).where(eq(people.id, person.id)));
      for (const type of ['salon_registration', 'salon_checkin', 'package_interest', 'demo_request'] as const) {
        await writeTransaction(db, (tx) => recordActivity(tx, { personId: person.id, type }, now));
      }
    };
    await hot('owned@suzhoulumen.cn', rep.id);
    await hot('unowned@suzhoulumen.cn', null);
    const alerts = (await db.select().from(mailOutbox)).filter((m) => m.template === 'hot-lead');
    const toRep = alerts.find((m) => m.to === 'rep@flywheel.example');
    const toInbox = alerts.find((m) => m.to !== 'rep@flywheel.example');
    expect(toRep?.subject).toBe('A 级线索：Chen Wei（Suzhou Lumen）');
    expect(toRep!.text).toMatch(/查看线索：\S+\/zh\/sales\/leads\/\d+\//);
    // Why it is hot, in the owner's language too: every reason line is Chinese.
    const reasons = toRep!.text.split('\n').filter((line) => /：\+\d+$/.test(line));
    expect(reasons.length).toBeGreaterThan(2);
    for (const line of reasons) expect(line, line).toMatch(/^[^A-Za-z]*[\u4e00-\u9fff]/);
    expect(toInbox?.subject).toBe('Grade A lead: Chen Wei (Suzhou Lumen)');
  });
});
