// bench/statistics/duckdb_read.mjs DB CSV...: the DuckDB engine of the
// statistics benchmark (bench/statistics/run.sh). read_csv of each
// published file, with DuckDB's own detection of the dialect, header and
// column types (as an analyst would call it), into a table of its own
// named after the file (requests.csv -> "requests") in the DuckDB database
// FILE DB, made afresh. DuckDB reads no zip, so the files are the unpacked
// copies run.sh makes before any timing. Needs bench/setup.sh (npm install
// in bench/; Node resolves bench/node_modules from here).
import { DuckDBInstance } from '@duckdb/node-api';
import { rmSync } from 'node:fs';
import { basename, resolve } from 'node:path';

const quote = (text) => `'${text.replaceAll("'", "''")}'`;
const ident = (text) => `"${text.replaceAll('"', '""')}"`;

async function main([db, ...files]) {
  if (!db || files.length === 0) {
    console.error('usage: node duckdb_read.mjs DB CSV...');
    process.exit(2);
  }
  rmSync(db, { force: true });
  rmSync(`${db}.wal`, { force: true });
  const instance = await DuckDBInstance.create(db);
  const connection = await instance.connect();
  for (const file of files) {
    const table = basename(file).replace(/\.csv$/i, '');
    await connection.run(`CREATE TABLE ${ident(table)} AS SELECT * FROM read_csv(${quote(resolve(file))})`);
  }
  connection.closeSync();
  instance.closeSync();
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`duckdb_read: ${error.message}`);
  process.exit(1);
});
