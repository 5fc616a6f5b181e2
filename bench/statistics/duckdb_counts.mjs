// bench/statistics/duckdb_counts.mjs DB SPEC.json OUT_DIR: what DuckDB read,
// for bench/statistics/check.py to compare with what sendlens stored. Run
// after the timing, never timed. Writes to OUT_DIR:
//   columns.csv  table, position, name, type, class, cells, sum: per table
//                and column (1-based, in the file's order), the cells of
//                each class: '#num' a number, '' empty (NULL), else the
//                symbol as written ('x', 'z', ...); sum adds the numbers
//   rows.csv     table, line, geography, time_period: every row, its line
//                in the file (DuckDB keeps the file's order: line = rowid
//                + 2, after the header) and its geography code by level
//   cells.csv    table, line, position, text: the cells of the columns
//                SPEC.json asks for ({"table": [position, ...]}), as text
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const quote = (text) => `'${text.replaceAll("'", "''")}'`;
const ident = (text) => `"${text.replaceAll('"', '""')}"`;
const NUMBER = '^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$';
const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/;

async function main([db, specPath, outDir]) {
  if (!outDir) {
    console.error('usage: node duckdb_counts.mjs DB SPEC.json OUT_DIR');
    process.exit(2);
  }
  const spec = JSON.parse(readFileSync(specPath, 'utf8'));
  const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  const described = await connection.runAndReadAll(
    `SELECT table_name, column_name, data_type, ordinal_position FROM information_schema.columns
     WHERE table_schema = 'main' ORDER BY table_name, ordinal_position`);
  const tables = new Map();
  for (const [table, column, type, position] of described.getRows()) {
    if (!tables.has(table)) tables.set(table, []);
    tables.get(table).push({ column, type, position: Number(position) });
  }
  const columnParts = [];
  const rowParts = [];
  const cellParts = [];
  for (const [table, columns] of tables) {
    for (const { column, type, position } of columns) {
      const text = `CAST(${ident(column)} AS VARCHAR)`;
      const cls = NUMERIC.test(type)
        ? `CASE WHEN ${ident(column)} IS NULL THEN '' ELSE '#num' END`
        : `CASE WHEN ${ident(column)} IS NULL THEN '' WHEN regexp_full_match(${text}, ${quote(NUMBER)})
             THEN '#num' ELSE ${text} END`;
      columnParts.push(`SELECT ${quote(table)} AS "table", ${position} AS position,
          ${quote(column)} AS name, ${quote(type)} AS type, class, count(*) AS cells,
          sum(number) AS sum
        FROM (SELECT ${cls} AS class, TRY_CAST(${text} AS DOUBLE) AS number FROM ${ident(table)})
        GROUP BY class`);
    }
    const names = new Set(columns.map((c) => c.column));
    if (['geographic_level', 'country_code', 'region_code', 'new_la_code', 'time_period']
      .every((name) => names.has(name))) {
      rowParts.push(`SELECT ${quote(table)} AS "table", rowid + 2 AS line,
          CASE geographic_level WHEN 'National' THEN CAST(country_code AS VARCHAR)
            WHEN 'Regional' THEN CAST(region_code AS VARCHAR)
            ELSE CAST(new_la_code AS VARCHAR) END AS geography,
          CAST(time_period AS VARCHAR) AS time_period
        FROM ${ident(table)}`);
    }
    for (const position of spec[table] || []) {
      const found = columns.find((c) => c.position === position);
      if (!found) throw new Error(`${table} has no column ${position}`);
      cellParts.push(`SELECT ${quote(table)} AS "table", rowid + 2 AS line, ${position} AS position,
          CAST(${ident(found.column)} AS VARCHAR) AS text FROM ${ident(table)}`);
    }
  }
  const copy = async (parts, file, order) => {
    const query = parts.length ? `${parts.join('\nUNION ALL\n')} ORDER BY ${order}`
      : 'SELECT NULL AS "table" WHERE false';
    await connection.run(`COPY (${query}) TO ${quote(resolve(join(outDir, file)))} (FORMAT csv, HEADER)`);
  };
  await copy(columnParts, 'columns.csv', '1, 2, 5');
  await copy(rowParts, 'rows.csv', '1, 2');
  await copy(cellParts, 'cells.csv', '1, 2, 3');
  connection.closeSync();
  instance.closeSync();
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`duckdb_counts: ${error.message}`);
  process.exit(1);
});
