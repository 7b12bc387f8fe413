import type { APIRoute } from 'astro';
import { getDb } from '../../../../lib/db';
import { toCsv } from '../../../../lib/csv';
import { jsonError } from '../../../../lib/http';
import { getSalon } from '../../../../lib/salon-content';
import { attendees } from '../../../../lib/salon-stats';

export const GET: APIRoute = async ({ params }) => {
  const salon = await getSalon(params.slug ?? '');
  if (!salon) return jsonError('not_found', 'There is no such salon.');
  const rows = attendees(getDb(), salon.id).map((a) => [a.ticketCode, a.status, a.name, a.email, a.company, a.jobTitle, a.phone, a.source, a.registeredAt, a.checkedInAt]);
  const csv = toCsv(['ticket', 'status', 'name', 'email', 'company', 'job_title', 'phone', 'source', 'registered_at', 'checked_in_at'], rows);
  return new Response(csv, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${salon.id}-attendees.csv"`, 'cache-control': 'no-store' } });
};
