// The routing mails, in the recipient's language: a lead assigned to you, a
// lead that went back to the queue because its SLA passed untouched (to the
// previous owner and to the sales inbox), and an unclaimed lead waiting past
// its SLA (to the sales inbox). Pure: facts in, { subject, html, text } out.
import { layout, mailLanguage, type RenderedMail } from '../mail/templates';
import type { Locale } from '../../i18n/locales';

export interface RoutedLeadFacts {
  locale: Locale;
  leadName: string;
  email: string;
  company: string | null;
  grade: string;
  score: number;
  /** When the first touch is (was) due, on the working clock, in words. */
  due: string;
  leadUrl: string;
}

function leadFacts(p: RoutedLeadFacts, dueLabel: string): Array<[string, string]> {
  const { t } = mailLanguage(p.locale);
  return [
    [t('routing.mail.lead'), p.leadName],
    [t('routing.mail.email'), p.email],
    [t('routing.mail.company'), p.company ?? '—'],
    [t('routing.mail.grade'), `${p.grade} · ${p.score}`],
    [dueLabel, p.due],
  ];
}

/** "New A lead for you": round-robin picked this person. */
export function assignedMail(p: RoutedLeadFacts): RenderedMail {
  const { t } = mailLanguage(p.locale);
  const vars = { grade: p.grade, name: p.leadName };
  return layout(p.locale, t('routing.mail.assigned.subject', vars), {
    preheader: t('routing.mail.assigned.preheader', { due: p.due }),
    heading: t('routing.mail.assigned.heading', vars),
    paragraphs: [t('routing.mail.assigned.body', { due: p.due })],
    facts: leadFacts(p, t('routing.mail.dueAt')),
    button: { label: t('routing.mail.open'), url: p.leadUrl },
  });
}

/** To the previous owner: the lead went back to the queue. */
export function returnedToOwnerMail(p: RoutedLeadFacts): RenderedMail {
  const { t } = mailLanguage(p.locale);
  const vars = { name: p.leadName };
  return layout(p.locale, t('routing.mail.returned.subject', vars), {
    preheader: t('routing.mail.returned.preheader', { due: p.due }),
    heading: t('routing.mail.returned.heading', vars),
    paragraphs: [t('routing.mail.returned.body', { due: p.due }), t('routing.mail.returned.claim')],
    facts: leadFacts(p, t('routing.mail.wasDue')),
    button: { label: t('routing.mail.open'), url: p.leadUrl },
  });
}

/** To the sales inbox: a lead is in the unclaimed queue past its SLA (returned by `previousOwner`, or never claimed). */
export function breachInboxMail(p: RoutedLeadFacts & { previousOwner: string | null }): RenderedMail {
  const { t } = mailLanguage(p.locale);
  const vars = { grade: p.grade, name: p.leadName, owner: p.previousOwner ?? '' };
  return layout(p.locale, p.previousOwner ? t('routing.mail.inboxReturned.subject', vars) : t('routing.mail.inboxUnclaimed.subject', vars), {
    preheader: t('routing.mail.inbox.preheader', { due: p.due }),
    heading: p.previousOwner ? t('routing.mail.inboxReturned.heading', vars) : t('routing.mail.inboxUnclaimed.heading', vars),
    paragraphs: [p.previousOwner ? t('routing.mail.inboxReturned.body', vars) : t('routing.mail.inboxUnclaimed.body', vars)],
    facts: leadFacts(p, t('routing.mail.wasDue')),
    button: { label: t('routing.mail.open'), url: p.leadUrl },
  });
}
