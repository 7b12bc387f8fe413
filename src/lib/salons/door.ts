// The door: check a guest in by ticket code (typed, scanned by a handheld
// scanner or by the phone's camera) or by the row the name search found, and
// say what happened in words door staff can act on, in the salon's time zone.
import { z } from 'astro/zod';
import type { Db } from '../platform/db';
import { formatTimeInZone } from '../platform/dates';
import { parseWith } from '../platform/http';
import { checkIn, type CheckInResult } from './registrations';
import type { SalonInfo } from './salon';
import { ticketSchema } from '../../web/salon-requests';
import { translator, type MessageKey } from '../../i18n/catalogue';
import type { Locale } from '../../i18n/locales';
import type { RegistrationStatus } from '../../../db/tables';

const byRow = z.object({ registrationId: z.coerce.number({ error: 'Choose a guest from the list.' }).int().positive({ error: 'Choose a guest from the list.' }) });

/** A form post from the check-in page: `registrationId` from the search results, else `ticketCode`. */
export async function doorCheckIn(db: Db, salon: SalonInfo, body: Record<string, unknown>, staffId: number, now: Date = new Date()): Promise<CheckInResult> {
  if (body.registrationId !== undefined && body.registrationId !== '') {
    return checkIn(db, salon, { id: parseWith(byRow, body).registrationId }, staffId, now);
  }
  return checkIn(db, salon, parseWith(ticketSchema, body).ticketCode, staffId, now);
}

export interface DoorAnswer {
  ok: boolean;
  /** 200 checked in, 409 already in or not a confirmed seat, 404 no such ticket. */
  status: number;
  headline: string;
  detail: string;
}

/** Why a registration that is not a confirmed seat cannot come in. */
const doorStatusKeys: Partial<Record<RegistrationStatus, MessageKey>> = { waitlisted: 'door.waitlisted', pending: 'door.pending', offered: 'door.offered', declined: 'door.declined' };

/** What the result panel says, in the door person's language: green "Welcome, Ada" or red with the reason. */
export function doorAnswer(salon: Pick<SalonInfo, 'timezone'>, result: CheckInResult, locale: Locale = 'en'): DoorAnswer {
  const t = translator(locale);
  if (result.outcome === 'not_found') return { ok: false, status: 404, headline: t('door.notFound'), detail: t('door.notFoundDetail') };
  const r = result.registration;
  const who = r.name ?? r.email;
  const work = [r.jobTitle, r.company].filter(Boolean).join(locale === 'zh' ? '，' : ', ');
  if (result.outcome === 'checked_in') {
    const coupon = result.couponCode ? t('door.coupon', { code: result.couponCode }) : '';
    return { ok: true, status: 200, headline: t('door.checkedIn', { who }), detail: `${work ? t('door.work', { work }) : ''}${t('door.inAt', { time: formatTimeInZone(r.checkedInAt!, salon.timezone) })}${coupon}` };
  }
  if (result.outcome === 'already') {
    return { ok: false, status: 409, headline: t('door.already', { time: formatTimeInZone(r.checkedInAt!, salon.timezone) }), detail: t('door.alreadyDetail', { who, work: work ? t('door.workParen', { work }) : '' }) };
  }
  return { ok: false, status: 409, headline: t('door.notConfirmed', { who }), detail: t(doorStatusKeys[r.status] ?? 'door.cancelled') };
}
