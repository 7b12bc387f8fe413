// The salon's .ics download (/events/<id>/calendar.ics and its Chinese twin
// under /zh/): the entry's words in the page's language, the same times.
import type { Locale } from '../../i18n/locales';
import { salonCalendar } from './calendar';
import { getSalon } from './catalogue';
import { calendarEntryOf } from './salon';

export async function salonIcsResponse(id: string, locale: Locale): Promise<Response> {
  const salon = await getSalon(id, locale);
  if (!salon) return new Response(null, { status: 404 });
  const ics = salonCalendar(calendarEntryOf(salon, locale));
  return new Response(ics, { headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="${salon.id}.ics"` } });
}
