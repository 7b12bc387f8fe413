// "The salon is cancelled": sent to everyone still registered (a seat, the
// waitlist, an offer, a pending request) when operations calls a salon off,
// in the recipient's language, queued in the cancelling transaction.
import { layout, mailLanguage } from '../mail/templates';
import { enqueueMail } from '../mail/outbox';
import { pageUrl } from '../mail/links';
import type { Locale } from '../../i18n/locales';
import type { Tx } from '../platform/db';
import { salonWhen, salonWhere, type SalonInfo } from './salon';
import { salonIn } from './salon-language';

export async function queueSalonCancelledMail(tx: Tx, salon: SalonInfo, person: { email: string; name: string | null; locale: Locale }, registrationId: number, now: Date): Promise<void> {
  const local = await salonIn(salon, person.locale);
  const { t } = mailLanguage(person.locale);
  const vars = { title: local.title };
  const mail = layout(person.locale, t('mail.salonCancelled.subject', vars), {
    preheader: t('mail.salonCancelled.preheader', vars),
    heading: t('mail.salonCancelled.heading'),
    paragraphs: [person.name ? t('mail.salonCancelled.bodyNamed', { ...vars, name: person.name }) : t('mail.salonCancelled.body', vars), t('mail.salonCancelled.sorry')],
    facts: [
      [t('mail.salonCancelled.was'), salonWhen(local, person.locale)],
      [t('mail.salonCancelled.where'), salonWhere(local, person.locale)],
    ],
    button: { label: t('mail.salonCancelled.upcoming'), url: pageUrl('/events/', person.locale) },
  });
  await enqueueMail(tx, { template: 'salon_cancelled', to: person.email, idempotencyKey: `salon-cancelled:${registrationId}`, tags: { event: salon.id }, ...mail }, now);
}
