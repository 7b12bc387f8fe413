// The fixture salons of the test build, read back as the domain sees them.
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
