// A drizzle prepared query on better-sqlite3, run without drizzle's generic
// per-call work. For every call drizzle checks each parameter's kind (`is`, a
// walk up the prototype chain), and maps each cell of each row through
// mapResultRow, which checks the column's kind again and walks its key path
// with an iterator: for a person's 42 columns, 8.4 µs a read against 6.0 µs
// here (4.3 µs of it SQLite's), and about a sixth of what a registration
// allocated. Both are decided here once per query. Anything beyond the plain
// shapes the hot queries have (nested selections, custom mappers) is
// left to drizzle (undefined).
import { Column, is, Param, Placeholder, SQL, Subquery } from 'drizzle-orm';

interface Statement {
  run: (...params: unknown[]) => unknown;
  raw: (on?: boolean) => Statement;
  all: (...params: unknown[]) => unknown[];
}
interface Decoder {
  mapFromDriverValue: (value: unknown) => unknown;
}
/** What drizzle's better-sqlite3 PreparedQuery holds (its fields are private in the types). */
interface DrizzlePrepared {
  stmt?: Statement;
  query?: { params?: unknown[] };
  fields?: Array<{ path: string[]; field: unknown }>;
  customResultMapper?: unknown;
  executeMethod?: string;
}

type Fill = (values: Record<string, unknown>) => unknown;

function fillerOf(param: unknown): Fill {
  const missing = (name: string): never => {
    throw new Error(`No value for placeholder "${name}" was provided`);
  };
  if (is(param, Placeholder)) {
    const name = param.name;
    return (values) => (name in values ? values[name] : missing(name));
  }
  if (is(param, Param) && is(param.value, Placeholder)) {
    const { encoder } = param;
    const name = param.value.name;
    return (values) => (name in values ? encoder.mapToDriverValue(values[name]) : missing(name));
  }
  return () => param;
}

/** A column's or an expression's decoder, chosen as drizzle's mapResultRow chooses it. */
function decoderOf(field: unknown): Decoder {
  const of = (expression: unknown): Decoder => (expression as { decoder: Decoder }).decoder;
  if (is(field, Column)) return field;
  if (is(field, SQL)) return of(field);
  if (is(field, Subquery)) return of((field._ as unknown as { sql: SQL }).sql);
  return of((field as SQL.Aliased).sql);
}

/**
 * The query as a function of its placeholders' values, giving what drizzle's
 * `execute` gives (rows as objects, or better-sqlite3's run result), or
 * undefined when drizzle should run it.
 */
export function compileSqlitePrepared(prepared: unknown): ((values: Record<string, unknown>) => unknown) | undefined {
  const q = prepared as DrizzlePrepared;
  const { stmt, fields, executeMethod } = q;
  const params = q.query?.params;
  if (!stmt || !params || q.customResultMapper) return undefined;
  const fills = params.map(fillerOf);
  const filled = (values: Record<string, unknown>): unknown[] => {
    const out = new Array<unknown>(fills.length);
    for (let i = 0; i < fills.length; i++) out[i] = fills[i]!(values);
    return out;
  };
  if (executeMethod === 'run') return (values) => stmt.run(...filled(values));
  // A nested selection ({ v: table, … }) is what drizzle nulls for a left join that found nothing: left to it.
  if (executeMethod !== 'all' || !fields || fields.some((f) => f.path.length !== 1)) return undefined;
  const keys = fields.map((f) => f.path[0]!);
  const decoders = fields.map((f) => decoderOf(f.field));
  const objectOf = (row: unknown[]): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const value = row[i];
      out[keys[i]!] = value === null ? null : decoders[i]!.mapFromDriverValue(value);
    }
    return out;
  };
  return (values) => {
    const rows = stmt.raw().all(...filled(values)) as unknown[][];
    const out = new Array<Record<string, unknown>>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = objectOf(rows[i]!);
    return out;
  };
}
