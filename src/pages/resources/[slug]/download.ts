import type { APIRoute } from 'astro';
import { getEntry } from 'astro:content';
import { getDb } from '../../../lib/platform/db';
import { checkDownload, resourceFile } from '../../../lib/resources/downloads';
import { jsonError } from '../../../lib/platform/http';

export const GET: APIRoute = async ({ params, url }) => {
  const entry = /^[a-z0-9-]{1,80}$/.test(params.slug ?? '') ? await getEntry('resources', params.slug!) : undefined;
  if (!entry) return jsonError('not_found', 'There is no such resource.');
  const verdict = await checkDownload(getDb(), entry.id, url.searchParams.get('expires'), url.searchParams.get('sig'));
  if (verdict === 'invalid') return jsonError('forbidden', 'This download link is not valid. Fill in the form on the resource page to get one.');
  if (verdict === 'expired') return new Response(null, { status: 303, headers: { location: `/resources/${entry.id}/expired/` } });
  const file = await resourceFile({ slug: entry.id, ...entry.data });
  return new Response(file.body, {
    headers: { 'content-type': file.contentType, 'content-disposition': file.disposition, 'content-length': String(file.body.byteLength), 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' },
  });
};
