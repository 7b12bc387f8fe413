// Outbox rows as the mail worker sends them: mail and files queued as facts
// (a ticket mail's words, its QR code, its calendar file) made the way the
// worker makes them, so a test reading the outbox straight after a change sees
// the mail that goes out.
import { renderAttachments } from '../../src/lib/mail/attachments';
import { mailContent } from '../../src/lib/mail/recipes';
import type { MailAttachment } from '../../src/lib/mail/transport';
import type { OutboxRow } from '../../src/lib/mail/outbox';

export type SentRow = Omit<OutboxRow, 'attachments'> & { attachments: MailAttachment[] | null };

export function asSent(row: OutboxRow): SentRow {
  return { ...row, ...mailContent(row), attachments: renderAttachments(row.attachments, row.createdAt) };
}
