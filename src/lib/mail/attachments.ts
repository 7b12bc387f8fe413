// Files that cost real time to make (a ticket's QR code PNG, a salon's .ics)
// are queued as the facts to make them from, and made by the mail worker just
// before sending: a registration's write transaction no longer draws a PNG
// while every other registration waits for the lock. The facts are those of
// the moment the mail was queued, so the file says what was true then.
import type { AttachmentRecipe, OutboxAttachment } from '../../../db/tables';
import { qrPng } from '../platform/qr';
import { salonCalendar } from '../salons/calendar';
import type { MailAttachment } from './transport';

function render(recipe: AttachmentRecipe, queuedAt: Date): Buffer {
  switch (recipe.kind) {
    case 'qr-png':
      return qrPng(recipe.text);
    case 'ics': {
      const e = recipe.event;
      // Stamped with the time the mail was queued, as it was when the file was made in the transaction.
      return Buffer.from(salonCalendar({ ...e, start: new Date(e.start), end: new Date(e.end) }, queuedAt));
    }
  }
}

/** The files as they go out: the ones queued as facts made now, the others as they are. */
export function renderAttachments(attachments: OutboxAttachment[] | null, queuedAt: Date): MailAttachment[] | null {
  if (!attachments) return null;
  return attachments.map(({ render: recipe, content, ...file }) => ({ ...file, content: recipe ? render(recipe, queuedAt).toString('base64') : (content ?? '') }));
}
