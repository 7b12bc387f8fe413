// Gated resources over HTTP: the form (or the API) queues a mail with a signed
// link in the same transaction as the lead; the link downloads a real,
// typeset PDF; expired or tampered links are refused; spam gets no mail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { activities, mailOutbox, people } from '../../db/tables';
import { downloadUrl, MAILED_DOWNLOAD_TTL_MS } from '../../src/lib/resources/downloads';
import { postJson } from '../support/http';
import { waitForMail, type MailFile } from '../support/mailbox';
import { pdfPageCount, pdfText } from '../support/pdf';
import { startServer, type RunningServer } from '../support/server';

const SLUG = 'b2b-lead-scoring-benchmark-2026';
const TITLE = '2026 B2B Lead Scoring Benchmark';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMITS: 'off', MAIL_WORKER_INTERVAL_MS: '200' } });
});
afterAll(async () => server?.stop());

const form = (body: Record<string, string>): Promise<Response> =>
  fetch(`${server.url}/request/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url }, body: new URLSearchParams(body), redirect: 'manual' });

const outboxFor = async (email: string) => server.db.select().from(mailOutbox).where(and(eq(mailOutbox.to, email), eq(mailOutbox.template, 'resource-download')));

/** The download link in a mail's text, as a path on the test server. */
function mailedLink(mail: MailFile): URL {
  const href = /Download the PDF: (\S+)/.exec(mail.text)?.[1];
  expect(href, 'the mail carries the download link').toBeDefined();
  const url = new URL(href!);
  expect(url.origin).toBe(server.url); // absolute, on the site
  expect(mail.html).toContain(url.pathname);
  return url;
}

async function download(pathAndQuery: string): Promise<Response> {
  return fetch(server.url + pathAndQuery, { redirect: 'manual' });
}

describe('a resource request', () => {
  it('mails a signed link (valid 7 days) that downloads the typeset PDF', async () => {
    const email = 'wei.zhang@harbourline.example';
    const before = Date.now();
    // Optional fields left as a browser sends them: empty, company size on "Choose…".
    const res = await form({ interest: `resource:${SLUG}`, email, name: 'Wei Zhang', company: '', jobTitle: '', companySize: '', website: '' });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Your download is ready');
    expect(page).toMatch(/emailed you a copy/);

    const mail = await waitForMail(server.mailDir, (m) => m.to === email);
    expect(mail.subject).toBe(`Your download: ${TITLE}`);
    expect(mail.text).toContain('Hello Wei Zhang');
    expect(mail.html).toContain('Download the PDF');
    const link = mailedLink(mail);
    const expires = Number(link.searchParams.get('expires'));
    expect(expires).toBeGreaterThanOrEqual(before + MAILED_DOWNLOAD_TTL_MS);
    expect(expires).toBeLessThanOrEqual(Date.now() + MAILED_DOWNLOAD_TTL_MS);

    const file = await download(link.pathname + link.search);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="Flywheel - 2026 B2B Lead Scoring Benchmark\.pdf"/);
    expect(file.headers.get('cache-control')).toMatch(/no-store/);
    const pdf = Buffer.from(await file.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF/);
    expect(pdfPageCount(pdf)).toBeGreaterThan(1);
    const text = pdfText(pdf);
    expect(text).toContain(`Flywheel · ${TITLE}`); // running footer
    expect(text).toContain('Conversion by grade'); // a section of the Markdown
    expect(text).toContain('MQL to SQL'); // a table header
    expect(text).toMatch(/Page 2 of \d/);

    // The link on the thank-you page serves the same document.
    const pageHref = /href="(\/resources\/[^"]+\/download\?[^"]+)"/.exec(page)![1]!.replace(/&amp;/g, '&');
    const again = Buffer.from(await (await download(pageHref)).arrayBuffer());
    expect(again.equals(pdf)).toBe(true);
  });

  it('is queued in the same transaction as the lead, once a day however often the form is sent', async () => {
    const email = 'twice@peoplestack.example';
    await form({ interest: `resource:${SLUG}`, email });
    await form({ interest: `resource:${SLUG}`, email });
    const person = (await server.db.select().from(people).where(eq(people.email, email)))[0]!;
    const downloads = await server.db.select().from(activities).where(and(eq(activities.personId, person.id), eq(activities.type, 'resource_download')));
    expect(downloads).toHaveLength(2);
    const rows = await outboxFor(email);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.idempotencyKey).toMatch(new RegExp(`^resource:${person.id}:${SLUG}:\\d{4}-\\d{2}-\\d{2}$`));
  });

  it('is mailed for POST /api/leads with interest resource:<slug> too', async () => {
    const email = 'api.reader@lumen-sensors.example';
    const res = await postJson(`${server.url}/api/leads`, { email, interest: 'resource:salon-playbook-template', consent: true });
    expect(res.status).toBe(201);
    const mail = await waitForMail(server.mailDir, (m) => m.to === email);
    expect(mail.subject).toBe('Your download: The 30-Seat Salon Playbook');
    const link = mailedLink(mail);
    const file = await download(link.pathname + link.search);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(pdfText(Buffer.from(await file.arrayBuffer()))).toContain('The six-week countdown');
  });

  it('sends nothing for a honeypot submission, nor for another kind of interest', async () => {
    const bot = 'bot@spam.example';
    expect((await form({ interest: `resource:${SLUG}`, email: bot, website: 'https://spam.example' })).status).toBe(200);
    expect((await postJson(`${server.url}/api/leads`, { email: bot, interest: `resource:${SLUG}`, website: 'x' })).status).toBe(201);
    await form({ interest: 'demo', email: 'demo.only@acme.example' });
    expect(await outboxFor(bot)).toEqual([]);
    expect((await server.db.select().from(mailOutbox).where(eq(mailOutbox.to, 'demo.only@acme.example'))).filter((r) => r.template === 'resource-download')).toEqual([]);
    expect((await server.db.select().from(people).where(eq(people.email, bot)))[0]).toBeUndefined();
  });
});

describe('the download link', () => {
  it('refuses a tampered or missing signature, and another resource with the same signature', async () => {
    const href = await downloadUrl(server.db, SLUG);
    expect((await download(href)).status).toBe(200);
    const tampered = href.replace(/sig=([0-9a-f])/, (_m, c: string) => `sig=${c === '0' ? '1' : '0'}`);
    const refused = await download(tampered);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/json/);
    expect((await download(`/resources/${SLUG}/download`)).status).toBe(403);
    expect((await download(href.replace(SLUG, 'salon-playbook-template'))).status).toBe(403);
    expect((await download(href.replace(/expires=(\d+)/, (_m, e: string) => `expires=${Number(e) + 1000}`))).status).toBe(403);
  });

  it('sends an expired link to a page that says so and hands out a new one', async () => {
    const old = await downloadUrl(server.db, SLUG, new Date(Date.now() - MAILED_DOWNLOAD_TTL_MS - 60_000), MAILED_DOWNLOAD_TTL_MS);
    const res = await download(old);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/resources/${SLUG}/expired/`);
    const page = await fetch(server.url + res.headers.get('location')!);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('This download link has expired');
    expect(html).toContain(`value="resource:${SLUG}"`);
    expect((await fetch(`${server.url}/resources/no-such-thing/expired/`)).status).toBe(404);
  });
});
