// A salon's calendar file in Chinese: title, description and place in Chinese, the same times.
import type { APIRoute } from 'astro';
import { salonIcsResponse } from '../../../../lib/salons/calendar-file';
import { salonStaticPaths } from '../../../../lib/salons/static-paths';

export const prerender = true;
export const getStaticPaths = salonStaticPaths;
export const GET: APIRoute = ({ params }) => salonIcsResponse(params.slug ?? '', 'zh');
