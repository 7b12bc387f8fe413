// "Open the map" must open where the guest is: Amap in mainland China (Google
// is blocked there), OpenStreetMap elsewhere, or the salon's own link.
import { describe, expect, it } from 'vitest';
import { readSalons } from '../../src/lib/salons/salon-files';
import { venueMapUrl } from '../../src/lib/salons/venue-map';

const venue = { name: 'The Loft at Huaihai 88', address: '88 Huaihai Middle Road, Huangpu District' };

describe('venue map links', () => {
  it('sends a Shanghai or Shenzhen venue to Amap, searching its address in its city', () => {
    const url = new URL(venueMapUrl({ timezone: 'Asia/Shanghai', city: 'Shanghai', venue })!);
    expect(url.origin).toBe('https://uri.amap.com');
    expect(url.searchParams.get('keyword')).toBe('88 Huaihai Middle Road, Huangpu District The Loft at Huaihai 88');
    expect(url.searchParams.get('city')).toBe('Shanghai');
  });

  it('sends Singapore and Hong Kong venues to OpenStreetMap', () => {
    for (const [timezone, city] of [['Asia/Singapore', 'Singapore'], ['Asia/Hong_Kong', 'Hong Kong']] as const) {
      const url = new URL(venueMapUrl({ timezone, city, venue })!);
      expect(url.origin).toBe('https://www.openstreetmap.org');
      expect(url.searchParams.get('query')).toContain(city);
    }
  });

  it("keeps a salon's own map link, and gives none for an online salon", () => {
    expect(venueMapUrl({ timezone: 'Asia/Shanghai', city: 'Shanghai', venue: { ...venue, mapUrl: 'https://example.com/map' } })).toBe('https://example.com/map');
    expect(venueMapUrl({ timezone: 'Asia/Shanghai', city: 'Online' })).toBeUndefined();
  });

  it('gives every demo salon in the mainland an Amap link, and none a Google one', () => {
    for (const s of readSalons()) {
      if (!s.venue) continue;
      expect(s.venue.mapUrl).not.toMatch(/google\./);
      if (s.timezone === 'Asia/Shanghai') expect(s.venue.mapUrl).toMatch(/^https:\/\/uri\.amap\.com\//);
    }
  });
});
