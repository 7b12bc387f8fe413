import type { APIRoute } from 'astro';
import { getDb } from '../../../../lib/platform/db';
import { toCsv } from '../../../../lib/platform/csv';
import { isoInZone } from '../../../../lib/platform/dates';
import { jsonError } from '../../../../lib/platform/http';
import { getSalon } from '../../../../lib/salons/catalogue';
import { attendees } from '../../../../lib/salons/stats';

export const GET: APIRoute = async ({ params }) => {
  const salon = await getSalon(params.slug ?? '');
  if (!salon) return jsonError('not_found', 'There is no such salon.');
  // Times in the salon's zone, ISO 8601 with its offset, and the zone named in the last column.
  const at = (d: Date | null): string | null => (d ? isoInZone(d, salon.timezone) : null);
  const rows = (await attendees(getDb(), salon.id)).map((a) => [a.ticketCode, a.status, a.name, a.email, a.company, a.jobTitle, a.phone, a.source, at(a.registeredAt), at(a.checkedInAt), salon.timezone]);
  const csv = toCsv(['ticket', 'status', 'name', 'email', 'company', 'job_title', 'phone', 'source', 'registered_at', 'checked_in_at', 'timezone'], rows);
  return new Response(csv, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${salon.id}-attendees.csv"`, 'cache-control': 'no-store' } });
};
