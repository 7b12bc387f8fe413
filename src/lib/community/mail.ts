// Community notifications: someone answered your question. Text and HTML come
// from the shared layout (which escapes every value: the title and the answer
// are member-written text).
import type { Locale } from '../../i18n/locales';
import { layout, mailLanguage, type RenderedMail } from '../mail/templates';

const EXCERPT = 280;

/** "…" after the last whole word that fits. */
export function excerpt(text: string, max = EXCERPT): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' ') > max / 2 ? cut.lastIndexOf(' ') : max).trimEnd()}…`;
}

export function answeredMail(p: { locale?: Locale | undefined; name: string | null; title: string; answerer: string | null; answer: string; url: string; unsubscribeUrl?: string }): RenderedMail {
  const { t } = mailLanguage(p.locale);
  const someone = t('mail.answered.someone');
  const answerer = p.answerer ?? (p.name ? t('mail.answered.someoneAfterName') : someone);
  return layout(p.locale, t('mail.answered.subject'), {
    preheader: t('mail.answered.preheader', { answerer: p.answerer ?? someone, title: p.title }),
    heading: t('mail.answered.subject'),
    paragraphs: [
      p.name ? t('mail.answered.bodyNamed', { name: p.name, answerer, title: p.title }) : t('mail.answered.body', { answerer, title: p.title }),
      `“${excerpt(p.answer)}”`,
      t('mail.answered.accept'),
    ],
    button: { label: t('mail.answered.button'), url: p.url },
    ...(p.unsubscribeUrl ? { unsubscribeUrl: p.unsubscribeUrl } : {}),
  });
}
