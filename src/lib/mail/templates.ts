// Every mail the product sends, as plain text plus accessible HTML, in the
// recipient's language (the catalogue's mail area). Pure: data in,
// { subject, html, text } out. User text is always escaped.
import { translator, type MessageKey, type Translate } from '../../i18n/catalogue';
import { LOCALE_TAGS, pathInLocale, type Locale } from '../../i18n/locales';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
  /** Marketing mail carries one-click unsubscribe headers (RFC 8058). */
  headers?: Record<string, string>;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface Block {
  heading: string;
  paragraphs: string[];
  /** Highlighted value: a code, a ticket. */
  highlight?: { label: string; value: string };
  facts?: Array<[string, string]>;
  button?: { label: string; url: string };
  /** An image shown inline above the highlight, e.g. `cid:ticket-qr` (an inline attachment); the text version shows `text` instead. */
  image?: { src: string; alt: string; size: number; text: string } | undefined;
  /** Plain links after the button: "Can't come? Cancel my seat". */
  links?: Array<{ before: string; label: string; url: string }>;
  list?: string[];
  /** Present for mail that is not transactional. */
  unsubscribeUrl?: string | undefined;
  preheader: string;
}

/** Mail in the recipient's language: their catalogue, and their punctuation for "label: value" lines. */
export interface MailLanguage {
  locale: Locale;
  t: Translate;
  /** "Ticket code: X" / "门票编号：X". */
  colon: string;
  /** Between a sentence and its link: a space in English, nothing in Chinese. */
  space: string;
}

export function mailLanguage(locale: Locale = 'en'): MailLanguage {
  return { locale, t: translator(locale), colon: locale === 'zh' ? '：' : ': ', space: locale === 'zh' ? '' : ' ' };
}

/** An absolute URL put into `locale`: https://x/unsubscribe/?a ⇄ https://x/zh/unsubscribe/?a. */
export function localizedUrl(url: string, locale: Locale): string {
  const u = new URL(url);
  return new URL(pathInLocale(u.pathname + u.search + u.hash, locale), u.origin).href;
}

export function layout(locale: Locale | undefined, subject: string, b: Block): RenderedMail {
  const e = escapeHtml;
  const { t, colon, space } = mailLanguage(locale);
  const footer = t('mail.footer');
  // The page behind the visible link speaks the reader's language; the one-click header keeps the plain URL.
  const unsubscribePage = b.unsubscribeUrl && localizedUrl(b.unsubscribeUrl, locale ?? 'en');
  const html = `<!doctype html>
<html lang="${LOCALE_TAGS[locale ?? 'en']}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(subject)}</title></head>
<body style="margin:0;background:#f3f0e8;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#14171f">
<div style="display:none;max-height:0;overflow:hidden">${e(b.preheader)}</div>
<div role="article" aria-label="${e(subject)}" style="max-width:560px;margin:0 auto;padding:24px">
<p style="font:700 20px Georgia,serif;margin:0 0 16px;color:#14171f">Flywheel</p>
<div style="background:#ffffff;border:1px solid #e3ded2;border-radius:12px;padding:28px">
<h1 style="font:700 24px/1.25 Georgia,serif;margin:0 0 16px;color:#14171f">${e(b.heading)}</h1>
${b.paragraphs.map((p) => `<p style="font-size:16px;line-height:1.6;margin:0 0 14px;color:#3d4452">${e(p)}</p>`).join('\n')}
${b.image ? `<p style="margin:20px 0 4px;text-align:center"><img src="${e(b.image.src)}" alt="${e(b.image.alt)}" width="${b.image.size}" height="${b.image.size}" style="display:inline-block;width:${b.image.size}px;height:${b.image.size}px;border:1px solid #e3ded2;border-radius:8px"></p>` : ''}
${b.highlight ? `<p style="margin:20px 0 6px;font-size:13px;color:#5b6372">${e(b.highlight.label)}</p><p style="font:700 30px/1.2 ui-monospace,Menlo,Consolas,monospace;letter-spacing:3px;margin:0 0 20px;color:#14171f">${e(b.highlight.value)}</p>` : ''}
${b.facts ? `<table role="presentation" style="border-collapse:collapse;margin:8px 0 18px;font-size:15px">${b.facts.map(([k, v]) => `<tr><td style="padding:4px 16px 4px 0;color:#5b6372;vertical-align:top">${e(k)}</td><td style="padding:4px 0;color:#14171f">${e(v)}</td></tr>`).join('')}</table>` : ''}
${b.list ? `<ul style="padding-left:20px;margin:0 0 16px;color:#3d4452;font-size:15px;line-height:1.6">${b.list.map((i) => `<li>${e(i)}</li>`).join('')}</ul>` : ''}
${b.button ? `<p style="margin:22px 0 6px"><a href="${e(b.button.url)}" style="display:inline-block;background:#b93c0b;color:#ffffff;text-decoration:none;font-weight:600;padding:12px 22px;border-radius:999px">${e(b.button.label)}</a></p>` : ''}
${(b.links ?? []).map((l) => `<p style="font-size:15px;line-height:1.6;margin:16px 0 0;color:#3d4452">${e(l.before)}${space}<a href="${e(l.url)}" style="color:#b93c0b">${e(l.label)}</a></p>`).join('\n')}
</div>
<p style="font-size:12px;line-height:1.5;color:#5b6372;margin:16px 4px">${e(footer)}${unsubscribePage ? ` · <a href="${e(unsubscribePage)}" style="color:#5b6372">${e(t('mail.unsubscribe.link'))}</a>${e(t('mail.unsubscribe.after'))}` : ''}</p>
</div></body></html>`;
  const text = [
    b.heading,
    '',
    ...b.paragraphs.flatMap((p) => [p, '']),
    ...(b.image ? [b.image.text, ''] : []),
    ...(b.highlight ? [`${b.highlight.label}${colon}${b.highlight.value}`, ''] : []),
    ...(b.facts ? [...b.facts.map(([k, v]) => `${k}${colon}${v}`), ''] : []),
    ...(b.list ? [...b.list.map((i) => `- ${i}`), ''] : []),
    ...(b.button ? [`${b.button.label}${colon}${b.button.url}`, ''] : []),
    ...(b.links ?? []).flatMap((l) => [`${l.before}${space}${l.label}${colon}${l.url}`, '']),
    '—',
    footer,
    ...(unsubscribePage ? [`${t('mail.unsubscribe.text')}${colon}${unsubscribePage}`] : []),
  ].join('\n');
  if (!b.unsubscribeUrl) return { subject, html, text };
  // Mail clients POST "List-Unsubscribe=One-Click" to this signed URL; /unsubscribe/ accepts it without a page.
  return { subject, html, text, headers: { 'List-Unsubscribe': `<${b.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } };
}

/** Every template takes the recipient's language (English when not said). */
interface InLocale {
  locale?: Locale | undefined;
}

export function signInCodeMail(p: InLocale & { code: string; minutes: number; loginUrl: string }): RenderedMail {
  const { t } = mailLanguage(p.locale);
  // The code is never in the subject: subjects show in notifications, logs and the operations outbox.
  return layout(p.locale, t('mail.signIn.subject'), {
    preheader: t('mail.signIn.preheader', { minutes: p.minutes }),
    heading: t('mail.signIn.heading'),
    paragraphs: [t('mail.signIn.enter', { minutes: p.minutes }), t('mail.signIn.notYou')],
    highlight: { label: t('mail.signIn.code'), value: p.code },
    button: { label: t('mail.signIn.button'), url: p.loginUrl },
  });
}

export interface SalonMailFacts extends InLocale {
  title: string;
  when: string;
  where: string;
  eventUrl: string;
  /** The venue on a map, when it has one. */
  mapUrl?: string | undefined;
}

/** What the ticket mails share: the QR code shown inline, the ticket link and the cancel link. */
export interface TicketMailFacts extends SalonMailFacts {
  name: string | null;
  ticketCode: string;
  ticketUrl: string;
  cancelUrl: string;
  /** `cid:<contentId>` of the QR code's inline attachment; none for a waitlist place. */
  qrSrc?: string | undefined;
  /** The salon's calendar file on the site (the same as the attachment), for a confirmed seat. */
  calendarUrl?: string | undefined;
}

function salonFacts(t: Translate, p: SalonMailFacts): Array<[string, string]> {
  return [[t('mail.salon.when'), p.when], [t('mail.salon.where'), p.where]];
}

type Link = { before: string; label: string; url: string };

function venueLinks(t: Translate, p: SalonMailFacts): Link[] {
  return p.mapUrl ? [{ before: t('mail.salon.findVenue'), label: t('mail.salon.openMap'), url: p.mapUrl }] : [];
}

function calendarLinks(t: Translate, p: TicketMailFacts): Link[] {
  return p.calendarUrl ? [{ before: t('mail.ticket.calendarBefore'), label: t('mail.ticket.calendarLink'), url: p.calendarUrl }] : [];
}

function qrImage(t: Translate, p: TicketMailFacts): Block['image'] {
  return p.qrSrc ? { src: p.qrSrc, alt: t('mail.ticket.qrAlt', { ticketCode: p.ticketCode }), size: 200, text: t('mail.ticket.qrText') } : undefined;
}

/** "Hi Ana, thank you…" or "Thank you…": the named form of a sentence when there is a name. */
function greeted(t: Translate, name: string | null, named: MessageKey, unnamed: MessageKey, vars: Record<string, string | number>): string {
  return name ? t(named, { ...vars, name }) : t(unnamed, vars);
}

/** The words that set a seat mail apart: the ticket at registration, or staff's approval. */
interface SeatWords {
  subject: string;
  heading: string;
  lead: string;
  /** What happens next on a waitlist place. */
  waitlist: string;
}

/** A confirmed seat (QR code, calendar, venue, cancel link) or a waitlist place (leave link), in the recipient's language. */
function seatMail(p: TicketMailFacts & { status: 'confirmed' | 'waitlisted'; position?: number | undefined }, w: SeatWords): RenderedMail {
  const { t } = mailLanguage(p.locale);
  const confirmed = p.status === 'confirmed';
  return layout(p.locale, w.subject, {
    preheader: confirmed ? t('mail.ticket.preheader', { when: p.when, ticketCode: p.ticketCode }) : t('mail.waitlist.preheader', { position: p.position ?? '' }),
    heading: w.heading,
    paragraphs: [w.lead, confirmed ? t('mail.ticket.atTheDoor') : w.waitlist],
    image: confirmed ? qrImage(t, p) : undefined,
    highlight: { label: t('mail.ticket.code'), value: p.ticketCode },
    facts: salonFacts(t, p),
    button: { label: t('mail.ticket.open'), url: p.ticketUrl },
    links: [
      ...venueLinks(t, p),
      ...calendarLinks(t, p),
      confirmed
        ? { before: t('mail.ticket.cantCome'), label: t('mail.ticket.cancel'), url: p.cancelUrl }
        : { before: t('mail.waitlist.changedPlans'), label: t('mail.waitlist.leave'), url: p.cancelUrl },
    ],
  });
}

export function registrationMail(p: TicketMailFacts & { status: 'confirmed' | 'waitlisted'; position?: number | undefined }): RenderedMail {
  const { t } = mailLanguage(p.locale);
  const confirmed = p.status === 'confirmed';
  const position = p.position ?? '';
  return seatMail(p, {
    subject: confirmed ? t('mail.ticket.subject', { title: p.title }) : t('mail.waitlist.subject', { title: p.title }),
    heading: confirmed ? t('mail.ticket.heading') : t('mail.waitlist.heading', { position }),
    lead: greeted(t, p.name, 'mail.ticket.thanksNamed', 'mail.ticket.thanks', { title: p.title }),
    waitlist: t('mail.waitlist.howItWorks'),
  });
}

export function promotionMail(p: TicketMailFacts): RenderedMail {
  const { t } = mailLanguage(p.locale);
  return layout(p.locale, t('mail.promotion.subject', { title: p.title }), {
    preheader: t('mail.promotion.preheader', { when: p.when }),
    heading: t('mail.promotion.heading'),
    paragraphs: [greeted(t, p.name, 'mail.promotion.yoursNamed', 'mail.promotion.yours', {}), t('mail.promotion.atTheDoor')],
    image: qrImage(t, p),
    highlight: { label: t('mail.ticket.code'), value: p.ticketCode },
    facts: salonFacts(t, p),
    button: { label: t('mail.ticket.open'), url: p.ticketUrl },
    links: [...venueLinks(t, p), ...calendarLinks(t, p), { before: t('mail.promotion.cantCome'), label: t('mail.ticket.cancel'), url: p.cancelUrl }],
  });
}

export function cancellationMail(p: SalonMailFacts & { name: string | null; ticketCode: string; wasWaitlisted: boolean }): RenderedMail {
  const { t } = mailLanguage(p.locale);
  const vars = { title: p.title, ticketCode: p.ticketCode };
  return layout(p.locale, p.wasWaitlisted ? t('mail.cancel.waitlist.subject', vars) : t('mail.cancel.seat.subject', vars), {
    preheader: t('mail.cancel.preheader', vars),
    heading: p.wasWaitlisted ? t('mail.cancel.waitlist.heading') : t('mail.cancel.seat.heading'),
    paragraphs: [
      p.wasWaitlisted
        ? greeted(t, p.name, 'mail.cancel.waitlist.doneNamed', 'mail.cancel.waitlist.done', vars)
        : greeted(t, p.name, 'mail.cancel.seat.doneNamed', 'mail.cancel.seat.done', vars),
      p.wasWaitlisted ? t('mail.cancel.waitlist.thanks') : t('mail.cancel.seat.thanks'),
      t('mail.cancel.changedMind'),
    ],
    facts: salonFacts(t, p),
    button: { label: t('mail.cancel.salonPage'), url: p.eventUrl },
  });
}

export function reminderMail(p: SalonMailFacts & { name: string | null; hoursBefore: 24 | 2; ticketCode: string }): RenderedMail {
  const { t } = mailLanguage(p.locale);
  const soon = p.hoursBefore === 2;
  return layout(p.locale, soon ? t('mail.reminder.subject2h', { title: p.title }) : t('mail.reminder.subject24h', { title: p.title }), {
    preheader: `${p.when} · ${p.where}`,
    heading: soon ? t('mail.reminder.heading2h') : t('mail.reminder.heading24h'),
    paragraphs: [
      soon ? greeted(t, p.name, 'mail.reminder.startsNamed2h', 'mail.reminder.starts2h', { title: p.title }) : greeted(t, p.name, 'mail.reminder.startsNamed24h', 'mail.reminder.starts24h', { title: p.title }),
      t('mail.reminder.doors'),
    ],
    highlight: { label: t('mail.ticket.code'), value: p.ticketCode },
    facts: salonFacts(t, p),
    button: { label: t('mail.reminder.button'), url: p.eventUrl },
  });
}

/** Why a gift was earned, said in the recipient's language. */
export type RewardReason = { kind: 'welcome' } | { kind: 'sharing'; visitors: number } | { kind: 'referrals'; count: number };

/** Gifts the code grants (their ids match content/gifts); their words in the mail catalogue. */
const GIFT_WORDS: Record<string, { name: MessageKey; value: MessageKey }> = {
  'welcome-kit': { name: 'mail.gift.welcomeKit.name', value: 'mail.gift.welcomeKit.value' },
  'sharing-badge': { name: 'mail.gift.sharingBadge.name', value: 'mail.gift.sharingBadge.value' },
  'recommend-1': { name: 'mail.gift.recommend1.name', value: 'mail.gift.recommend1.value' },
  'recommend-3': { name: 'mail.gift.recommend3.name', value: 'mail.gift.recommend3.value' },
  'recommend-10': { name: 'mail.gift.recommend10.name', value: 'mail.gift.recommend10.value' },
};

function rewardReason(t: Translate, reason: RewardReason): string {
  switch (reason.kind) {
    case 'welcome': return t('mail.reward.welcome');
    case 'sharing': return t('mail.reward.sharing', { count: reason.visitors });
    case 'referrals': return t('mail.reward.referrals', { count: reason.count });
  }
}

export function rewardMail(p: InLocale & { name: string | null; gift: { giftId: string; name: string; value: string }; reason: RewardReason; meUrl: string; unsubscribeUrl: string }): RenderedMail {
  const { t } = mailLanguage(p.locale);
  const words = GIFT_WORDS[p.gift.giftId];
  // English words come from the gift rule itself; other languages from the catalogue when it knows the gift.
  const translated = (p.locale ?? 'en') !== 'en' && words;
  const giftName = translated ? t(words.name) : p.gift.name;
  const value = translated ? t(words.value) : p.gift.value;
  const description = rewardReason(t, p.reason);
  return layout(p.locale, t('mail.reward.subject', { gift: giftName }), {
    preheader: value,
    heading: t('mail.reward.heading', { gift: giftName }),
    paragraphs: [greeted(t, p.name, 'mail.reward.thanksNamed', 'mail.reward.thanks', { description }), t('mail.reward.delivery')],
    facts: [[t('mail.reward.gift'), value]],
    button: { label: t('mail.reward.button'), url: p.meUrl },
    unsubscribeUrl: p.unsubscribeUrl,
  });
}

export function couponMail(p: InLocale & { name: string | null; code: string; description: string; percentOff: number; expires: string; unsubscribeUrl: string; pricingUrl: string }): RenderedMail {
  const { t } = mailLanguage(p.locale);
  const vars = { percent: p.percentOff, code: p.code, expires: p.expires, description: p.description };
  return layout(p.locale, t('mail.coupon.subject', vars), {
    preheader: t('mail.coupon.preheader', vars),
    heading: t('mail.coupon.heading'),
    paragraphs: [greeted(t, p.name, 'mail.coupon.hereNamed', 'mail.coupon.here', vars), t('mail.coupon.once')],
    highlight: { label: t('mail.coupon.code'), value: p.code },
    facts: [[t('mail.coupon.discount'), t('mail.coupon.discountValue', vars)], [t('mail.coupon.validUntil'), p.expires]],
    button: { label: t('mail.coupon.button'), url: p.pricingUrl },
    unsubscribeUrl: p.unsubscribeUrl,
  });
}

export function hotLeadMail(p: InLocale & { leadName: string; email: string; company: string | null; score: number; grade: string; reasons: string[]; leadUrl: string }): RenderedMail {
  const { t } = mailLanguage(p.locale);
  const vars = { grade: p.grade, name: p.leadName, company: p.company ?? '', score: p.score };
  return layout(p.locale, p.company ? t('mail.hotLead.subjectWithCompany', vars) : t('mail.hotLead.subject', vars), {
    preheader: t('mail.hotLead.preheader', { score: p.score, reasons: p.reasons.slice(0, 2).join(t('mail.listSeparator')) }),
    heading: t('mail.hotLead.heading', vars),
    paragraphs: [t('mail.hotLead.reachOut', vars)],
    facts: [[t('mail.hotLead.email'), p.email], [t('mail.hotLead.company'), p.company ?? '—']],
    list: p.reasons,
    button: { label: t('mail.hotLead.button'), url: p.leadUrl },
  });
}

/** A new staff account: what the role may do and where to sign in (with the same email address). */
export function staffAccessMail(p: InLocale & { name: string | null; role: 'door' | 'sales' | 'admin'; signInUrl: string }): RenderedMail {
  const { t } = mailLanguage(p.locale);
  const role = t(`role.${p.role}`);
  return layout(p.locale, t('people.mail.subject'), {
    preheader: t('people.mail.preheader', { role }),
    heading: p.name ? t('people.mail.headingNamed', { name: p.name }) : t('people.mail.heading'),
    paragraphs: [t('people.mail.given', { role }), t(`people.roleDoes.${p.role}`), t('people.mail.how')],
    button: { label: t('people.mail.button'), url: p.signInUrl },
  });
}

// Approval mode and the waitlist offer window (issue 12).

/** A registration waiting for staff: received, not yet a seat. */
export function pendingMail(p: TicketMailFacts): RenderedMail {
  const { t } = mailLanguage(p.locale);
  return layout(p.locale, t('mail.pending.subject', { title: p.title }), {
    preheader: t('mail.pending.preheader'),
    heading: t('mail.pending.heading'),
    paragraphs: [greeted(t, p.name, 'mail.pending.thanksNamed', 'mail.pending.thanks', { title: p.title }), t('mail.pending.next')],
    highlight: { label: t('mail.ticket.code'), value: p.ticketCode },
    facts: salonFacts(t, p),
    button: { label: t('mail.ticket.open'), url: p.ticketUrl },
    links: [{ before: t('mail.waitlist.changedPlans'), label: t('mail.pending.withdraw'), url: p.cancelUrl }],
  });
}

/** Staff approved: the ticket (QR code inline) or, when the room filled meanwhile, a waitlist place. */
export function approvedMail(p: TicketMailFacts & { status: 'confirmed' | 'waitlisted'; position?: number | undefined }): RenderedMail {
  const { t } = mailLanguage(p.locale);
  const confirmed = p.status === 'confirmed';
  return seatMail(p, {
    subject: confirmed ? t('mail.approved.subject', { title: p.title }) : t('mail.approved.subjectWaitlist', { title: p.title }),
    heading: confirmed ? t('mail.approved.heading') : t('mail.approved.headingWaitlist', { position: p.position ?? '' }),
    lead: greeted(t, p.name, 'mail.approved.yoursNamed', 'mail.approved.yours', { title: p.title }),
    waitlist: t('mail.approved.full'),
  });
}

/** Staff declined: a polite no, with their reason when they gave one. */
export function declinedMail(p: SalonMailFacts & { name: string | null; reason: string | null }): RenderedMail {
  const { t } = mailLanguage(p.locale);
  return layout(p.locale, t('mail.declined.subject', { title: p.title }), {
    preheader: t('mail.declined.preheader', { title: p.title }),
    heading: t('mail.declined.heading'),
    paragraphs: [
      greeted(t, p.name, 'mail.declined.sorryNamed', 'mail.declined.sorry', { title: p.title }),
      ...(p.reason ? [t('mail.declined.reason', { reason: p.reason })] : []),
      t('mail.declined.other'),
    ],
    button: { label: t('mail.declined.button'), url: new URL(pathInLocale('/events/', p.locale ?? 'en'), p.eventUrl).href },
  });
}

/** A freed seat held for a waitlisted person until `until` (the salon's zone, the reader's language). */
export function offerMail(p: TicketMailFacts & { until: string; hours: number; acceptUrl: string; declineUrl: string }): RenderedMail {
  const { t } = mailLanguage(p.locale);
  return layout(p.locale, t('mail.offer.subject', { title: p.title }), {
    preheader: t('mail.offer.preheader', { until: p.until }),
    heading: t('mail.offer.heading'),
    paragraphs: [greeted(t, p.name, 'mail.offer.yoursNamed', 'mail.offer.yours', { title: p.title, until: p.until }), t('mail.offer.after', { hours: p.hours })],
    highlight: { label: t('mail.offer.until'), value: p.until },
    facts: salonFacts(t, p),
    button: { label: t('mail.offer.accept'), url: p.acceptUrl },
    links: [{ before: t('mail.offer.cantCome'), label: t('mail.offer.decline'), url: p.declineUrl }],
  });
}

/** The offer lapsed unanswered: the seat went to the next person, and so did this person's place. */
export function offerExpiredMail(p: SalonMailFacts & { name: string | null; ticketCode: string }): RenderedMail {
  const { t } = mailLanguage(p.locale);
  return layout(p.locale, t('mail.offer.expired.subject', { title: p.title }), {
    preheader: t('mail.offer.expired.preheader'),
    heading: t('mail.offer.expired.heading'),
    paragraphs: [greeted(t, p.name, 'mail.offer.expired.textNamed', 'mail.offer.expired.text', { title: p.title }), t('mail.cancel.changedMind')],
    facts: salonFacts(t, p),
    button: { label: t('mail.cancel.salonPage'), url: p.eventUrl },
  });
}
