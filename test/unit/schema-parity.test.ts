// db/schema.ts (SQLite) and db/pg/schema.ts (PostgreSQL) describe one data
// model: the same tables under the same export names, the same columns (TS
// and SQL names, types, nullability, keys, defaults), indexes, CHECKs and
// foreign keys. Adding a column, index or constraint to one and not the other
// fails here, so the two engines cannot drift apart unnoticed.
import { getTableColumns, getTableName, is, type InferInsertModel, type Table, type InferSelectModel, type SQL } from 'drizzle-orm';
import { PgDialect, PgTable, getTableConfig as pgTableConfig } from 'drizzle-orm/pg-core';
import { SQLiteSyncDialect, SQLiteTable, getTableConfig as sqliteTableConfig } from 'drizzle-orm/sqlite-core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as pgSchema from '../../db/pg/schema';
import * as sqliteSchema from '../../db/schema';

/** Which PostgreSQL column classes stand for each SQLite one (see the header of db/pg/schema.ts). */
const columnTypeMap: Record<string, string[]> = {
  SQLiteInteger: ['PgInteger', 'PgBigInt53'],
  SQLiteText: ['PgText'],
  SQLiteTextJson: ['PgJsonb'],
  SQLiteTimestamp: ['PgTimestamp'],
  SQLiteBoolean: ['PgBoolean'],
  SQLiteReal: ['PgDoublePrecision'],
};

/** SQL defaults that are written differently but mean the same. */
const sqlDefaultMap: Record<string, string> = {
  "(unixepoch('subsec') * 1000)": 'now()',
};

const sqliteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();

/** An SQL fragment as text, with either dialect's placeholders written the same way. */
function render(dialect: SQLiteSyncDialect | PgDialect, value: SQL | undefined): string | null {
  if (!value) return null;
  const { sql, params } = dialect.sqlToQuery(value);
  return `${sql.replace(/\$\d+/g, '?')} ${JSON.stringify(params)}`;
}

function defaultOf(dialect: SQLiteSyncDialect | PgDialect, column: { hasDefault: boolean; default: unknown }): string {
  if (!column.hasDefault) return 'none';
  if (column.default === undefined) return 'generated'; // autoincrement / identity
  if (column.default && typeof column.default === 'object' && 'queryChunks' in column.default) {
    const text = dialect.sqlToQuery(column.default as SQL).sql;
    return `sql:${dialect === sqliteDialect ? (sqlDefaultMap[text] ?? `untranslated ${text}`) : text}`;
  }
  return `value:${JSON.stringify(column.default)}`;
}

function tablesOf<T>(schema: Record<string, unknown>, kind: abstract new (...args: never[]) => T): Map<string, T> {
  const tables = new Map<string, T>();
  for (const [name, value] of Object.entries(schema)) {
    if (is(value, kind as never)) tables.set(name, value as T);
  }
  return tables;
}

type TableConfig = ReturnType<typeof sqliteTableConfig> | ReturnType<typeof pgTableConfig>;

/** A dialect-neutral description of a table: what both engines must agree on. */
function describeTable(table: Table, config: TableConfig, dialect: SQLiteSyncDialect | PgDialect) {
  const keys = new Map(Object.entries(getTableColumns(table)));
  return {
    name: config.name,
    columns: Object.fromEntries(
      config.columns.map((c) => [
        c.name,
        {
          property: [...keys].find(([, col]) => col === c)?.[0],
          dataType: c.dataType,
          columnType: c.columnType,
          notNull: c.notNull,
          primary: c.primary,
          unique: c.isUnique ? c.uniqueName : null,
          enumValues: c.enumValues ?? null,
          default: defaultOf(dialect, c),
        },
      ]),
    ),
    primaryKeys: config.primaryKeys.map((pk) => ({ name: pk.getName(), columns: pk.columns.map((c) => c.name) })),
    uniqueConstraints: config.uniqueConstraints.map((u) => ({ name: u.getName(), columns: u.columns.map((c) => c.name) })),
    indexes: Object.fromEntries(
      config.indexes.map((i) => [
        i.config.name,
        {
          unique: i.config.unique,
          columns: i.config.columns.map((c) => ('name' in c && typeof c.name === 'string' ? c.name : render(dialect, c as SQL))),
          where: render(dialect, i.config.where),
        },
      ]),
    ),
    checks: Object.fromEntries(config.checks.map((c) => [c.name, render(dialect, c.value)])),
    foreignKeys: Object.fromEntries(
      config.foreignKeys.map((fk) => {
        const ref = fk.reference();
        return [
          fk.getName(),
          {
            columns: ref.columns.map((c) => c.name),
            foreignTable: getTableName(ref.foreignTable),
            foreignColumns: ref.foreignColumns.map((c) => c.name),
            onDelete: fk.onDelete ?? 'no action',
            onUpdate: fk.onUpdate ?? 'no action',
          },
        ];
      }),
    ),
  };
}

const describeSqlite = (table: SQLiteTable) => describeTable(table, sqliteTableConfig(table), sqliteDialect);
const describePg = (table: PgTable) => describeTable(table, pgTableConfig(table), pgDialect);

const sqliteTables = tablesOf(sqliteSchema, SQLiteTable);
const pgTables = tablesOf(pgSchema, PgTable);

describe('the SQLite and PostgreSQL schemas', () => {
  it('export the same tables under the same names', () => {
    expect(sqliteTables.size).toBeGreaterThan(20);
    expect([...pgTables.keys()].sort()).toEqual([...sqliteTables.keys()].sort());
  });

  it('re-export the same constants rather than copies of them', () => {
    for (const [name, value] of Object.entries(sqliteSchema)) {
      if (is(value, SQLiteTable)) continue;
      expect(pgSchema, name).toHaveProperty(name);
      expect((pgSchema as Record<string, unknown>)[name], name).toBe(value);
    }
  });

  describe.each([...sqliteTables.keys()])('%s', (exportName) => {
    const lite = describeSqlite(sqliteTables.get(exportName)!);
    const pgTable = pgTables.get(exportName);
    const pg = pgTable && describePg(pgTable);

    it('has the same SQL name and the same columns', () => {
      expect(pg, `db/pg/schema.ts has no table ${exportName}`).toBeDefined();
      expect(pg!.name).toBe(lite.name);
      expect(Object.keys(pg!.columns).sort(), 'column SQL names').toEqual(Object.keys(lite.columns).sort());
    });

    it('gives each column the same property name, nullability, key, uniqueness, enum and default', () => {
      for (const [name, col] of Object.entries(lite.columns)) {
        const other = pg?.columns[name];
        expect(other, `${lite.name}.${name} is missing in PostgreSQL`).toBeDefined();
        const { columnType, ...rest } = col;
        const { columnType: pgColumnType, ...pgRest } = other!;
        expect(pgRest, `${lite.name}.${name}`).toEqual(rest);
        expect(columnTypeMap[columnType] ?? [], `${lite.name}.${name}: ${columnType} -> ${pgColumnType}`).toContain(pgColumnType);
      }
    });

    it('has the same primary keys, unique constraints, indexes, CHECKs and foreign keys', () => {
      expect(pg?.primaryKeys).toEqual(lite.primaryKeys);
      expect(pg?.uniqueConstraints).toEqual(lite.uniqueConstraints);
      expect(pg?.indexes).toEqual(lite.indexes);
      expect(pg?.checks).toEqual(lite.checks);
      expect(pg?.foreignKeys).toEqual(lite.foreignKeys);
    });
  });

  it('store timestamps to the millisecond, with the time zone', () => {
    for (const table of pgTables.values()) {
      for (const c of pgTableConfig(table).columns) {
        if (c.columnType !== 'PgTimestamp') continue;
        expect(c, `${pgTableConfig(table).name}.${c.name}`).toMatchObject({ withTimezone: true, precision: 3 });
      }
    }
  });
});

// Rows read and written through either schema have the same TypeScript types
// (checked by `astro check`, not at run time).
type Tables<S> = { [K in keyof S as S[K] extends Table ? K : never]: S[K] };
type Selects<S> = { [K in keyof Tables<S>]: Tables<S>[K] extends Table ? InferSelectModel<Tables<S>[K]> : never };
type Inserts<S> = { [K in keyof Tables<S>]: Tables<S>[K] extends Table ? InferInsertModel<Tables<S>[K]> : never };
expectTypeOf<Selects<typeof pgSchema>>().toEqualTypeOf<Selects<typeof sqliteSchema>>();
expectTypeOf<Inserts<typeof pgSchema>>().toEqualTypeOf<Inserts<typeof sqliteSchema>>();
