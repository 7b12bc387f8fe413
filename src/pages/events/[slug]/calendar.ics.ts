// A salon's calendar file in English; its Chinese twin is under src/pages/zh/events/[slug]/.
import type { APIRoute } from 'astro';
import { salonIcsResponse } from '../../../lib/salons/calendar-file';
import { salonStaticPaths } from '../../../lib/salons/static-paths';

export const prerender = true;
export const getStaticPaths = salonStaticPaths;
export const GET: APIRoute = ({ params }) => salonIcsResponse(params.slug ?? '', 'en');
