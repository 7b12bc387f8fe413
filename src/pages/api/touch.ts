// The attribution beacon embedded by every page; the middleware does the work.
import type { APIRoute } from 'astro';

const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export const GET: APIRoute = () =>
  new Response(PIXEL, {
    headers: { 'content-type': 'image/gif', 'cache-control': 'no-store', 'content-length': String(PIXEL.length) },
  });
