// Routing and the first-touch SLA as a versioned rule set (kind 'routing'):
// whether new leads are assigned round-robin, which grades, each grade's SLA
// in working hours and the working clock. Off by default: routing is optional,
// the SLA clocks run either way.
import { z } from 'astro/zod';
import type { Db, Tx } from '../platform/db';
import { ruleCache, type RuleVersion } from '../operations/rule-versions';
import type { RuleKind } from '../../../db/tables';
import { isValidWorkingHours, type WorkingHours } from './working-hours';

export const ROUTING: RuleKind = 'routing';
export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type LeadGrade = (typeof GRADES)[number];
/** Grades round-robin may assign. */
export const ROUTABLE_GRADES = ['A', 'B'] as const;
/** Zones the admin form offers (any IANA zone is valid in the body). */
export const TIMEZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'UTC'] as const;

export interface RoutingRules {
  enabled: boolean;
  grades: Array<(typeof ROUTABLE_GRADES)[number]>;
  /** Working hours to the first touch; null: no SLA for that grade. */
  slaHours: Record<LeadGrade, number | null>;
  workingHours: WorkingHours;
}

export const defaultRouting: RoutingRules = {
  enabled: false,
  grades: ['A', 'B'],
  slaHours: { A: 4, B: 24, C: null, D: null },
  workingHours: { timezone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' },
};

const SLA_ERROR = 'SLA hours are a whole number from 1 to 720, or empty for no SLA.';
const slaHours = z.preprocess(
  (v) => (v === '' || v === undefined ? null : typeof v === 'string' && /^\s*-?\d{1,6}\s*$/.test(v) ? Number(v) : v),
  z.number({ error: SLA_ERROR }).int({ error: SLA_ERROR }).min(1, { error: SLA_ERROR }).max(720, { error: SLA_ERROR }).nullable(),
);
const clock = z.string({ error: 'A time such as 09:00.' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'A time such as 09:00.' });

export const routingRulesSchema = z
  .strictObject(
    {
      enabled: z.boolean({ error: 'Routing is on or off.' }),
      grades: z.array(z.enum(ROUTABLE_GRADES, { error: 'Only A and B leads can be routed.' }), { error: 'Only A and B leads can be routed.' }).max(2).transform((g) => ROUTABLE_GRADES.filter((x) => g.includes(x))),
      slaHours: z.strictObject({ A: slaHours, B: slaHours, C: slaHours, D: slaHours }, { error: 'Unknown field.' }),
      workingHours: z
        .strictObject(
          {
            timezone: z.string({ error: 'Choose a time zone.' }).refine((zone) => isValidWorkingHours({ timezone: zone, days: [1], start: '09:00', end: '18:00' }), { error: 'Choose a time zone.' }),
            days: z.array(z.number().int().min(1).max(7), { error: 'Choose at least one working day.' }).min(1, { error: 'Choose at least one working day.' }).transform((d) => [...new Set(d)].sort()),
            start: clock,
            end: clock,
          },
          { error: 'Unknown field.' },
        )
        .superRefine((w, ctx) => {
          if (w.start >= w.end) ctx.addIssue({ code: 'custom', path: ['end'], message: 'The working day ends after it starts.' });
        }),
    },
    { error: 'Unknown field.' },
  )
  .superRefine((r, ctx) => {
    if (r.enabled && r.grades.length === 0) ctx.addIssue({ code: 'custom', path: ['grades'], message: 'Choose the grades to route, or turn routing off.' });
  }) as unknown as z.ZodType<RoutingRules>;

/** A routing form's fields as a body: checkboxes (enabled, grade.A, day.1…), SLA hours, the clock. */
export function rulesFromForm(fields: Record<string, string>): unknown {
  const on = (name: string): boolean => fields[name] === 'on' || fields[name] === 'true' || fields[name] === '1';
  return {
    enabled: on('enabled'),
    grades: ROUTABLE_GRADES.filter((g) => on(`grade.${g}`)),
    slaHours: Object.fromEntries(GRADES.map((g) => [g, (fields[`slaHours.${g}`] ?? '').trim()])),
    workingHours: {
      timezone: fields['workingHours.timezone'] ?? '',
      days: [1, 2, 3, 4, 5, 6, 7].filter((d) => on(`day.${d}`)),
      start: (fields['workingHours.start'] ?? '').trim(),
      end: (fields['workingHours.end'] ?? '').trim(),
    },
  };
}

/** The form's values for a rule set: what a GET shows. */
export function formOfRules(r: RoutingRules): Record<string, string> {
  const out: Record<string, string> = { 'workingHours.timezone': r.workingHours.timezone, 'workingHours.start': r.workingHours.start, 'workingHours.end': r.workingHours.end };
  if (r.enabled) out.enabled = 'on';
  for (const g of r.grades) out[`grade.${g}`] = 'on';
  for (const g of GRADES) out[`slaHours.${g}`] = r.slaHours[g] === null ? '' : String(r.slaHours[g]);
  for (const d of r.workingHours.days) out[`day.${d}`] = 'on';
  return out;
}

const cache = ruleCache(
  ROUTING,
  (body) => {
    const parsed = routingRulesSchema.safeParse(body);
    return parsed.success ? parsed.data : defaultRouting;
  },
  () => defaultRouting,
);

/** The active rules, as this process last checked (a few seconds at most). */
export async function routingRules(db: Db | Tx): Promise<RoutingRules> {
  return cache.current(db);
}

/** The active rules and their version, checked now. */
export async function loadRoutingRules(db: Db | Tx): Promise<{ rules: RoutingRules; version: number }> {
  const { value, version } = await cache.load(db);
  return { rules: value, version };
}

export function installRoutingRules(row: RuleVersion, rules: RoutingRules): void {
  cache.set(row, rules);
}
