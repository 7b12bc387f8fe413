import type { APIRoute } from 'astro';
import { getDb } from '../../../../lib/platform/db';
import { safeCsvCell, toCsv } from '../../../../lib/platform/csv';
import { isoInZone } from '../../../../lib/platform/dates';
import { jsonError } from '../../../../lib/platform/http';
import { getSalon } from '../../../../lib/salons/catalogue';
import { attendees } from '../../../../lib/salons/stats';
import { answerLabel } from '../../../../lib/salons/registration-answers';
import { localizeJsonError } from '../../../../i18n/json-errors';

export const GET: APIRoute = async ({ params, request, locals }) => {
  const salon = await getSalon(params.slug ?? '');
  // The file's columns are a data contract (English); a refusal is a sentence, in the caller's language.
  if (!salon) return localizeJsonError(jsonError('not_found', 'There is no such salon.'), request.headers.get('accept-language'), locals.locale);
  // Times in the salon's zone, ISO 8601 with its offset, and the zone named in the last column.
  const at = (d: Date | null): string | null => (d ? isoInZone(d, salon.timezone) : null);
  // Then one column per question of the salon, headed by its English label; a choice shows the option's label.
  const rows = (await attendees(getDb(), salon.id)).map((a) => [a.ticketCode, a.status, a.name, a.email, a.company, a.jobTitle, a.phone, a.source, at(a.registeredAt), at(a.checkedInAt), salon.timezone, ...salon.questions.map((q) => answerLabel(q, a.answers[q.id], 'en'))]);
  const csv = toCsv(['ticket', 'status', 'name', 'email', 'company', 'job_title', 'phone', 'source', 'registered_at', 'checked_in_at', 'timezone', ...salon.questions.map((q) => safeCsvCell(q.label))], rows);
  return new Response(csv, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${salon.id}-attendees.csv"`, 'cache-control': 'no-store' } });
};
