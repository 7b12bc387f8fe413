import type { APIRoute } from 'astro';
import { getDb } from '../../../lib/platform/db';
import { checkDownload, resourceFile } from '../../../lib/resources/downloads';
import { getResource, resourceLocaleOf } from '../../../lib/content/collections';
import { jsonError } from '../../../lib/platform/http';
import { pathInLocale } from '../../../i18n/locales';

// /zh/resources/<slug>/download (the link handed out on the Chinese page) serves the Chinese document.
export const GET: APIRoute = async ({ params, url, locals }) => {
  const entry = await getResource(params.slug ?? '', locals.locale);
  if (!entry) return jsonError('not_found', 'There is no such resource.');
  const verdict = await checkDownload(getDb(), entry.id, url.searchParams.get('expires'), url.searchParams.get('sig'));
  if (verdict === 'invalid') return jsonError('forbidden', 'This download link is not valid. Fill in the form on the resource page to get one.');
  if (verdict === 'expired') return new Response(null, { status: 303, headers: { location: pathInLocale(`/resources/${entry.id}/expired/`, locals.locale) } });
  const file = await resourceFile({ slug: entry.id, ...entry.data, locale: resourceLocaleOf(entry) });
  return new Response(file.body, {
    headers: { 'content-type': file.contentType, 'content-disposition': file.disposition, 'content-length': String(file.body.byteLength), 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' },
  });
};
