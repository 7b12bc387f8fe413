// Salons for tests: the fixture salons of the test build, read back as the
// domain sees them (fixtureSalon), and a salon in memory for unit tests that
// need no build (salonFixture).
import { readSalons } from '../../src/lib/salons/salon-files';
import type { SalonInfo } from '../../src/lib/salons/salon';
import { FIXTURE_EVENTS_DIR, fixtureIds } from '../fixtures/salons';

export { fixtureIds };

export function fixtureSalon(key: keyof typeof fixtureIds): SalonInfo {
  const id = fixtureIds[key];
  const salon = readSalons(FIXTURE_EVENTS_DIR).find((s) => s.id === id);
  if (!salon) throw new Error(`fixture salon ${id} is missing: run "npm run build:test" first`);
  return salon;
}

/**
 * A salon in memory at fixed instants, never relative to today: in Shanghai on
 * 10 December 2026, 18:30 to 21:00, registration open until the day before at
 * 18:00. Unit tests drive the clock with their own `now` (2026-11-22 in most),
 * weeks before the deadline, so they pass on any day. A test passes what it
 * depends on; an overridden start moves the end and the deadline with it.
 */
export function salonFixture(overrides: Partial<SalonInfo> = {}): SalonInfo {
  const start = overrides.start ?? new Date('2026-12-10T18:30:00+08:00');
  return {
    id: 'unit-salon',
    title: 'Scoring that sales trusts',
    summary: 'A roundtable on lead scores that account executives actually use.',
    start,
    end: new Date(start.getTime() + 150 * 60_000),
    timezone: 'Asia/Shanghai',
    registrationDeadline: new Date(start.getTime() - 24.5 * 3_600_000),
    capacity: 10,
    format: 'in-person',
    city: 'Shanghai',
    venue: { name: 'The Loft', address: '88 Huaihai Middle Road', mapUrl: 'https://www.openstreetmap.org/' },
    coupon: { prefix: 'SALONDEC', description: '20% off', percentOff: 20, validDays: 60 },
    questions: [],
    approval: false,
    offerHours: 24,
    textLocale: 'en',
    ...overrides,
  };
}
