// Gated files are served only through a signed link that expires, handed out
// on the page after the resource form and mailed to the address given. Signed
// with a server key (see secrets.ts); the signature binds the resource and
// the expiry, so neither can be changed.
//
// A resource written in Markdown (content/resources/files/*.md) is served as
// a typeset PDF, made on the first request and kept in memory (the same
// Markdown always gives the same bytes); other files are served as they are.
import { pathInLocale, type Locale } from '../../i18n/locales';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Db, Tx } from '../platform/db';
import type { Person } from '../leads/people';
import { sha256Hex } from '../platform/crypto';
import { enqueueMail } from '../mail/outbox';
import { pageUrl } from '../mail/links';
import { formatDate } from '../../i18n/format';
import { resourceMail } from './mail';
import { renderResourcePdf, type ResourceMeta } from './pdf';
import { sign, verifySignature } from '../platform/secrets';
import { siteUrl } from '../platform/site';

/** The link on the thank-you page: the person is right there, a day is plenty. */
export const DOWNLOAD_TTL_MS = 24 * 3_600_000;
/**
 * The mailed link lives a week: mail is read later — the next morning, after
 * a weekend, on another device — and a link that died overnight would make
 * the mail useless. It unlocks one marketing document the person asked for,
 * nothing about them, so a longer life risks little.
 */
export const MAILED_DOWNLOAD_TTL_MS = 7 * 24 * 3_600_000;

export async function downloadUrl(db: Db, slug: string, now: Date = new Date(), ttlMs: number = DOWNLOAD_TTL_MS): Promise<string> {
  const expires = now.getTime() + ttlMs;
  return `/resources/${slug}/download?expires=${expires}&sig=${await sign(db, 'download', `${slug}:${expires}`)}`;
}

export async function checkDownload(db: Db, slug: string, expires: string | null, sig: string | null, now: Date = new Date()): Promise<'ok' | 'expired' | 'invalid'> {
  if (!expires || !sig || !/^\d{10,16}$/.test(expires)) return 'invalid';
  if (!(await verifySignature(db, 'download', `${slug}:${expires}`, sig))) return 'invalid';
  return Number(expires) > now.getTime() ? 'ok' : 'expired';
}

/** The file named by the resource entry, read from content/resources/files (files/zh/ for a Chinese resource). */
export function readResourceFile(file: string, locale: Locale = 'en'): Buffer {
  if (!/^[a-z0-9-]+\.(md|pdf|csv|xlsx)$/.test(file)) throw new Error('bad file name');
  return readFileSync(resolve('content/resources/files', locale === 'zh' ? 'zh' : '.', file));
}

export interface GatedResource extends ResourceMeta {
  slug: string;
  /** The file under content/resources/files. */
  file: string;
}

export interface ResourceFile {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  /** The Content-Disposition value: an attachment with a readable file name. */
  disposition: string;
}

const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const pdfCache = new Map<string, Promise<Buffer>>();

/** "Flywheel - 2026 B2B Lead Scoring Benchmark.pdf", with an ASCII fallback and the UTF-8 name beside it. */
export function attachmentDisposition(title: string, extension: string): string {
  const name = `Flywheel - ${title}`.normalize('NFC');
  const ascii = name.replace(/[^A-Za-z0-9 .,()&+-]/g, '').replace(/\s+/g, ' ').trim() || 'Flywheel resource';
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${encodeURIComponent(`${name}.${extension}`)}`;
}

/** What the download link serves: the typeset PDF of a Markdown resource, or the shipped file. */
export async function resourceFile(resource: GatedResource): Promise<ResourceFile> {
  const raw = readResourceFile(resource.file, resource.locale);
  const extension = resource.file.split('.').pop()!;
  if (extension !== 'md') {
    return { body: new Uint8Array(raw), contentType: TYPES[extension] ?? 'application/octet-stream', disposition: attachmentDisposition(resource.title, extension) };
  }
  const markdown = raw.toString('utf8');
  const meta: ResourceMeta = { title: resource.title, description: resource.description, format: resource.format, publishedAt: resource.publishedAt, locale: resource.locale ?? 'en' };
  const key = sha256Hex(JSON.stringify([resource.slug, meta, markdown]));
  let pdf = pdfCache.get(key);
  if (!pdf) {
    pdf = renderResourcePdf(meta, markdown);
    pdfCache.set(key, pdf);
    pdf.catch(() => pdfCache.delete(key)); // a failure is not cached
  }
  return { body: new Uint8Array(await pdf), contentType: TYPES.pdf!, disposition: attachmentDisposition(resource.title, 'pdf') };
}

/** The resource as the mail needs it, in the person's language: its title, description and kind ("Report"). */
export type MailedResource = Pick<GatedResource, 'slug' | 'title' | 'description' | 'format'>;

/**
 * Queues the mail with the signed download link, inside the caller's
 * transaction (the one that captured the lead). One mail per person, resource
 * and day, however often the form is sent; `link` is signed by the caller
 * before the transaction (see `mailedDownloadLink`).
 */
export async function queueResourceMail(tx: Tx, person: Pick<Person, 'id' | 'email' | 'name'> & Partial<Pick<Person, 'locale'>>, resource: MailedResource, link: { url: string; expiresAt: Date }, now: Date = new Date()): Promise<boolean> {
  const locale = person.locale ?? 'en';
  return enqueueMail(
    tx,
    {
      template: 'resource-download',
      to: person.email,
      idempotencyKey: `resource:${person.id}:${resource.slug}:${now.toISOString().slice(0, 10)}`,
      tags: { resource: resource.slug },
      ...resourceMail({
        locale,
        name: person.name,
        title: resource.title,
        description: resource.description,
        kind: resource.format.split(',')[0]!.trim(),
        downloadUrl: link.url,
        validUntil: formatDate(locale, link.expiresAt, 'UTC'),
        validDays: Math.round(MAILED_DOWNLOAD_TTL_MS / 86_400_000),
        resourceUrl: pageUrl(`/resources/${resource.slug}/`, locale),
        demoUrl: pageUrl('/pricing/#demo', locale),
      }),
    },
    now,
  );
}

/** The absolute, signed link a resource mail carries (valid for MAILED_DOWNLOAD_TTL_MS). */
export async function mailedDownloadLink(db: Db, slug: string, now: Date = new Date(), locale: Locale = 'en'): Promise<{ url: string; expiresAt: Date }> {
  // /zh/resources/<slug>/download serves the Chinese document.
  const path = pathInLocale(await downloadUrl(db, slug, now, MAILED_DOWNLOAD_TTL_MS), locale);
  return { url: new URL(path, siteUrl()).href, expiresAt: new Date(now.getTime() + MAILED_DOWNLOAD_TTL_MS) };
}
