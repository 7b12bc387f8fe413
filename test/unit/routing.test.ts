// Routing's pure parts: the working clock an SLA runs on, smooth weighted
// round-robin, who is in rotation, and the SLA state the desk shows.
import { describe, expect, it } from 'vitest';
import { addWorkingHours, type WorkingHours } from '../../src/lib/routing/working-hours';
import { pickNext, type RotationRow } from '../../src/lib/routing/round-robin';
import { routingRulesSchema, rulesFromForm, formOfRules, defaultRouting } from '../../src/lib/routing/routing-rules';
import { slaShort, slaStateOf } from '../../src/lib/routing/sla';

const shanghai: WorkingHours = { timezone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };
/** An instant given as Shanghai wall time (UTC+8, no daylight saving). */
const sh = (local: string) => new Date(`${local}+08:00`);

describe('addWorkingHours', () => {
  it('adds inside one working day', () => {
    expect(addWorkingHours(sh('2026-11-23T10:00:00'), 4, shanghai)).toEqual(sh('2026-11-23T14:00:00')); // a Monday
  });
  it('carries over the weekend: Friday 17:00 + 4 h is Monday 12:00', () => {
    expect(addWorkingHours(sh('2026-11-27T17:00:00'), 4, shanghai)).toEqual(sh('2026-11-30T12:00:00'));
  });
  it('starts at 09:00 when given a time before the day opens', () => {
    expect(addWorkingHours(sh('2026-11-24T06:30:00'), 4, shanghai)).toEqual(sh('2026-11-24T13:00:00'));
  });
  it('starts on Monday when given a weekend time, and after closing the next morning', () => {
    expect(addWorkingHours(sh('2026-11-28T11:00:00'), 4, shanghai)).toEqual(sh('2026-11-30T13:00:00'));
    expect(addWorkingHours(sh('2026-11-24T19:00:00'), 2, shanghai)).toEqual(sh('2026-11-25T11:00:00'));
  });
  it('runs over several days: 24 working hours from Monday 10:00 is Wednesday 16:00', () => {
    // Mon 10–18 (8 h), Tue 9 h (17), Wed 7 h more → Wed 16:00.
    expect(addWorkingHours(sh('2026-11-23T10:00:00'), 24, shanghai)).toEqual(sh('2026-11-25T16:00:00'));
  });
  it('counts real hours in a zone with daylight saving (New York, across the November change)', () => {
    const ny: WorkingHours = { timezone: 'America/New_York', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
    // Friday 30 Oct 2026 16:00 EDT (UTC-4) + 4 h: 1 h on Friday, 3 h on Monday 2 Nov (EST, UTC-5) → 12:00 EST.
    expect(addWorkingHours(new Date('2026-10-30T16:00:00-04:00'), 4, ny)).toEqual(new Date('2026-11-02T12:00:00-05:00'));
  });
  it('honours a weekend working day when configured', () => {
    expect(addWorkingHours(sh('2026-11-28T11:00:00'), 4, { ...shanghai, days: [1, 2, 3, 4, 5, 6] })).toEqual(sh('2026-11-28T15:00:00'));
  });
});

const row = (personId: number, weight: number, extra: Partial<RotationRow> = {}): RotationRow => ({ personId, role: 'sales', available: true, weight, awayUntil: null, credit: 0, ...extra });

function run(rows: RotationRow[], picks: number, now = new Date('2026-11-23T02:00:00Z')): number[] {
  const state = rows.map((r) => ({ ...r }));
  const out: number[] = [];
  for (let i = 0; i < picks; i++) {
    const p = pickNext(state, now)!;
    out.push(p.personId);
    for (const r of state) if (p.credits.has(r.personId)) r.credit = p.credits.get(r.personId)!;
  }
  return out;
}

describe('smooth weighted round-robin', () => {
  it('picks 2:1:0 exactly over 30 picks, spread out', () => {
    const picks = run([row(1, 2), row(2, 1), row(3, 0)], 30);
    expect(picks.filter((p) => p === 1)).toHaveLength(20);
    expect(picks.filter((p) => p === 2)).toHaveLength(10);
    expect(picks).not.toContain(3);
    expect(picks.slice(0, 3)).toEqual([1, 2, 1]); // nginx's sequence, not 1,1,2
  });
  it('skips people away, unavailable or no longer staff; away in the past counts as back', () => {
    const now = new Date('2026-11-23T02:00:00Z');
    const rows = [row(1, 1, { awayUntil: new Date('2026-11-30T00:00:00Z') }), row(2, 1, { available: false }), row(3, 1, { role: 'member' }), row(4, 1), row(5, 1, { awayUntil: new Date('2026-11-20T00:00:00Z') })];
    expect(new Set(run(rows, 10, now))).toEqual(new Set([4, 5]));
    expect(pickNext([row(1, 1, { available: false })], now)).toBeNull();
  });
});

describe('routing rules', () => {
  it('reads the form, with empty SLA hours as no SLA', () => {
    const body = routingRulesSchema.parse(rulesFromForm(formOfRules(defaultRouting)));
    expect(body).toEqual(defaultRouting);
  });
  it('refuses -1 hours, no working day, an end before the start', () => {
    const bad = routingRulesSchema.safeParse(rulesFromForm({ ...formOfRules(defaultRouting), 'slaHours.A': '-1', 'day.1': '', 'day.2': '', 'day.3': '', 'day.4': '', 'day.5': '', 'workingHours.end': '08:00' }));
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['slaHours.A', 'workingHours.days', 'workingHours.end']));
  });
});

describe('SLA state', () => {
  const now = new Date('2026-11-23T04:00:00Z');
  it('is due, overdue, met or none', () => {
    expect(slaShort(slaStateOf({ slaDueAt: new Date(now.getTime() + 2 * 3_600_000), firstTouchAt: null }, now), now)).toBe('Due in 2 h');
    expect(slaShort(slaStateOf({ slaDueAt: new Date(now.getTime() - 1), firstTouchAt: null }, now), now, 'zh')).toBe('已超时');
    expect(slaStateOf({ slaDueAt: now, firstTouchAt: now }, now).kind).toBe('met');
    expect(slaStateOf({ slaDueAt: null, firstTouchAt: null }, now).kind).toBe('none');
  });
});
