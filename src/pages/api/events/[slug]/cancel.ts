import type { APIRoute } from 'astro';
import { getDb } from '../../../../lib/platform/db';
import { handle, json, jsonError, parseWith, readBody } from '../../../../lib/platform/http';
import { cancelRegistration } from '../../../../lib/salons/registrations';
import { getSalon } from '../../../../lib/salons/catalogue';
import { ticketSchema } from '../../../../web/salon-requests';
import { pathInLocale } from '../../../../i18n/locales';

export const POST: APIRoute = ({ params, request, locals }) =>
  handle(async () => {
    const salon = await getSalon(params.slug ?? '');
    if (!salon) return jsonError('not_found', 'There is no such salon.');
    const isForm = request.headers.get('content-type')?.startsWith('application/x-www-form-urlencoded');
    const { ticketCode } = parseWith(ticketSchema, await readBody(request));
    const result = await cancelRegistration(getDb(), salon, ticketCode);
    if (result.outcome === 'not_found') return jsonError('not_found', 'No registration has that ticket code.');
    if (result.outcome === 'ended') return jsonError('closed', 'This salon is over or the ticket was used; it can no longer be cancelled.');
    if (isForm) return new Response(null, { status: 303, headers: { location: pathInLocale(`/events/${salon.id}/ticket/${result.registration.ticketCode}/?cancelled=1`, locals.locale) } });
    return json({ status: 'cancelled', ticketCode: result.registration.ticketCode, offered: result.outcome === 'cancelled' ? result.offered.length : 0 });
  });
