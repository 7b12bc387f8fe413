// The salon editor's HTML form, which works without JavaScript: its flat
// string fields become the API's body (times typed on the salon's clock,
// speakers and agenda one per line, questions in numbered slots), and the
// API's field errors come back to the form field they belong beside.
import { DateTime } from 'luxon';
import { HttpError } from '../platform/http';
import type { Db } from '../platform/db';
import { renderMarkdown } from '../content/markdown';
import { parseSalonInput } from './salon-input';
import { changeSalonStatus, createSalon, fieldsOf, salonForAdmin, updateSalon, type SalonAction, type SalonFields } from './salon-editor';

export const QUESTION_SLOTS = 3;
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

type Form = Record<string, string>;

const given = (v: string | undefined): string | undefined => (v?.trim() ? v.trim() : undefined);
const numberOf = (v: string | undefined): number | string | undefined => (given(v) === undefined ? undefined : /^-?\d+(\.\d+)?$/.test(v!.trim()) ? Number(v) : v);
const cells = (line: string): string[] => line.split('|').map((c) => c.trim());
const linesOf = (v: string | undefined): string[] => (v ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

/** "Priya Raman | VP Growth | Lexora" per line. */
function speakersOf(v: string | undefined): Array<{ name: string; title: string; company: string }> {
  return linesOf(v).map((l) => {
    const [name = '', title = '', company = ''] = cells(l);
    return { name, title, company };
  });
}

/** "18:30 | Doors open | Speaker" per line. */
function agendaOf(v: string | undefined): Array<{ time: string; title: string; speaker?: string }> {
  return linesOf(v).map((l) => {
    const [time = '', title = '', speaker] = cells(l);
    return speaker ? { time, title, speaker } : { time, title };
  });
}

const slugOf = (label: string, fallback: string): string =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || fallback;

/** "Budget holder | 预算负责人 | 6" per line: a choice's words and the fit points it adds. */
function optionsOf(v: string | undefined, existing: Map<string, string>): Array<Record<string, unknown>> {
  return linesOf(v).map((l, i) => {
    const [label = '', labelZh, points] = cells(l);
    return { value: existing.get(label) ?? slugOf(label, `option-${i + 1}`), label, ...(labelZh ? { labelZh } : {}), fitPoints: numberOf(points) ?? 0 };
  });
}

function questionsOf(form: Form, before: SalonFields | undefined): Array<Record<string, unknown>> {
  const questions: Array<Record<string, unknown>> = [];
  for (let i = 0; i < QUESTION_SLOTS; i++) {
    const label = given(form[`questions.${i}.label`]);
    if (!label) continue;
    // An edited question keeps its id and its options' values, so answers already given still match.
    const id = given(form[`questions.${i}.id`]) ?? `q${i + 1}-${slugOf(label, 'question').slice(0, 30)}`;
    const old = before?.questions.find((q) => q.id === id);
    const kind = form[`questions.${i}.kind`] === 'choice' ? 'choice' : 'text';
    questions.push({
      id,
      kind,
      label,
      ...(given(form[`questions.${i}.labelZh`]) ? { labelZh: given(form[`questions.${i}.labelZh`]) } : {}),
      required: form[`questions.${i}.required`] === 'on',
      options: kind === 'choice' ? optionsOf(form[`questions.${i}.options`], new Map((old?.options ?? []).map((o) => [o.label, o.value]))) : [],
    });
  }
  return questions;
}

/** The API body for the form's fields; a time that is not a time is refused here, beside its field. */
export function salonBodyFromForm(form: Form, before?: SalonFields): Record<string, unknown> {
  const zone = given(form.timezone) ?? 'Asia/Shanghai';
  const errors: Record<string, string> = {};
  const time = (name: 'start' | 'end' | 'registrationDeadline'): string | undefined => {
    const v = given(form[name]);
    if (!v) return void (errors[name] = 'Enter a date and time.');
    const t = LOCAL_TIME.test(v) ? DateTime.fromISO(v, { zone }) : undefined;
    if (!t?.isValid) return void (errors[name] = 'Enter a date and time, such as 2027-04-16 18:30.');
    return t.toISO({ suppressMilliseconds: true })!;
  };
  const body: Record<string, unknown> = {
    title: given(form.title),
    summary: given(form.summary),
    description: form.description ?? '',
    titleZh: given(form.titleZh),
    summaryZh: given(form.summaryZh),
    descriptionZh: form.descriptionZh ?? '',
    cityZh: given(form.cityZh),
    venueZh: given(form['venueZh.name']) || given(form['venueZh.address']) ? { name: form['venueZh.name'] ?? '', address: form['venueZh.address'] ?? '' } : undefined,
    attendeeGiftZh: given(form.attendeeGiftZh),
    couponDescriptionZh: given(form.couponDescriptionZh),
    series: given(form.series),
    start: time('start'),
    end: time('end'),
    registrationDeadline: time('registrationDeadline'),
    timezone: zone,
    format: form.format === 'online' ? 'online' : 'in-person',
    city: form.city ?? '',
    venue: form.format === 'online' ? undefined : { name: form['venue.name'] ?? '', address: form['venue.address'] ?? '', mapUrl: given(form['venue.mapUrl']) },
    onlineUrl: form.format === 'online' ? given(form.onlineUrl) : undefined,
    capacity: numberOf(form.capacity),
    speakers: speakersOf(form.speakers),
    agenda: agendaOf(form.agenda),
    attendeeGift: form.attendeeGift ?? '',
    coupon: { prefix: form['coupon.prefix'] ?? '', description: form['coupon.description'] ?? '', percentOff: numberOf(form['coupon.percentOff']), validDays: numberOf(form['coupon.validDays']) },
    questions: questionsOf(form, before),
    approval: form.approval === 'on',
    offerHours: numberOf(form.offerHours) ?? 24,
  };
  if (!before && given(form.slug)) body.slug = given(form.slug);
  const result = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
  if (Object.keys(errors).length) {
    // Say everything at once: the other fields' messages too, checked with stand-in times.
    const standIn = new Date().toISOString();
    try {
      parseSalonInput({ ...result, start: result.start ?? standIn, end: result.end ?? standIn, registrationDeadline: result.registrationDeadline ?? standIn });
    } catch (error) {
      for (const [key, message] of Object.entries((error instanceof HttpError && error.fields) || {})) if (!['start', 'end', 'registrationDeadline'].includes(key)) errors[key] ??= message;
    }
    throw new HttpError('invalid', 'Some fields need another look.', errors);
  }
  return result;
}

/** API error fields as the form's: "speakers.1.name" is line 2 of the speakers box; a question's option is its slot's box. */
export function formErrorsOf(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(fields)) {
    const line = /^(speakers|agenda)\.(\d+)/.exec(key);
    const option = /^questions\.(\d+)\.options/.exec(key);
    const question = /^questions\.(\d+)\.(\w+)/.exec(key);
    const target = line ? line[1]! : option ? `questions.${option[1]}.options` : question ? `questions.${question[1]}.${question[2] === 'labelZh' ? 'labelZh' : 'label'}` : key;
    out[target] ??= line ? `Line ${Number(line[2]) + 1}: ${message}` : message;
  }
  return out;
}

/** The form's fields filled from a salon (the edit page), times on the salon's clock. */
export function formOf(s: SalonFields): Form {
  const local = (iso: string): string => DateTime.fromISO(iso, { setZone: true }).toFormat("yyyy-LL-dd'T'HH:mm");
  const form: Form = {
    title: s.title ?? '',
    summary: s.summary ?? '',
    description: s.description ?? '',
    titleZh: s.titleZh ?? '',
    summaryZh: s.summaryZh ?? '',
    descriptionZh: s.descriptionZh ?? '',
    cityZh: s.cityZh ?? '',
    'venueZh.name': s.venueZh?.name ?? '',
    'venueZh.address': s.venueZh?.address ?? '',
    attendeeGiftZh: s.attendeeGiftZh ?? '',
    couponDescriptionZh: s.couponDescriptionZh ?? '',
    series: s.series ?? '',
    start: local(s.start),
    end: local(s.end),
    registrationDeadline: local(s.registrationDeadline),
    timezone: s.timezone,
    format: s.format,
    city: s.city,
    'venue.name': s.venue?.name ?? '',
    'venue.address': s.venue?.address ?? '',
    'venue.mapUrl': s.venue?.mapUrl ?? '',
    onlineUrl: s.onlineUrl ?? '',
    capacity: String(s.capacity),
    speakers: s.speakers.map((p) => `${p.name} | ${p.title} | ${p.company}`).join('\n'),
    agenda: s.agenda.map((a) => [a.time, a.title, a.speaker].filter(Boolean).join(' | ')).join('\n'),
    attendeeGift: s.attendeeGift,
    'coupon.prefix': s.coupon.prefix,
    'coupon.description': s.coupon.description,
    'coupon.percentOff': String(s.coupon.percentOff),
    'coupon.validDays': String(s.coupon.validDays),
    approval: s.approval ? 'on' : '',
    offerHours: String(s.offerHours),
  };
  s.questions.forEach((q, i) => {
    form[`questions.${i}.id`] = q.id;
    form[`questions.${i}.kind`] = q.kind;
    form[`questions.${i}.label`] = q.label;
    form[`questions.${i}.labelZh`] = q.labelZh ?? '';
    form[`questions.${i}.required`] = q.required ? 'on' : '';
    form[`questions.${i}.options`] = q.options.map((o) => [o.label, o.labelZh ?? '', String(o.fitPoints)].join(' | ')).join('\n');
  });
  return form;
}

/** A new salon's form: sensible defaults a marketer changes. */
export function blankForm(): Form {
  return { timezone: 'Asia/Shanghai', format: 'in-person', capacity: '30', 'coupon.prefix': 'VIP', 'coupon.percentOff': '15', 'coupon.validDays': '60', offerHours: '24' };
}

export type SalonFormResult = { kind: 'saved'; slug: string; created: boolean } | { kind: 'status'; slug: string; action: SalonAction; mailed: number } | { kind: 'preview'; html: string; htmlZh: string };

const ACTIONS = new Set<SalonAction>(['publish', 'close', 'reopen', 'cancel']);

/** The editor form's POST: save (create or edit), preview the description, or move the salon along its life. */
export async function salonFormAction(db: Db, slug: string | undefined, form: Form, actorId: number, now: Date = new Date()): Promise<SalonFormResult> {
  const action = form.action ?? 'save';
  if (action === 'preview') return { kind: 'preview', html: renderMarkdown(form.description ?? ''), htmlZh: renderMarkdown(form.descriptionZh ?? '') };
  if (slug && ACTIONS.has(action as SalonAction)) {
    if (action === 'cancel' && form.confirm !== 'cancel') throw new HttpError('invalid', 'Tick the box to confirm the cancellation.', { confirm: 'Tick the box to confirm the cancellation.' });
    const { mailed } = await changeSalonStatus(db, slug, action as SalonAction, actorId, now);
    return { kind: 'status', slug, action: action as SalonAction, mailed };
  }
  const before = slug ? await salonForAdmin(db, slug) : undefined;
  if (slug && !before) throw new HttpError('not_found', 'There is no such salon.');
  try {
    const body = salonBodyFromForm(form, before && fieldsOf(before));
    if (before) return { kind: 'saved', slug: (await updateSalon(db, before.id, body, actorId, now)).id, created: false };
    const status = form.publish === 'on' ? 'published' : 'draft';
    return { kind: 'saved', slug: (await createSalon(db, { ...body, status }, actorId, now)).id, created: true };
  } catch (error) {
    if (error instanceof HttpError && error.fields) throw new HttpError(error.code, error.message, formErrorsOf(error.fields), error.headers);
    throw error;
  }
}
