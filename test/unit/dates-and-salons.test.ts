import { describe, expect, it } from 'vitest';
import { dateParts, formatEventWhen } from '../../src/lib/platform/dates';
import { seriesOf, splitByTime } from '../../src/lib/salons/schedule';
import { registrationPhase } from '../../src/lib/salons/registrations';

describe('dates in the event zone', () => {
  it('shows a Shanghai evening in Shanghai time whatever the server zone', () => {
    const start = new Date('2026-12-10T18:30:00+08:00');
    const end = new Date('2026-12-10T21:00:00+08:00');
    expect(formatEventWhen(start, end, 'Asia/Shanghai')).toBe('Thursday, 10 December 2026, 18:30–21:00 GMT+8');
  });
  it('puts a late-evening UTC instant on the next calendar day in Singapore', () => {
    expect(dateParts(new Date('2027-01-13T20:00:00Z'), 'Asia/Singapore')).toEqual({ day: '14', month: 'Jan', year: '2027' });
  });
});

describe('salon timing', () => {
  const salon = (id: string, start: string, series?: string) => ({
    id,
    data: { start: new Date(start), end: new Date(new Date(start).getTime() + 3 * 3600_000), series },
  });
  const now = new Date('2026-11-22T00:00:00Z');

  it('splits upcoming (soonest first) from past (latest first)', () => {
    const all = [salon('b', '2027-03-18T10:00:00Z'), salon('p1', '2026-09-17T10:00:00Z'), salon('a', '2026-12-10T10:00:00Z'), salon('p2', '2026-10-22T10:00:00Z')];
    const { upcoming, past } = splitByTime(all, now);
    expect(upcoming.map((e) => e.id)).toEqual(['a', 'b']);
    expect(past.map((e) => e.id)).toEqual(['p2', 'p1']);
  });

  it('orders a series by date and finds the current part', () => {
    const all = [salon('three', '2027-03-18T10:00:00Z', 'S'), salon('one', '2026-09-17T10:00:00Z', 'S'), salon('solo', '2026-10-01T10:00:00Z'), salon('two', '2026-12-10T10:00:00Z', 'S')];
    const s = seriesOf(all[3]!, all);
    expect(s?.items.map((e) => e.id)).toEqual(['one', 'two', 'three']);
    expect(s?.index).toBe(1);
    expect(seriesOf(all[2]!, all)).toBeNull();
  });

  it('closes registration at the deadline and ends after the salon', () => {
    const e = { registrationDeadline: new Date('2026-12-09T10:00:00Z'), start: new Date('2026-12-10T10:30:00Z'), end: new Date('2026-12-10T13:00:00Z') };
    expect(registrationPhase(e, new Date('2026-12-09T09:59:59Z'))).toBe('open');
    expect(registrationPhase(e, new Date('2026-12-09T10:00:00Z'))).toBe('closed');
    expect(registrationPhase(e, new Date('2026-12-10T13:00:00Z'))).toBe('ended');
  });
});
