"""A script cannot link person-level records (issue 15): every route an
attacker would try to join a child's requests and reviews, or to read the
pseudonymous keys or the salt, is refused by what the statement touches,
not by its text (a join USING or NATURAL, main.case_request, a subquery, a
rowid join, a window partitioned by person, pragma functions, the schema
tables, the statistics of ANALYZE); functions outside an allow-list
(fts3_tokenizer prints a process address, load_extension) are refused
with a clear message; the functions indicator scripts use still work."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "store.db")
SMALL = os.path.join(t.SOURCE_DIR, "tests", "data", "cases", "ehc_small.csv")
checks.equal(t.run("load", "fixture_full", db=db, plugins=[t.TEST_PLUGINS]).returncode, 0, "load")
result = t.run("import-cases", "E06000003", SMALL, db=db)
checks.equal(result.returncode, 0, "import-cases: " + result.stderr)
# The file links reviews to requests by child: the attack has something to find.
linked = t.query(db, "SELECT count(*) FROM case_request r JOIN case_review v USING (person)")[0][0]
checks.check(linked > 0, "the records link by person when read directly (%d)" % linked)


def run_sql(name, query):
    path = os.path.join(work, name + ".lua")
    with open(path, "w") as handle:
        handle.write("local rows = sendlens.sql([[%s]])\nprint(#rows)\n" % query)
    return t.run("run", path, db=db)


ATTACKS = {
    "using_person": "SELECT count(*) FROM case_request r JOIN case_review v USING (person)",
    "using_request": "SELECT count(*) FROM case_request r JOIN case_review v USING (request)",
    "using_main": "SELECT count(*) FROM main.case_request r JOIN main.case_review v USING (person)",
    "using_temp_main": "SELECT count(*) FROM temp.case_request r JOIN main.case_review v "
                       "USING (person)",
    "natural_main": "SELECT count(*) FROM main.case_request NATURAL JOIN main.case_review",
    "natural_keys": "SELECT count(*) FROM (SELECT person, received FROM case_request) "
                    "NATURAL JOIN (SELECT person, due FROM case_review)",
    "qualified": "SELECT main.case_request.person FROM main.case_request",
    "column": "SELECT person FROM case_request",
    "alias": "SELECT r.request FROM case_review r",
    "subquery": "SELECT (SELECT person FROM case_request LIMIT 1)",
    "exists": "SELECT count(*) FROM case_request r WHERE EXISTS (SELECT 1 FROM main.case_review v "
              "WHERE v.person = r.person)",
    "rowid_join": "SELECT m.person FROM case_request r JOIN main.case_request m ON m.rowid = r.id",
    "rowid_main": "SELECT rowid, person FROM main.case_review",
    "window": "SELECT count(*) OVER (PARTITION BY person) FROM case_request",
    "window_main": "SELECT count(*) OVER (PARTITION BY request) FROM main.case_review",
    "group_by": "SELECT count(*) FROM case_review GROUP BY person",
    "salt": "SELECT hex(salt) FROM case_secret",
    "pragma_table_info": "SELECT name FROM pragma_table_info('case_request')",
    "pragma_database_list": "SELECT name FROM pragma_database_list",
    "pragma": "PRAGMA database_list",
    "temp_schema": "SELECT sql FROM sqlite_temp_master",
    "temp_schema_qualified": "SELECT sql FROM temp.sqlite_schema",
    "stat1": "SELECT * FROM sqlite_stat1",
    "dbstat": "SELECT * FROM dbstat",
    "attach": "ATTACH DATABASE '%s' AS again" % db,
    "fts3_tokenizer": "SELECT hex(fts3_tokenizer('simple'))",
    "load_extension": "SELECT load_extension('/lib/x86_64-linux-gnu/libc.so.6')",
    "randomblob": "SELECT randomblob(16)",
    "zeroblob": "SELECT zeroblob(16)",
    "compileoption": "SELECT sqlite_compileoption_get(0)",
    "writing_view": "DELETE FROM case_review",
    "writing_table": "DELETE FROM area",
}
for name, query in ATTACKS.items():
    result = run_sql(name, query)
    lines = result.stderr.strip().splitlines()
    checks.check(result.returncode == 1 and len(lines) == 1 and ("%s.lua:1:" % name) in lines[0],
                 "%s: refused with one line naming the script: %r" % (name, lines + [result.stdout]))
    # The store's schema name is random so the raw tables cannot be named:
    # no message may give it away.
    checks.check("store_" not in result.stderr, "%s: the message hides the store's name" % name)

FUNCTIONS = {"fts3_tokenizer": "not authorized to use function: fts3_tokenizer",
             "load_extension": "not authorized to use function: load_extension",
             "randomblob": "not authorized to use function: randomblob",
             "compileoption": "not authorized to use function: sqlite_compileoption_get",
             "salt": "access to case_secret.salt is prohibited",
             "column": "no such column: person (the pseudonymous keys of case records cannot be read)",
             "using_person": "cannot join using column person"}
for name, words in FUNCTIONS.items():
    result = run_sql(name, ATTACKS[name])
    checks.check(words in result.stderr, "%s: says %r: %r" % (name, words, result.stderr))

# The schema tables reveal no more than names: main is empty to a script.
result = run_sql("schema", "SELECT sql FROM sqlite_master")
checks.equal((result.returncode, result.stdout.strip()), (0, "0"), "sqlite_master shows nothing")

# A NATURAL JOIN of the views joins on their row ids, never on a child.
result = run_sql("natural", "SELECT * FROM case_request NATURAL JOIN case_review")
checks.equal((result.returncode, result.stdout.strip()), (0, "0"),
             "NATURAL JOIN of requests and reviews links nothing: " + result.stderr)

# What indicator scripts use still works: counts, dates, windows, JSON.
ALLOWED = {
    "count": ("SELECT count(*) AS n FROM case_request", None),
    "dates": ("SELECT quarter_label(quarter(received)) AS q, day_date(received) AS d, "
              "quarter_end(quarter(received)) AS e FROM case_request LIMIT 1", None),
    "within": ("SELECT sum(start - received <= 140) AS n, avg(week20) AS w, "
               "coalesce(max(cease_reason), '') AS c, total(1) AS t FROM case_request", None),
    "window": ("SELECT row_number() OVER (ORDER BY received) AS n, "
               "lag(received) OVER (ORDER BY received) AS l FROM case_request", None),
    "text": ("SELECT printf('%05.1f', 1.5) AS p, substr('abc', 2) AS s, upper('a') AS u, "
             "lower(replace('A-B', '-', '')) AS r, instr('abc', 'c') AS i, length('ab') AS n, "
             "group_concat(DISTINCT outcome) AS g, typeof(1) AS t, round(2.5) AS o, "
             "abs(-1) AS a, ifnull(NULL, 1) AS f, iif(1, 2, 3) AS c FROM case_request", None),
    "json": ("SELECT json_extract('{\"a\": 1}', '$.a') AS j, json_object('a', 1) AS o", None),
    "range": ("SELECT count(*) AS n FROM case_review WHERE id BETWEEN ?2 AND ?3", "per_import"),
}
for name, (query, how) in ALLOWED.items():
    path = os.path.join(work, "allowed_%s.lua" % name)
    with open(path, "w") as handle:
        if how == "per_import":
            handle.write("local rows = sendlens.per_import([[%s]])\nprint(#rows)\n" % query)
        else:
            handle.write("local rows = sendlens.sql([[%s]])\nprint(#rows)\n" % query)
    result = t.run("run", path, db=db)
    checks.check(result.returncode == 0 and int(result.stdout.strip() or 0) > 0,
                 "%s: allowed: %r" % (name, result.stderr))

# The bundled EHC indicators still count what the file holds.
result = t.run("indicators", os.path.join(t.SOURCE_DIR, "scripts", "indicators", "ehc.lua"),
               "--json", db=db)
checks.equal(result.returncode, 0, "ehc.lua runs: " + result.stderr)
truth = t.query(db, "SELECT count(*), count(*) FILTER (WHERE held <= due) FROM case_review")[0]
counted = t.query(db, "SELECT sum(denominator), sum(numerator) FROM indicator_result "
                      "WHERE indicator = 'annual_reviews_on_time' AND breakdown = ''")[0]
checks.equal(tuple(counted), tuple(truth), "ehc.lua counts every review, and those on time")

checks.done()
