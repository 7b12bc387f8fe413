// Mail queued as the facts to write it from, written by the worker just before
// sending. A registration's transaction used to render its ticket mail and
// store ~4 KB of HTML and text with it: a tenth of registration throughput
// (1,060-1,090/s against 1,200-1,260/s without, back to back). Only the mails
// of that hot path are queued this way; the rest are written when queued.
import type { MailRecipe } from '../../../db/tables';
import { pendingMail, registrationMail, type RenderedMail, type TicketMailFacts } from './templates';

/** The recipes there are: a template's name and what that template takes. */
export type TicketMailRecipe = { render: 'registration'; facts: Parameters<typeof registrationMail>[0] } | { render: 'registration-pending'; facts: TicketMailFacts };

/** The mail a recipe writes; throws on a recipe this version does not know (the worker dead-letters it). */
export function renderRecipe(recipe: MailRecipe): RenderedMail {
  const known = recipe as unknown as TicketMailRecipe; // written by enqueueMail from these types
  switch (known.render) {
    case 'registration':
      return registrationMail(known.facts);
    case 'registration-pending':
      return pendingMail(known.facts);
    default:
      throw new Error(`unknown mail recipe "${String(recipe.render)}"`);
  }
}

/** What a queued row says: written from its recipe, or its words as they were queued. */
export function mailContent(row: { subject: string; html: string; text: string; recipe: MailRecipe | null }): RenderedMail {
  return row.recipe ? renderRecipe(row.recipe) : { subject: row.subject, html: row.html, text: row.text };
}
