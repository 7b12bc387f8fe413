// Every mail template in both languages: the Chinese rendering has no English
// UI words left (only names, codes and links), every placeholder is filled,
// user text is escaped, and the English rendering stays as it was.
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/i18n/locales';
import { cancellationMail, couponMail, hotLeadMail, promotionMail, registrationMail, reminderMail, rewardMail, signInCodeMail, type RenderedMail } from '../../src/lib/mail/templates';
import { answeredMail } from '../../src/lib/community/mail';
import { resubscribeMail } from '../../src/lib/privacy/mail';
import { resourceMail } from '../../src/lib/resources/mail';
import { readSalon } from '../../src/lib/salons/salon-files';
import { salonIn } from '../../src/lib/salons/salon-language';

/** User-supplied text with markup in it: it must come out escaped. */
const EVIL = '<b>Ana & "Co"</b>';
const url = (path: string, locale: Locale): string => `https://flywheel.example${locale === 'zh' ? '/zh' : ''}${path}`;

function salonFacts(locale: Locale) {
  return { locale, title: locale === 'zh' ? '销售信得过的线索评分' : 'Scoring that sales trusts', when: locale === 'zh' ? '2026年12月10日 周四 18:30–21:00 GMT+8' : 'Thursday 10 December 2026, 18:30–21:00 GMT+8', where: locale === 'zh' ? '淮海88，上海市黄浦区淮海中路88号' : 'The Loft, 88 Huaihai Road, Shanghai', eventUrl: url('/events/x/', locale), mapUrl: 'https://www.openstreetmap.org/x' };
}

function ticketFacts(locale: Locale) {
  return { ...salonFacts(locale), name: EVIL, ticketCode: 'ABCD-EFGH-JKLM-NPQR', ticketUrl: url('/events/x/ticket/ABCD/', locale), cancelUrl: url('/events/x/ticket/ABCD/cancel/', locale), qrSrc: 'cid:ticket-qr', calendarUrl: url('/events/x/calendar.ics', locale) };
}

const templates: Record<string, (locale: Locale) => RenderedMail> = {
  'sign-in code': (locale) => signInCodeMail({ locale, code: '123456', minutes: 10, loginUrl: url('/login/?email=a%40b.c', locale) }),
  'ticket (confirmed)': (locale) => registrationMail({ ...ticketFacts(locale), status: 'confirmed' }),
  'ticket (waitlisted)': (locale) => registrationMail({ ...ticketFacts(locale), qrSrc: undefined, calendarUrl: undefined, status: 'waitlisted', position: 3 }),
  promotion: (locale) => promotionMail(ticketFacts(locale)),
  'cancellation (seat)': (locale) => cancellationMail({ ...salonFacts(locale), name: EVIL, ticketCode: 'ABCD-EFGH', wasWaitlisted: false }),
  'cancellation (waitlist)': (locale) => cancellationMail({ ...salonFacts(locale), name: null, ticketCode: 'ABCD-EFGH', wasWaitlisted: true }),
  'reminder 24 h': (locale) => reminderMail({ ...salonFacts(locale), name: EVIL, hoursBefore: 24, ticketCode: 'ABCD-EFGH' }),
  'reminder 2 h': (locale) => reminderMail({ ...salonFacts(locale), name: null, hoursBefore: 2, ticketCode: 'ABCD-EFGH' }),
  'reward (welcome)': (locale) => rewardMail({ locale, name: EVIL, gift: { giftId: 'welcome-kit', name: 'Welcome kit', value: 'Printed B2B Growth Field Guide and a Flywheel notebook' }, reason: { kind: 'welcome' }, meUrl: url('/me/', locale), unsubscribeUrl: 'https://flywheel.example/unsubscribe/?sig=x' }),
  'reward (referrals)': (locale) => rewardMail({ locale, name: null, gift: { giftId: 'recommend-3', name: 'Three recommendations', value: 'One free seat at any paid workshop' }, reason: { kind: 'referrals', count: 3 }, meUrl: url('/me/', locale), unsubscribeUrl: 'https://flywheel.example/unsubscribe/?sig=x' }),
  'reward (sharing)': (locale) => rewardMail({ locale, name: null, gift: { giftId: 'sharing-badge', name: 'Connector badge', value: 'First pick of salon seats' }, reason: { kind: 'sharing', visitors: 10 }, meUrl: url('/me/', locale), unsubscribeUrl: 'https://flywheel.example/unsubscribe/?sig=x' }),
  coupon: (locale) => couponMail({ locale, name: EVIL, code: 'TESTVIP-7K2Q', description: locale === 'zh' ? 'Lead Scoring Desk 首年 8 折' : '20% off the first year of Lead Scoring Desk', percentOff: 20, expires: locale === 'zh' ? '2027年2月8日' : '8 February 2027', unsubscribeUrl: 'https://flywheel.example/unsubscribe/?sig=x', pricingUrl: url('/pricing/', locale) }),
  'hot lead': (locale) => hotLeadMail({ locale, leadName: EVIL, email: 'ana@example.com', company: 'Peoplestack', score: 74, grade: 'A', reasons: [locale === 'zh' ? '预约演示：+20' : 'Asked for a demo: +20'], leadUrl: url('/sales/leads/7/', locale) }),
  'question answered': (locale) => answeredMail({ locale, name: EVIL, title: locale === 'zh' ? '怎么给线索打分？' : 'How to score?', answerer: null, answer: locale === 'zh' ? '先从匹配度开始。' : 'Start with fit.', url: url('/community/q/#thread-1', locale), unsubscribeUrl: 'https://flywheel.example/unsubscribe/?sig=x' }),
  resubscribe: (locale) => resubscribeMail({ locale, confirmUrl: url('/subscribe/confirm/?sig=x', locale) }),
  'resource download': (locale) => resourceMail({ locale, name: EVIL, title: locale === 'zh' ? '2026 B2B 线索评分基准报告' : 'B2B lead scoring benchmark 2026', description: locale === 'zh' ? '来自 212 家公司的数据。' : 'Data from 212 companies.', kind: locale === 'zh' ? '报告' : 'Report', downloadUrl: 'https://flywheel.example/api/resources/x?sig=y', validUntil: locale === 'zh' ? '2026年11月30日' : '30 November 2026', validDays: 7, resourceUrl: url('/resources/x/', locale), demoUrl: url('/pricing/#demo', locale) }),
};

/** Names that stay as they are in a Chinese mail: the product, the company, units. */
const ALLOWED_LATIN = new Set(['Flywheel', 'Growth', 'Pte', 'Ltd', 'PDF', 'VIP', 'GMT', 'Lead', 'Scoring', 'Desk', 'Peoplestack', 'Ana', 'Co', 'b']);

/** The words a reader sees: the HTML's text (links, codes, e-mail addresses and the user's own text removed). */
function visibleWords(mail: RenderedMail): string[] {
  const html = mail.html
    .replace(/<head>[\s\S]*?<\/head>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;|&gt;|&amp;|&quot;|&#39;/g, ' ');
  const all = [mail.subject, html, mail.text].join('\n').replace(/https?:\/\/\S+/g, ' ').replace(/\S+@\S+/g, ' ').replace(/[A-Z0-9]{4,}(-[A-Z0-9]{4})*/g, ' ');
  return all.match(/[A-Za-z]{2,}/g) ?? [];
}

describe.each(Object.entries(templates))('the %s mail', (_name, render) => {
  const en = render('en');
  const zh = render('zh');

  it('is in Chinese for a Chinese reader: subject, text and HTML, no English UI words left', () => {
    expect(zh.html).toContain('<html lang="zh-CN">');
    expect(zh.subject).toMatch(/[\u4e00-\u9fff]/);
    expect(zh.text).toMatch(/[\u4e00-\u9fff]/);
    expect(visibleWords(zh).filter((w) => !ALLOWED_LATIN.has(w))).toEqual([]);
    expect(zh.text).toContain('Flywheel Growth Pte. Ltd. · 上海 · 新加坡');
  });

  it('is in English for an English reader, with no Chinese in it', () => {
    expect(en.html).toContain('<html lang="en">');
    expect([en.subject, en.text, en.html].join('')).not.toMatch(/[\u4e00-\u9fff]/);
    expect(en.text).toContain('Flywheel Growth Pte. Ltd. · Shanghai · Singapore');
  });

  it('fills every placeholder and escapes what people wrote', () => {
    for (const mail of [en, zh]) {
      for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toMatch(/\{\w+\}/);
      expect(mail.html).not.toContain('<b>Ana');
      if (mail.text.includes('<b>Ana')) expect(mail.html).toContain('&lt;b&gt;Ana &amp; &quot;Co&quot;&lt;/b&gt;');
    }
  });

  it('links a Chinese reader to Chinese pages', () => {
    const links = [...zh.html.matchAll(/href="(https:\/\/flywheel\.example[^"]*)"/g)].map((m) => m[1]!).filter((h) => !h.includes('/unsubscribe/') && !h.includes('/api/'));
    for (const link of links) expect(link).toMatch(/^https:\/\/flywheel\.example\/zh\//);
  });

  it('keeps the unsubscribe headers of marketing mail in both languages', () => {
    expect(Boolean(zh.headers)).toBe(Boolean(en.headers));
    if (!zh.headers) return;
    expect(zh.html).toMatch(/>退订<\/a>此类邮件/);
    // The link a reader clicks opens the Chinese page; the one-click header keeps the plain, signed URL.
    expect(zh.html).toContain('href="https://flywheel.example/zh/unsubscribe/?sig=x"');
    expect(zh.headers['List-Unsubscribe']).toBe('<https://flywheel.example/unsubscribe/?sig=x>');
    expect(en.html).toContain('href="https://flywheel.example/unsubscribe/?sig=x"');
  });
});

describe('the English mails keep their wording', () => {
  it('sign-in code: the text the tests and people read', () => {
    const mail = templates['sign-in code']!('en');
    expect(mail.subject).toBe('Your Flywheel sign-in code');
    expect(mail.text).toContain('Sign-in code: 123456');
    expect(mail.text).toContain('Enter this code on the sign-in page. It works for 10 minutes and only once.');
  });
  it('ticket: greeting, seat and links', () => {
    const mail = templates['ticket (confirmed)']!('en');
    expect(mail.subject).toBe('Your seat at Scoring that sales trusts');
    expect(mail.text).toContain(`Hi ${EVIL}, thank you for registering for Scoring that sales trusts.`);
    expect(mail.text).toContain("Can't come? Free your seat for someone else. Cancel my seat: https://flywheel.example/events/x/ticket/ABCD/cancel/");
  });
  it('referral reward: one colleague, several colleagues', () => {
    expect(templates['reward (referrals)']!('en').text).toContain('Thank you. 3 colleagues have joined through your link.');
    expect(rewardMail({ name: null, gift: { giftId: 'recommend-1', name: 'First recommendation', value: 'x' }, reason: { kind: 'referrals', count: 1 }, meUrl: 'https://x/me/', unsubscribeUrl: 'https://x/u' }).text).toContain('A colleague has joined through your link.');
  });
});

describe('a Chinese ticket mail', () => {
  it('says the seat, the waitlist place and the gift in Chinese words', () => {
    expect(templates['ticket (confirmed)']!('zh').subject).toBe('你已成功报名“销售信得过的线索评分”');
    expect(templates['ticket (waitlisted)']!('zh').text).toContain('你在候补名单第 3 位');
    expect(templates['ticket (confirmed)']!('zh').text).toContain('门票编号：ABCD-EFGH-JKLM-NPQR');
    expect(templates['reward (welcome)']!('zh').subject).toBe('你获得了一份礼品：新人礼包');
  });
});

describe('a salon in the reader language, outside Astro (the CLI reads the files)', () => {
  const id = '2026-12-shanghai-scoring-sales-trusts';
  it('lays the Chinese words over the English facts, and back', async () => {
    const en = readSalon(id)!;
    const zh = await salonIn(en, 'zh');
    expect(zh.title).toBe(readSalon(id, 'zh')!.title);
    expect(zh.title).toMatch(/[\u4e00-\u9fff]/);
    expect(zh.textLocale).toBe('zh');
    expect(zh.start).toEqual(en.start);
    expect(zh.capacity).toBe(en.capacity);
    expect((await salonIn(zh, 'en')).title).toBe(en.title);
  });
  it('keeps the words of a salon it does not know', async () => {
    const en = readSalon(id)!;
    const stranger = { ...en, id: 'not-a-salon-anywhere', title: 'Made up' };
    expect((await salonIn(stranger, 'zh')).title).toBe('Made up');
  });
});
