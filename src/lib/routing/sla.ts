// A lead's first-touch SLA as people read it: no SLA, due (in 2 h), overdue,
// or met. Pure, from the two columns and `now`.
import { translator } from '../../i18n/catalogue';
import type { Locale } from '../../i18n/locales';

export type SlaState =
  | { kind: 'none' }
  | { kind: 'due'; dueAt: Date }
  | { kind: 'overdue'; dueAt: Date }
  | { kind: 'met'; dueAt: Date; metAt: Date };

export function slaStateOf(lead: { slaDueAt: Date | null; firstTouchAt: Date | null }, now: Date): SlaState {
  if (!lead.slaDueAt) return { kind: 'none' };
  if (lead.firstTouchAt) return { kind: 'met', dueAt: lead.slaDueAt, metAt: lead.firstTouchAt };
  return lead.slaDueAt.getTime() <= now.getTime() ? { kind: 'overdue', dueAt: lead.slaDueAt } : { kind: 'due', dueAt: lead.slaDueAt };
}

/** "Due in 2 h", "Due in 25 min", "Overdue", "SLA met", "" (no SLA): the desk's short words. */
export function slaShort(state: SlaState, now: Date, locale: Locale = 'en'): string {
  const t = translator(locale);
  switch (state.kind) {
    case 'none':
      return '';
    case 'met':
      return t('routing.sla.met');
    case 'overdue':
      return t('routing.sla.overdue');
    case 'due': {
      const minutes = Math.max(1, Math.ceil((state.dueAt.getTime() - now.getTime()) / 60_000));
      if (minutes < 60) return t('routing.sla.dueMinutes', { count: minutes });
      const hours = Math.floor(minutes / 60);
      return hours < 48 ? t('routing.sla.dueHours', { count: hours }) : t('routing.sla.dueDays', { count: Math.floor(hours / 24) });
    }
  }
}
