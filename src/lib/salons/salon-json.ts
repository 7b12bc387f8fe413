// A salon as the admin API answers it: the editor's fields, its status and its public addresses.
import { pathInLocale } from '../../i18n/locales';
import { siteUrl } from '../platform/site';
import { fieldsOf, type SalonFields } from './salon-editor';
import type { SalonRecord } from './salon-store';

export function salonJson(r: SalonRecord): SalonFields & { status: SalonRecord['status']; url: string; urlZh: string; updatedAt: string } {
  return {
    ...fieldsOf(r),
    status: r.status,
    url: new URL(`/events/${r.id}/`, siteUrl()).href,
    urlZh: new URL(pathInLocale(`/events/${r.id}/`, 'zh'), siteUrl()).href,
    updatedAt: r.updatedAt.toISOString(),
  };
}
