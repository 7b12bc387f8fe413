// Company size as people and other tools write it ("350", "200-999", "1000+",
// "500 employees", "100-499人", "") mapped to one of the bands. The raw answer
// is kept beside the band, so nothing a person wrote is lost.
import { companySizes } from '../../../db/tables';

export type CompanySize = (typeof companySizes)[number];

const bandFloors: Array<[number, CompanySize]> = [
  [5001, '5000+'],
  [1001, '1001-5000'],
  [201, '201-1000'],
  [51, '51-200'],
  [11, '11-50'],
  [1, '1-10'],
];

export function bandOf(employees: number): CompanySize {
  return bandFloors.find(([floor]) => employees >= floor)?.[1] ?? '1-10';
}

/** "1,200" → 1200, "2k" → 2000, "1.5万" → 15000. */
function toNumber(text: string, unit: string | undefined): number {
  const n = Number(text.replace(/[,，]/g, ''));
  if (!unit) return n;
  return /万/.test(unit) ? n * 10_000 : /[kK千]/.test(unit) ? n * 1_000 : n;
}

const NUMBER = String.raw`(\d[\d,，]*(?:\.\d+)?)\s*([kK千万])?`;
const range = new RegExp(`^${NUMBER}\\s*(?:-|–|—|~|～|to|至|到)\\s*${NUMBER}$`);
const single = new RegExp(`^${NUMBER}$`);

/**
 * The band for a size answer, `undefined` for an empty answer, or `null` when
 * it cannot be read. A range maps to the band of its geometric middle (bands
 * grow by a factor of ~4), "N+" / "more than N" to the band above N.
 */
export function parseCompanySize(raw: string): CompanySize | undefined | null {
  const exact = companySizes.find((band) => band === raw.trim());
  if (exact) return exact;
  const text = raw
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/(employees?|people|staff|persons?|heads?|名?员工|人员|人|名|左右|大约|约|ca\.?|about|around|approx\.?|~(?=\d))/g, '')
    .trim();
  if (text === '') return undefined;
  const more = /^(?:more than|over|above|>=?|超过|大于)\s*(.+)$|^(.+?)\s*(?:\+|or more|以上|及以上|plus)$/.exec(text);
  if (more) {
    const m = single.exec((more[1] ?? more[2] ?? '').trim());
    return m ? bandOf(toNumber(m[1]!, m[2]) + 1) : null;
  }
  const less = /^(?:less than|fewer than|under|below|<=?|少于|小于|不到)\s*(.+)$|^(.+?)\s*(?:以下|以内)$/.exec(text);
  if (less) {
    const m = single.exec((less[1] ?? less[2] ?? '').trim());
    return m ? bandOf(Math.max(1, toNumber(m[1]!, m[2]) - 1)) : null;
  }
  const r = range.exec(text);
  if (r) {
    const low = toNumber(r[1]!, r[2] ?? r[4]);
    const high = toNumber(r[3]!, r[4]);
    if (!(low > 0) || !(high >= low)) return null;
    return bandOf(Math.round(Math.sqrt(low * high)));
  }
  const s = single.exec(text);
  if (s) {
    const n = toNumber(s[1]!, s[2]);
    return n >= 1 && Number.isFinite(n) ? bandOf(n) : null;
  }
  return null;
}
