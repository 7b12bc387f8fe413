// Every mail the product sends, as plain text plus accessible HTML. Pure:
// data in, { subject, html, text } out. User text is always escaped.

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

export function layout(subject: string, b: Block): RenderedMail {
  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(subject)}</title></head>
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
${(b.links ?? []).map((l) => `<p style="font-size:15px;line-height:1.6;margin:16px 0 0;color:#3d4452">${e(l.before)} <a href="${e(l.url)}" style="color:#b93c0b">${e(l.label)}</a></p>`).join('\n')}
</div>
<p style="font-size:12px;line-height:1.5;color:#5b6372;margin:16px 4px">Flywheel Growth Pte. Ltd. · Shanghai · Singapore${b.unsubscribeUrl ? ` · <a href="${e(b.unsubscribeUrl)}" style="color:#5b6372">Unsubscribe</a> from these emails` : ''}</p>
</div></body></html>`;
  const text = [
    b.heading,
    '',
    ...b.paragraphs.flatMap((p) => [p, '']),
    ...(b.image ? [b.image.text, ''] : []),
    ...(b.highlight ? [`${b.highlight.label}: ${b.highlight.value}`, ''] : []),
    ...(b.facts ? [...b.facts.map(([k, v]) => `${k}: ${v}`), ''] : []),
    ...(b.list ? [...b.list.map((i) => `- ${i}`), ''] : []),
    ...(b.button ? [`${b.button.label}: ${b.button.url}`, ''] : []),
    ...(b.links ?? []).flatMap((l) => [`${l.before} ${l.label}: ${l.url}`, '']),
    '—',
    'Flywheel Growth Pte. Ltd. · Shanghai · Singapore',
    ...(b.unsubscribeUrl ? [`Unsubscribe: ${b.unsubscribeUrl}`] : []),
  ].join('\n');
  if (!b.unsubscribeUrl) return { subject, html, text };
  // Mail clients POST "List-Unsubscribe=One-Click" to this signed URL; /unsubscribe/ accepts it without a page.
  return { subject, html, text, headers: { 'List-Unsubscribe': `<${b.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } };
}

export function signInCodeMail(p: { code: string; minutes: number; loginUrl: string }): RenderedMail {
  // The code is never in the subject: subjects show in notifications, logs and the operations outbox.
  return layout('Your Flywheel sign-in code', {
    preheader: `Your code works for ${p.minutes} minutes.`,
    heading: 'Your sign-in code',
    paragraphs: [`Enter this code on the sign-in page. It works for ${p.minutes} minutes and only once.`, 'If you did not ask for it, ignore this email: nobody can sign in without the code.'],
    highlight: { label: 'Sign-in code', value: p.code },
    button: { label: 'Open the sign-in page', url: p.loginUrl },
  });
}

export interface SalonMailFacts {
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
}

function salonFacts(p: SalonMailFacts): Array<[string, string]> {
  return [['When', p.when], ['Where', p.where]];
}

function venueLinks(p: SalonMailFacts): Array<{ before: string; label: string; url: string }> {
  return p.mapUrl ? [{ before: 'Finding the venue?', label: 'Open the map', url: p.mapUrl }] : [];
}

function qrImage(p: TicketMailFacts): Block['image'] {
  return p.qrSrc ? { src: p.qrSrc, alt: `QR code of ticket ${p.ticketCode}`, size: 200, text: 'Your QR code is attached to this email as an image; the ticket code below works just as well.' } : undefined;
}

export function registrationMail(p: TicketMailFacts & { status: 'confirmed' | 'waitlisted'; position?: number | undefined }): RenderedMail {
  const confirmed = p.status === 'confirmed';
  return layout(confirmed ? `Your seat at ${p.title}` : `You are on the waitlist for ${p.title}`, {
    preheader: confirmed ? `${p.when} · ticket ${p.ticketCode}` : `Waitlist position ${p.position ?? ''}`,
    heading: confirmed ? 'Your seat is confirmed' : `You are number ${p.position ?? ''} on the waitlist`,
    paragraphs: [
      `${p.name ? `Hi ${p.name}, t` : 'T'}hank you for registering for ${p.title}.`,
      confirmed
        ? 'Show this QR code (or the ticket code) at the door. The calendar file attached adds the salon to your calendar.'
        : 'The room is full for now. When a seat frees up, the first person on the waitlist gets it and we email them straight away.',
    ],
    image: confirmed ? qrImage(p) : undefined,
    highlight: { label: 'Ticket code', value: p.ticketCode },
    facts: salonFacts(p),
    button: { label: 'Open your ticket', url: p.ticketUrl },
    links: [...venueLinks(p), { before: confirmed ? "Can't come? Free your seat for someone else." : 'Changed your plans?', label: confirmed ? 'Cancel my seat' : 'Leave the waitlist', url: p.cancelUrl }],
  });
}

export function promotionMail(p: TicketMailFacts): RenderedMail {
  return layout(`A seat opened up: you're in for ${p.title}`, {
    preheader: `Your seat is confirmed · ${p.when}`,
    heading: 'Good news — your seat is confirmed',
    paragraphs: [`${p.name ? `Hi ${p.name}, a` : 'A'} seat freed up and you were first on the waitlist, so it is yours.`, 'Show this QR code (or the same ticket code) at the door.'],
    image: qrImage(p),
    highlight: { label: 'Ticket code', value: p.ticketCode },
    facts: salonFacts(p),
    button: { label: 'Open your ticket', url: p.ticketUrl },
    links: [...venueLinks(p), { before: "Can't come after all? Free the seat for someone else.", label: 'Cancel my seat', url: p.cancelUrl }],
  });
}

export function cancellationMail(p: SalonMailFacts & { name: string | null; ticketCode: string; wasWaitlisted: boolean }): RenderedMail {
  const what = p.wasWaitlisted ? 'waitlist place' : 'seat';
  return layout(p.wasWaitlisted ? `You left the waitlist for ${p.title}` : `Your seat at ${p.title} is cancelled`, {
    preheader: `Ticket ${p.ticketCode} no longer works.`,
    heading: p.wasWaitlisted ? 'You left the waitlist' : 'Your seat is cancelled',
    paragraphs: [
      `${p.name ? `Hi ${p.name}, w` : 'W'}e have cancelled your ${what} at ${p.title}, as you asked. Ticket ${p.ticketCode} no longer works at the door.`,
      p.wasWaitlisted ? 'Thank you for letting us know.' : 'Thank you for freeing it: it goes to the first person on the waitlist.',
      'Changed your mind? You can register again from the salon page while seats or the waitlist are open.',
    ],
    facts: salonFacts(p),
    button: { label: 'See the salon page', url: p.eventUrl },
  });
}

export function reminderMail(p: SalonMailFacts & { name: string | null; hoursBefore: 24 | 2; ticketCode: string }): RenderedMail {
  const soon = p.hoursBefore === 2 ? 'in two hours' : 'tomorrow';
  return layout(`Reminder: ${p.title} is ${soon}`, {
    preheader: `${p.when} · ${p.where}`,
    heading: `See you ${soon}`,
    paragraphs: [`${p.name ? `Hi ${p.name}, a` : 'A'} reminder that ${p.title} starts ${soon}.`, 'Doors open at the start time; the programme begins fifteen minutes later.'],
    highlight: { label: 'Ticket code', value: p.ticketCode },
    facts: salonFacts(p),
    button: { label: 'Directions and agenda', url: p.eventUrl },
  });
}

export function rewardMail(p: { name: string | null; giftName: string; value: string; description: string; meUrl: string; unsubscribeUrl: string }): RenderedMail {
  return layout(`You earned a gift: ${p.giftName}`, {
    preheader: p.value,
    heading: `You earned: ${p.giftName}`,
    paragraphs: [`${p.name ? `Thank you, ${p.name}. ` : 'Thank you. '}${p.description}`, 'Our operations team will be in touch to deliver it.'],
    facts: [['Gift', p.value]],
    button: { label: 'See your gifts', url: p.meUrl },
    unsubscribeUrl: p.unsubscribeUrl,
  });
}

export function couponMail(p: { name: string | null; code: string; description: string; percentOff: number; expires: string; unsubscribeUrl: string; pricingUrl: string }): RenderedMail {
  return layout(`Your ${p.percentOff}% VIP coupon`, {
    preheader: `${p.code} · valid until ${p.expires}`,
    heading: 'Thank you for coming',
    paragraphs: [`${p.name ? `${p.name}, h` : 'H'}ere is the VIP coupon we promised at the door: ${p.description}.`, 'It can be redeemed once, before it expires.'],
    highlight: { label: 'Coupon code', value: p.code },
    facts: [['Discount', `${p.percentOff}%`], ['Valid until', p.expires]],
    button: { label: 'See the packages', url: p.pricingUrl },
    unsubscribeUrl: p.unsubscribeUrl,
  });
}

export function hotLeadMail(p: { leadName: string; email: string; company: string | null; score: number; grade: string; reasons: string[]; leadUrl: string }): RenderedMail {
  return layout(`Grade ${p.grade} lead: ${p.leadName}${p.company ? ` (${p.company})` : ''}`, {
    preheader: `Score ${p.score} — ${p.reasons.slice(0, 2).join(', ')}`,
    heading: `${p.leadName} just reached grade ${p.grade}`,
    paragraphs: [`Score ${p.score}. Reach out while the interest is fresh.`],
    facts: [['Email', p.email], ['Company', p.company ?? '—']],
    list: p.reasons,
    button: { label: 'Open the lead', url: p.leadUrl },
  });
}
