// A salon's calendar file, per request from its row (/zh/…/calendar.ics comes here too, in Chinese).
import type { APIRoute } from 'astro';
import { salonIcsResponse } from '../../../lib/salons/calendar-file';

export const GET: APIRoute = ({ params, locals }) => salonIcsResponse(params.slug ?? '', locals.locale);
