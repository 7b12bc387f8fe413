// The mail that follows a gated-resource form: the signed download link, so
// the person can fetch the file later or on another device.
import { layout, type RenderedMail } from '../mail/templates';

export interface ResourceMailFacts {
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
  return layout(`Your download: ${p.title}`, {
    preheader: `Your copy of ${p.title} as a PDF. The link works for ${p.validDays} days.`,
    heading: `Your copy of ${p.title}`,
    paragraphs: [
      `${p.name ? `Hello ${p.name}, thank` : 'Thank'} you for asking for ${p.title}. ${p.description}`,
      `The button below downloads it as a PDF. The link is yours to keep for ${p.validDays} days, until ${p.validUntil}; after that, the resource page hands out a new one.`,
    ],
    facts: [
      ['Resource', p.title],
      ['Format', `${p.kind}, PDF`],
      ['Link works until', p.validUntil],
    ],
    button: { label: 'Download the PDF', url: p.downloadUrl },
    links: [
      { before: 'Link expired?', label: 'Get a new one on the resource page', url: p.resourceUrl },
      { before: 'Want to see how Flywheel puts it into practice?', label: 'Ask for a demo', url: p.demoUrl },
    ],
  });
}
