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

const NEEDS_QUOTES = /[",\n\r]/;

/**
 * One record as toCsv writes it (the same bytes: each cell through safeCsvCell,
 * quotes where a cell holds a comma, quote or line break), without building
 * csv-stringify's per-cell state: for exports of a hundred thousand rows.
 */
export function csvLine(cells: readonly unknown[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    let s = safeCsvCell(cells[i]);
    if (NEEDS_QUOTES.test(s)) s = `"${s.replaceAll('"', '""')}"`;
    line += i === 0 ? s : `,${s}`;
  }
  return `${line}\n`;
}
