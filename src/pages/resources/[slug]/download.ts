import type { APIRoute } from 'astro';
import { getEntry } from 'astro:content';
import { getDb } from '../../../lib/db';
import { checkDownload, readResourceFile } from '../../../lib/downloads';
import { jsonError } from '../../../lib/http';

export const GET: APIRoute = async ({ params, url }) => {
  const entry = /^[a-z0-9-]{1,80}$/.test(params.slug ?? '') ? await getEntry('resources', params.slug!) : undefined;
  if (!entry) return jsonError('not_found', 'There is no such resource.');
  const verdict = checkDownload(getDb(), entry.id, url.searchParams.get('expires'), url.searchParams.get('sig'));
  if (verdict === 'invalid') return jsonError('forbidden', 'This download link is not valid. Fill in the form on the resource page to get one.');
  if (verdict === 'expired') return new Response(null, { status: 303, headers: { location: `/resources/${entry.id}/?expired=1` } });
  const type = entry.data.file.endsWith('.md') ? 'text/markdown; charset=utf-8' : 'application/octet-stream';
  return new Response(new Uint8Array(readResourceFile(entry.data.file)), {
    headers: { 'content-type': type, 'content-disposition': `attachment; filename="${entry.data.file}"`, 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' },
  });
};
