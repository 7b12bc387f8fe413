// A salon's poster (PNG) with the QR of its page: /events/<slug>/poster.png,
// and /zh/events/<slug>/poster.png in Chinese pointing at the Chinese page.
import type { APIRoute } from 'astro';
import { jsonError } from '../../../lib/platform/http';
import { salonPoster } from '../../../lib/sharing/salon-poster';

export const GET: APIRoute = async ({ params, locals }) => {
  const png = await salonPoster(params.slug ?? '', locals.locale);
  if (!png) return jsonError('not_found', 'No salon has that address.');
  return new Response(new Uint8Array(png), { headers: { 'content-type': 'image/png', 'cache-control': 'public, max-age=3600' } });
};
