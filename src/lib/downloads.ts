// Gated files are served only through a signed link that expires, handed out
// after the resource form. Signed with a server key (see secrets.ts).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Db } from './db';
import { sign, verifySignature } from './secrets';

export const DOWNLOAD_TTL_MS = 24 * 3_600_000;

export function downloadUrl(db: Db, slug: string, now: Date = new Date()): string {
  const expires = now.getTime() + DOWNLOAD_TTL_MS;
  return `/resources/${slug}/download?expires=${expires}&sig=${sign(db, 'download', `${slug}:${expires}`)}`;
}

export function checkDownload(db: Db, slug: string, expires: string | null, sig: string | null, now: Date = new Date()): 'ok' | 'expired' | 'invalid' {
  if (!expires || !sig || !/^\d{10,16}$/.test(expires)) return 'invalid';
  if (!verifySignature(db, 'download', `${slug}:${expires}`, sig)) return 'invalid';
  return Number(expires) > now.getTime() ? 'ok' : 'expired';
}

/** The file named by the resource entry, read from content/resources/files. */
export function readResourceFile(file: string): Buffer {
  if (!/^[a-z0-9-]+\.(md|pdf|csv|xlsx)$/.test(file)) throw new Error('bad file name');
  return readFileSync(resolve('content/resources/files', file));
}
