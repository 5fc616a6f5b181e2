// bench/duckdb_indicators.mjs DB CSV_DIR OUT.csv: the DuckDB engine of the
// benchmark, the strongest peer. Reads every area's case file (AREA.csv)
// into a DuckDB database FILE (not in memory), then computes the five
// standard indicators of the issue 7 spec and writes the same CSV as
// bench/indicators.sql. Needs bench/setup.sh (npm install in bench/).
import { DuckDBInstance } from '@duckdb/node-api';
import { readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const DATE = 'DATE';
const TEXT = 'VARCHAR';
const COLUMNS = {
  Module: TEXT, PersonID: TEXT, RequestID: TEXT, ReceivedDate: DATE, RequestSource: TEXT,
  RequestOutcome: TEXT, RequestOutcomeDate: DATE, AssessmentOutcome: TEXT,
  AssessmentOutcomeDate: DATE, Week20: TEXT, StartDate: DATE, CeaseDate: DATE,
  CeaseReason: TEXT, ReviewDueDate: DATE, ReviewHeldDate: DATE,
};

const quote = (text) => `'${text.replaceAll("'", "''")}'`;
const quarter = (column) => `year(${column}) || '-Q' || quarter(${column})`;

function loadSql(files) {
  const columns = Object.entries(COLUMNS).map(([name, type]) => `${quote(name)}: ${quote(type)}`);
  // skip=1: the '# SYNTHETIC DATA' line before the header.
  return `CREATE TABLE cases AS
    SELECT regexp_extract(filename, '([^/]+)\\.csv$', 1) AS area, * EXCLUDE (filename)
    FROM read_csv([${files.map(quote).join(', ')}], skip = 1, header = true,
                  columns = {${columns.join(', ')}}, filename = true)`;
}

const INDICATORS = `
WITH requests AS (SELECT * FROM cases WHERE Module = 'request'),
issued AS (
  SELECT area, StartDate, Week20, StartDate - ReceivedDate <= 140 AS on_time
  FROM requests WHERE StartDate IS NOT NULL),
spans AS (
  SELECT area, date_trunc('quarter', min(ReceivedDate)) AS first,
         date_trunc('quarter', max(ReceivedDate)) AS last
  FROM requests GROUP BY area),
ends AS (
  SELECT area, (q + INTERVAL 3 MONTH - INTERVAL 1 DAY)::DATE AS e
  FROM (SELECT area, unnest(generate_series(first, last, INTERVAL 3 MONTH)) AS q FROM spans)),
quarterly AS (
  SELECT area, 'ehcp_within_20_weeks' AS indicator, ${quarter('StartDate')} AS quarter,
         count(*) FILTER (on_time) AS numerator, count(*) AS denominator
  FROM issued GROUP BY ALL
  UNION ALL
  SELECT area, 'ehcp_within_20_weeks_excl_exceptions', ${quarter('StartDate')},
         count(*) FILTER (on_time), count(*)
  FROM issued WHERE Week20 IS DISTINCT FROM '1' GROUP BY ALL
  UNION ALL
  SELECT n.area, 'open_assessments_over_20_weeks', ${quarter('n.e')},
         count(*) FILTER (n.e - r.ReceivedDate > 140), count(*)
  FROM ends n JOIN requests r ON r.area = n.area AND r.RequestOutcome = 'assess'
   AND r.ReceivedDate <= n.e AND (r.AssessmentOutcomeDate IS NULL OR r.AssessmentOutcomeDate > n.e)
  GROUP BY ALL
  UNION ALL
  SELECT area, 'annual_reviews_on_time', ${quarter('ReviewDueDate')},
         count(*) FILTER (ReviewHeldDate <= ReviewDueDate), count(*)
  FROM cases WHERE Module = 'review' GROUP BY ALL
  UNION ALL
  SELECT area, 'requests_refused', ${quarter('RequestOutcomeDate')},
         count(*) FILTER (RequestOutcome = 'refused'), count(*)
  FROM requests WHERE RequestOutcome IS NOT NULL GROUP BY ALL)
SELECT area, indicator, quarter, numerator, denominator FROM quarterly
WHERE denominator > 0 ORDER BY area, indicator, quarter`;

async function main([db, dir, out]) {
  if (!out) {
    console.error('usage: node duckdb_indicators.mjs DB CSV_DIR OUT.csv');
    process.exit(2);
  }
  const files = readdirSync(dir).filter((name) => name.endsWith('.csv')).sort()
    .map((name) => resolve(join(dir, name)));
  rmSync(db, { force: true });
  rmSync(`${db}.wal`, { force: true });
  const instance = await DuckDBInstance.create(db);
  const connection = await instance.connect();
  await connection.run(loadSql(files));
  await connection.run(`COPY (${INDICATORS}) TO ${quote(resolve(out))} (FORMAT csv, HEADER)`);
  connection.closeSync();
  instance.closeSync();
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`duckdb_indicators: ${error.message}`);
  process.exit(1);
});
