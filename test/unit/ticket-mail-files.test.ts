// A ticket mail's words, QR code and calendar file are made by the mail worker,
// not inside the registration's write transaction: the outbox row carries the
// facts (the ticket code, the salon's entry in the reader's language as it
// stood when queued) and the mail that goes out says and carries what it did
// when the transaction wrote it all.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { mailOutbox } from '../../db/tables';
import { registerForSalon } from '../../src/lib/salons/registrations';
import { deliverDueMail } from '../../src/lib/mail/worker';
import { createFileTransport } from '../../src/lib/mail/transport';
import { qrPng } from '../../src/lib/platform/qr';
import { writeTransaction, type Db } from '../../src/lib/platform/db';
import { enqueueMail, listOutbox } from '../../src/lib/mail/outbox';
import { tempDatabase } from '../support/db';
import type { MailFile } from '../support/mailbox';
import { salonFixture } from '../support/salons';

let db: Db;
let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, dir, cleanup } = await tempDatabase()));
afterEach(async () => await cleanup());

// The calendar file below is read for these hours in this zone.
const salon = salonFixture({ id: 'files-salon', start: new Date('2026-12-10T18:30:00+08:00'), end: new Date('2026-12-10T21:00:00+08:00'), timezone: 'Asia/Shanghai' });
const now = new Date('2026-11-22T10:00:00Z');

function qrText(base64: string): string | undefined {
  const image = PNG.sync.read(Buffer.from(base64, 'base64'));
  return jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height)?.data;
}

describe('ticket mail files', () => {
  it('are queued as facts in the registration transaction and made by the worker: the QR code reads as the ticket code, the .ics holds the salon', async () => {
    const result = await registerForSalon(db, salon, { input: { email: 'ann@example.com', name: 'Ann' }, attribution: null, referralClickId: null }, now);
    if (result.outcome === 'closed') throw new Error('closed');
    const code = result.registration.ticketCode;

    const [row] = await db.select().from(mailOutbox);
    // No PNG and no calendar text in the row: only what they are made from.
    expect(row!.attachments!.map((a) => [a.filename, a.contentType, a.contentId ?? null, a.content ?? null])).toEqual([
      [`ticket-${code}.png`, 'image/png', 'ticket-qr', null],
      ['files-salon.ics', 'text/calendar', null, null],
    ]);
    expect(row!.attachments![0]!.render).toEqual({ kind: 'qr-png', text: code });
    expect(row!.attachments![1]!.render).toMatchObject({ kind: 'ics', event: { id: 'files-salon', title: salon.title, start: salon.start.toISOString(), timezone: 'Asia/Shanghai', locale: 'en' } });
    expect(JSON.stringify(row)).not.toContain('BEGIN:VCALENDAR');
    // Nor the mail's words: the template and what it is written from.
    expect([row!.subject, row!.html, row!.text]).toEqual(['', '', '']);
    expect(row!.recipe).toMatchObject({ render: 'registration', facts: { ticketCode: code, name: 'Ann', title: salon.title, status: 'confirmed', qrSrc: 'cid:ticket-qr' } });
    // Operations' outbox list shows it written all the same.
    const [listed] = await listOutbox(db);
    expect(listed!.subject).toBe(`Your seat at ${salon.title}`);
    expect(listed!.text).toContain(`Ticket code: ${code}`);

    const mailDir = join(dir, 'mail');
    expect(await deliverDueMail(db, createFileTransport(mailDir), { now: () => new Date(now.getTime() + 60_000) })).toMatchObject({ sent: 1, dead: 0 });
    const mail = JSON.parse(readFileSync(join(mailDir, readdirSync(mailDir)[0]!), 'utf8')) as MailFile;
    expect(mail.html).toContain('<img src="cid:ticket-qr"');
    const [qr, ics] = mail.attachments!;
    expect(qr).toMatchObject({ filename: `ticket-${code}.png`, contentType: 'image/png', contentId: 'ticket-qr' });
    expect(qr!.content).toBe(qrPng(code).toString('base64')); // the same bytes as when the transaction drew it
    expect(qrText(qr!.content)).toBe(code);
    const calendar = Buffer.from(ics!.content, 'base64').toString().replace(/\r\n[ \t]/g, '');
    expect(calendar).toContain('DTSTART;TZID=Asia/Shanghai:20261210T183000');
    expect(calendar).toContain('DTEND;TZID=Asia/Shanghai:20261210T210000');
    expect(calendar).toContain(`SUMMARY:${salon.title}`);
    expect(calendar).toContain('/events/files-salon/');
    // Stamped when the mail was queued, not when it went out.
    expect(calendar).toContain('DTSTAMP:20261122T100000Z');
    // The words it went out with are kept in the row, and the recipe is done with.
    expect(mail.subject).toBe(`Your seat at ${salon.title}`);
    expect(mail.text).toContain(`Ticket code: ${code}`);
    expect(mail.text).toContain('Cancel my seat: http');
    const [sent] = await db.select().from(mailOutbox);
    expect([sent!.status, sent!.subject, sent!.html, sent!.text, sent!.recipe]).toEqual(['sent', mail.subject, mail.html, mail.text, null]);
  });

  const badIcs = { filename: 'x.ics', render: { kind: 'ics' as const, event: { id: 'x', title: 'X', summary: 'X', start: 'not a date', end: 'not a date', timezone: 'Asia/Shanghai', location: 'X', url: 'https://x.example/' } } };
  it.each([
    { what: 'whose recipe this version cannot write', bad: { recipe: { render: 'no-such-mail', facts: {} } as never }, error: /^mail: Error: unknown mail recipe "no-such-mail"$/ },
    { what: 'whose files cannot be made', bad: { subject: 'S', html: 'H', text: 'T', attachments: [badIcs] }, error: /^attachment: / },
  ])('a mail $what is a dead letter with the reason, and the batch goes on', async ({ bad, error }) => {
    await writeTransaction(db, async (tx) => {
      await enqueueMail(tx, { template: 'registration', to: 'bad@example.com', idempotencyKey: 'bad', ...bad }, now);
      await enqueueMail(tx, { template: 'registration', to: 'good@example.com', idempotencyKey: 'good', subject: 'S', html: 'H', text: 'T' }, now);
    });
    expect(await deliverDueMail(db, createFileTransport(join(dir, 'mail')), { now: () => now })).toMatchObject({ sent: 1, dead: 1 });
    const rows = await db.select().from(mailOutbox);
    expect(rows.map((r) => [r.to, r.status, r.deadReason])).toEqual([
      ['bad@example.com', 'dead', 'rejected'],
      ['good@example.com', 'sent', null],
    ]);
    expect(rows[0]!.lastError).toMatch(error);
  });
});
