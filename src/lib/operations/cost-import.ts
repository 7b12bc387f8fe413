// Importing campaign costs from a CSV (the export of an ad platform or a
// finance sheet): a preview says what each row would do — new, replaces an
// existing month's amount, or an error with the row's message — and writes
// nothing; confirming imports every valid row in one transaction.
import { and, eq, inArray } from 'drizzle-orm';
import { campaignCosts, partners } from '../../../db/tables';
import { writeTransaction, type Db } from '../platform/db';
import { HttpError } from '../platform/http';
import { recordChange } from './audit';
import { costFormAction, costSchema, writeCost, type CostInput } from './costs';

/** At most this many rows a file (a year of daily rows for a few channels; the form's 64 KB body is the other bound). */
export const MAX_IMPORT_ROWS = 2000;
export const IMPORT_COLUMNS = ['month', 'source', 'medium', 'campaign', 'partner', 'amount', 'currency'] as const;

/**
 * RFC 4180 CSV: comma-separated, fields optionally in double quotes ("" is a
 * quote inside), CRLF or LF line ends, a byte-order mark ignored. Small enough
 * to own rather than add a parser dependency for seven columns.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += ch;
  }
  if (quoted) throw new HttpError('invalid', 'The CSV has a quote that is never closed.', { csv: 'The CSV has a quote that is never closed.' });
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

export type PreviewStatus = 'new' | 'replaces' | 'error';

export interface PreviewRow {
  /** The line in the file, the header being line 1. */
  line: number;
  status: PreviewStatus;
  /** What the row says, as typed (for the table). */
  cells: Record<(typeof IMPORT_COLUMNS)[number], string>;
  /** The row's problem (an English sentence, translated on the page). */
  message?: string;
  input?: CostInput & { partnerId: number | null };
  /** The amount it replaces. */
  previous?: number;
}

export interface ImportPreview {
  rows: PreviewRow[];
  counts: Record<PreviewStatus, number>;
}

const NEED_HEADER = 'The first line must be the header: month,source,medium,campaign,partner,amount,currency.';

/** What importing `csv` would do; writes nothing. A file-level problem (no header, too many rows) → HttpError. */
export async function previewCostImport(db: Db, csv: string): Promise<ImportPreview> {
  const table = parseCsv(csv);
  const header = (table[0] ?? []).map((h) => h.trim().toLowerCase());
  if (!table.length) throw new HttpError('invalid', 'Paste a CSV or choose a file.', { csv: 'Paste a CSV or choose a file.' });
  if (!['month', 'source', 'amount'].every((c) => header.includes(c)) || header.some((h) => !(IMPORT_COLUMNS as readonly string[]).includes(h))) throw new HttpError('invalid', NEED_HEADER, { csv: NEED_HEADER });
  if (table.length - 1 > MAX_IMPORT_ROWS) throw new HttpError('invalid', 'A file can have at most 2,000 rows: split it and import each part.', { csv: 'A file can have at most 2,000 rows: split it and import each part.' });
  const codes = new Map((await db.select({ id: partners.id, code: partners.code }).from(partners)).map((p) => [p.code, p.id]));
  const seen = new Map<string, number>();
  const rows: PreviewRow[] = table.slice(1).map((values, k) => {
    const line = k + 2;
    const cells = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, header.includes(c) ? (values[header.indexOf(c)] ?? '').trim() : ''])) as PreviewRow['cells'];
    if (values.length !== header.length) return { line, status: 'error', cells, message: 'This row does not have the same number of columns as the header.' };
    const parsed = costSchema.safeParse({ ...cells, currency: cells.currency || 'CNY' });
    if (!parsed.success) return { line, status: 'error', cells, message: parsed.error.issues[0]!.message };
    const input = parsed.data;
    const partnerId = input.partner ? (codes.get(input.partner) ?? undefined) : null;
    if (partnerId === undefined) return { line, status: 'error', cells, message: 'There is no partner with that code.' };
    const key = `${input.month}|${input.source}|${input.medium}|${input.campaign}`;
    if (seen.has(key)) return { line, status: 'error', cells, message: 'Another row of this file has the same month, source, medium and campaign.' };
    seen.set(key, line);
    return { line, status: 'new', cells, input: { ...input, partnerId } };
  });
  // Which valid rows replace an amount already booked.
  const months = [...new Set(rows.flatMap((r) => (r.input ? [r.input.month] : [])))];
  const existing = months.length ? await db.select().from(campaignCosts).where(inArray(campaignCosts.month, months)) : [];
  const booked = new Map(existing.map((c) => [`${c.month}|${c.source}|${c.medium}|${c.campaign}`, c.amountCny]));
  for (const r of rows) {
    const previous = r.input && booked.get(`${r.input.month}|${r.input.source}|${r.input.medium}|${r.input.campaign}`);
    if (previous !== undefined) (r.status = 'replaces'), (r.previous = previous);
  }
  const counts = { new: 0, replaces: 0, error: 0 };
  for (const r of rows) counts[r.status]++;
  return { rows, counts };
}

/** Imports every valid row of `csv` in one transaction (rows with errors are left out), with one audit row. */
export async function importCosts(db: Db, csv: string, actorId: number, now: Date = new Date()): Promise<{ added: number; updated: number; skipped: number }> {
  const preview = await previewCostImport(db, csv);
  const valid = preview.rows.filter((r) => r.input);
  if (!valid.length) throw new HttpError('invalid', 'No row of this file can be imported: correct the rows with errors and preview again.', { csv: 'No row of this file can be imported: correct the rows with errors and preview again.' });
  return writeTransaction(db, async (tx) => {
    let added = 0;
    let updated = 0;
    for (const r of valid) {
      // A partner removed since the preview: check again inside the transaction.
      if (r.input!.partnerId !== null && !(await tx.select({ id: partners.id }).from(partners).where(and(eq(partners.id, r.input!.partnerId))))[0]) continue;
      const { kind } = await writeCost(tx, r.input!, now);
      if (kind === 'added') added++;
      else updated++;
    }
    const skipped = preview.rows.length - added - updated;
    await recordChange(tx, { actorId, entity: 'cost', entityId: 'import', action: 'import', summary: `Imported ${added + updated} cost rows from CSV: ${added} added, ${updated} updated, ${skipped} skipped.`, changes: { added: { before: null, after: added }, updated: { before: null, after: updated }, skipped: { before: null, after: skipped } } }, now);
    return { added, updated, skipped };
  });
}

export type CostsPageResult =
  | { kind: 'added' | 'updated'; month: string; channel: string; amount: number }
  | { kind: 'preview'; preview: ImportPreview; csv: string }
  | { kind: 'imported'; added: number; updated: number; skipped: number };

/** The costs page's three forms: one cost, a CSV preview (writes nothing), and the confirmed import. */
export async function costsPageAction(db: Db, form: Record<string, string>, actorId: number): Promise<CostsPageResult> {
  if (form.action === 'preview' || form.action === 'import') {
    const csv = form.csv ?? '';
    if (!csv.trim()) throw new HttpError('invalid', 'Paste a CSV or choose a file.', { csv: 'Paste a CSV or choose a file.' });
    if (form.action === 'preview') return { kind: 'preview', preview: await previewCostImport(db, csv), csv };
    return { kind: 'imported', ...(await importCosts(db, csv, actorId)) };
  }
  const { kind, cost } = await costFormAction(db, form, actorId);
  return { kind, month: cost.month, channel: [cost.source, cost.medium, cost.campaign].filter(Boolean).join(' / '), amount: cost.amountCny };
}
