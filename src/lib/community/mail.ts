// Community notifications: someone answered your question. Text and HTML come
// from the shared layout (which escapes every value: the title and the answer
// are member-written text).
import { layout, type RenderedMail } from '../mail/templates';

const EXCERPT = 280;

/** "…" after the last whole word that fits. */
export function excerpt(text: string, max = EXCERPT): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' ') > max / 2 ? cut.lastIndexOf(' ') : max).trimEnd()}…`;
}

export function answeredMail(p: { name: string | null; title: string; answerer: string | null; answer: string; url: string; unsubscribeUrl?: string }): RenderedMail {
  return layout('Your question has a new answer', {
    preheader: `${p.answerer ?? 'A member'} answered "${p.title}".`,
    heading: 'Your question has a new answer',
    paragraphs: [
      `${p.name ? `${p.name}, ` : ''}${p.answerer ?? (p.name ? 'a member' : 'A member')} answered your question “${p.title}” in your cohort:`,
      `“${excerpt(p.answer)}”`,
      'If it solves your problem, mark it as accepted: it is shown first, and it helps the next person with the same question.',
    ],
    button: { label: 'Read the answer', url: p.url },
    ...(p.unsubscribeUrl ? { unsubscribeUrl: p.unsubscribeUrl } : {}),
  });
}
