import type { APIRoute } from 'astro';
import { getDb } from '../../../../lib/platform/db';
import { handle, json, jsonError, readBody } from '../../../../lib/platform/http';
import { getSalon } from '../../../../lib/salons/catalogue';
import { handleRegistration } from '../../../../web/salon-requests';
import { apiLocale } from '../../../../web/locale';

export const POST: APIRoute = ({ params, request, clientAddress, cookies, locals }) =>
  handle(async () => {
    const locale = apiLocale(locals, request);
    const salon = await getSalon(params.slug ?? '', locale ?? 'en');
    if (!salon) return jsonError('not_found', 'There is no such salon.');
    const result = await handleRegistration(getDb(), salon, await readBody(request), clientAddress, cookies, locale);
    if (result.outcome === 'closed') return jsonError('closed', 'Registration for this salon has closed.');
    if (result.outcome === 'spam') return json({ status: 'confirmed', ticketCode: 'XXXX-XXXX-XXXX-XXXX' }, 201);
    const { registration, position } = result;
    const where = position ? { position } : {};
    // The ticket code only ever goes to the registrant's mailbox on a repeat: knowing an email is not enough.
    if (result.outcome === 'existing') return json({ status: registration.status, ...where }, 200);
    return json({ status: registration.status, ticketCode: registration.ticketCode, ...where }, 201);
  });
