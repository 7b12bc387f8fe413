// Community notifications: someone answered your question.
import { layout, type RenderedMail } from './templates';

export function answeredMail(p: { name: string | null; title: string; url: string }): RenderedMail {
  return layout('Your question has a new answer', {
    preheader: `A member answered "${p.title}".`,
    heading: 'Your question has a new answer',
    paragraphs: [`${p.name ? `${p.name}, a` : 'A'} member of your cohort answered your question “${p.title}”.`, 'If it solves your problem, mark it as accepted: it helps the next person with the same question.'],
    button: { label: 'Read the answer', url: p.url },
  });
}
