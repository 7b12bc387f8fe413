// The editor's field names → the id of their control and their label, for the error summary's links.
import type { Translate } from '../../i18n/catalogue';
import { QUESTION_SLOTS } from './salon-form';

export function editorFieldLabels(t: Translate): Record<string, { id: string; label: string }> {
  const fields: Record<string, { id: string; label: string }> = {
    title: { id: 's-title', label: t('editor.title') },
    summary: { id: 's-summary', label: t('editor.summary') },
    description: { id: 's-description', label: t('editor.description') },
    titleZh: { id: 's-titleZh', label: t('editor.titleZh') },
    summaryZh: { id: 's-summaryZh', label: t('editor.summaryZh') },
    descriptionZh: { id: 's-descriptionZh', label: t('editor.descriptionZh') },
    start: { id: 's-start', label: t('editor.start') },
    end: { id: 's-end', label: t('editor.end') },
    registrationDeadline: { id: 's-deadline', label: t('editor.deadline') },
    timezone: { id: 's-timezone', label: t('editor.timezone') },
    format: { id: 's-format', label: t('editor.format') },
    city: { id: 's-city', label: t('editor.city') },
    'venue.name': { id: 's-venue-name', label: t('editor.venueName') },
    'venue.address': { id: 's-venue-address', label: t('editor.venueAddress') },
    'venue.mapUrl': { id: 's-venue-map', label: t('editor.mapUrl') },
    onlineUrl: { id: 's-online', label: t('editor.onlineUrl') },
    capacity: { id: 's-capacity', label: t('editor.capacity') },
    offerHours: { id: 's-offer', label: t('editor.offerHours') },
    series: { id: 's-series', label: t('editor.series') },
    speakers: { id: 's-speakers', label: t('editor.speakers') },
    agenda: { id: 's-agenda', label: t('editor.agenda') },
    attendeeGift: { id: 's-gift', label: t('editor.attendeeGift') },
    'coupon.prefix': { id: 's-coupon-prefix', label: t('editor.couponPrefix') },
    'coupon.description': { id: 's-coupon-description', label: t('editor.couponDescription') },
    'coupon.percentOff': { id: 's-coupon-percent', label: t('editor.couponPercent') },
    'coupon.validDays': { id: 's-coupon-days', label: t('editor.couponDays') },
    slug: { id: 's-slug', label: t('editor.slug') },
  };
  for (let i = 0; i < QUESTION_SLOTS; i++) {
    fields[`questions.${i}.label`] = { id: `q${i}-label`, label: `${t('editor.questionN', { n: i + 1 })} · ${t('editor.questionLabel')}` };
    fields[`questions.${i}.labelZh`] = { id: `q${i}-labelZh`, label: `${t('editor.questionN', { n: i + 1 })} · ${t('editor.questionLabelZh')}` };
    fields[`questions.${i}.options`] = { id: `q${i}-options`, label: `${t('editor.questionN', { n: i + 1 })} · ${t('editor.questionOptions')}` };
  }
  return fields;
}
