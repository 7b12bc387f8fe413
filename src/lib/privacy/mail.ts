// The mail that asks a person who unsubscribed whether they really want our
// emails again: sent only to their own address, nothing changes until they click.
import type { Locale } from '../../i18n/locales';
import { layout, mailLanguage, type RenderedMail } from '../mail/templates';

export function resubscribeMail(p: { locale?: Locale | undefined; confirmUrl: string }): RenderedMail {
  const { t } = mailLanguage(p.locale);
  return layout(p.locale, t('mail.resubscribe.subject'), {
    preheader: t('mail.resubscribe.preheader'),
    heading: t('mail.resubscribe.heading'),
    paragraphs: [t('mail.resubscribe.why'), t('mail.resubscribe.onlyIfConfirmed')],
    button: { label: t('mail.resubscribe.button'), url: p.confirmUrl },
  });
}
