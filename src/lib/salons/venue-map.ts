// Where "Open the map" goes: Amap (高德) for a venue in mainland China, where
// Google Maps is blocked and OpenStreetMap is slow and thin; OpenStreetMap
// elsewhere. A salon may still name its own map link in its front matter.

/** Mainland China keeps Asia/Shanghai (or Urumqi); Hong Kong, Macau and Taipei have zones of their own. */
const MAINLAND_ZONES = new Set(['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Chongqing', 'Asia/Harbin']);

export interface MappableVenue {
  timezone: string;
  city: string;
  venue?: { name: string; address: string; mapUrl?: string | undefined } | undefined;
}

export function isMainlandChina(timezone: string): boolean {
  return MAINLAND_ZONES.has(timezone);
}

/** The map link for a salon's venue, or undefined for an online salon. */
export function venueMapUrl(salon: MappableVenue): string | undefined {
  const venue = salon.venue;
  if (!venue) return undefined;
  if (venue.mapUrl) return venue.mapUrl;
  const query = `${venue.name}, ${venue.address}, ${salon.city}`;
  if (isMainlandChina(salon.timezone)) {
    // Amap's URI API: a search page on the web, the app when it is installed.
    const url = new URL('https://uri.amap.com/search');
    url.searchParams.set('keyword', `${venue.address} ${venue.name}`);
    url.searchParams.set('city', salon.city);
    url.searchParams.set('view', 'map');
    url.searchParams.set('src', 'flywheel');
    url.searchParams.set('callnative', '1');
    return url.href;
  }
  const url = new URL('https://www.openstreetmap.org/search');
  url.searchParams.set('query', query);
  return url.href;
}
