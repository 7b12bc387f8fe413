// The mail that follows a gated-resource form: the signed download link, so
// the person can fetch the file later or on another device.
import type { Locale } from '../../i18n/locales';
import { layout, mailLanguage, type RenderedMail } from '../mail/templates';

export interface ResourceMailFacts {
  locale?: Locale | undefined;
  name: string | null;
  title: string;
  description: string;
  /** "Report", "Playbook and checklists": what the file is. */
  kind: string;
  downloadUrl: string;
  /** "19 November 2026": the last day the link works. */
  validUntil: string;
  validDays: number;
  /** The resource page, where a fresh link can be had. */
  resourceUrl: string;
  demoUrl: string;
}

export function resourceMail(p: ResourceMailFacts): RenderedMail {
  const { t } = mailLanguage(p.locale);
  const vars = { title: p.title, description: p.description, days: p.validDays, until: p.validUntil, kind: p.kind };
  return layout(p.locale, t('mail.resource.subject', vars), {
    preheader: t('mail.resource.preheader', vars),
    heading: t('mail.resource.heading', vars),
    paragraphs: [p.name ? t('mail.resource.thanksNamed', { ...vars, name: p.name }) : t('mail.resource.thanks', vars), t('mail.resource.howLong', vars)],
    facts: [
      [t('mail.resource.resource'), p.title],
      [t('mail.resource.format'), t('mail.resource.formatValue', vars)],
      [t('mail.resource.until'), p.validUntil],
    ],
    button: { label: t('mail.resource.button'), url: p.downloadUrl },
    links: [
      { before: t('mail.resource.expired'), label: t('mail.resource.newLink'), url: p.resourceUrl },
      { before: t('mail.resource.seeItWork'), label: t('mail.resource.demo'), url: p.demoUrl },
    ],
  });
}
