// CSV through csv-stringify, with spreadsheet formula injection neutralised:
// a cell starting with = + - @ (or a tab or carriage return) gets a leading '.
import { stringify } from 'csv-stringify/sync';

export function safeCsvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = value instanceof Date ? value.toISOString() : String(value);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return stringify([header, ...rows.map((r) => r.map(safeCsvCell))]);
}
