import type { APIRoute } from 'astro';
import { requireAccess } from '../../../../lib/auth/access';
import { getDb } from '../../../../lib/platform/db';
import { handle, json, jsonError, parseWith, readBody } from '../../../../lib/platform/http';
import { checkIn } from '../../../../lib/salons/registrations';
import { getSalon } from '../../../../lib/salons/catalogue';
import { ticketSchema } from '../../../../web/salon-requests';

const notConfirmed: Partial<Record<string, string>> = {
  waitlisted: 'This ticket is waitlisted, not confirmed.',
  pending: 'This registration is waiting for approval, not confirmed.',
  offered: 'This seat is offered but not accepted yet, not confirmed.',
  declined: 'This registration was declined, not confirmed.',
};

// Staff only: the middleware refuses everyone else before this runs, and the handler checks again.
export const POST: APIRoute = ({ params, request, locals }) =>
  handle(async () => {
    const staff = requireAccess('door', locals.person);
    const salon = await getSalon(params.slug ?? '');
    if (!salon) return jsonError('not_found', 'There is no such salon.');
    const { ticketCode } = parseWith(ticketSchema, await readBody(request));
    const result = await checkIn(getDb(), salon, ticketCode, staff.id);
    if (result.outcome === 'not_found') return jsonError('not_found', 'No registration for this salon has that ticket code.');
    const who = { name: result.registration.name, email: result.registration.email, company: result.registration.company };
    if (result.outcome === 'already') return jsonError('conflict', `Already checked in at ${result.registration.checkedInAt!.toISOString()}.`);
    if (result.outcome === 'not_confirmed') return jsonError('conflict', notConfirmed[result.registration.status] ?? 'This ticket is cancelled, not confirmed.');
    return json({ status: 'checked_in', attendee: who, coupon: result.couponCode });
  });
