// A salon's share image, made on request from its row (/share/<en|zh>/salons/<slug>.png),
// so a salon saved in /admin/salons/ has its WeChat card at once. Drawn images are cached by content.
import type { APIRoute } from 'astro';
import { isLocale } from '../../../../i18n/locales';
import { jsonError } from '../../../../lib/platform/http';
import { salonShareImage } from '../../../../lib/sharing/salon-poster';

export const GET: APIRoute = async ({ params }) => {
  const png = isLocale(params.lang) ? await salonShareImage(params.slug ?? '', params.lang) : null;
  if (!png) return jsonError('not_found', 'No salon has that address.');
  return new Response(new Uint8Array(png), { headers: { 'content-type': 'image/png', 'cache-control': 'public, max-age=300' } });
};
