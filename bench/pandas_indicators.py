#!/usr/bin/python3
"""bench/pandas_indicators.py CSV_DIR OUT.csv: the pandas engine of the
benchmark, written as a council analyst would: read every area's case file,
concatenate, group by area and quarter. Computes the five standard
indicators of the issue 7 spec (numerator, denominator per area, indicator
and quarter) and writes the same CSV as bench/indicators.sql. Uses Debian's
python3-pandas (run with /usr/bin/python3)."""

import glob
import os
import sys

import pandas as pd

DATES = ["ReceivedDate", "RequestOutcomeDate", "AssessmentOutcomeDate", "StartDate",
         "ReviewDueDate", "ReviewHeldDate"]
# Only the columns the indicators read.
COLUMNS = ["Module", "RequestOutcome", "Week20"] + DATES


def load(folder):
    frames = []
    for path in sorted(glob.glob(os.path.join(folder, "*.csv"))):
        # skiprows=1: the '# SYNTHETIC DATA' line before the header.
        frame = pd.read_csv(path, skiprows=1, usecols=COLUMNS, dtype={"Week20": str})
        frame.insert(0, "area", os.path.basename(path)[:-4])
        frames.append(frame)
    cases = pd.concat(frames, ignore_index=True)
    for column in DATES:
        cases[column] = pd.to_datetime(cases[column], format="%Y-%m-%d")
    return cases


def quarter(dates):
    return dates.dt.year.astype(str) + "-Q" + dates.dt.quarter.astype(str)


def ratio(frame, name, when, hit):
    grouped = frame.assign(quarter=quarter(when), hit=hit).groupby(["area", "quarter"])
    result = grouped["hit"].agg(numerator="sum", denominator="count").reset_index()
    result.insert(1, "indicator", name)
    return result


def issued(requests):
    plans = requests[requests["StartDate"].notna()]
    on_time = (plans["StartDate"] - plans["ReceivedDate"]).dt.days <= 140
    exceptions = plans["Week20"] == "1"
    return [ratio(plans, "ehcp_within_20_weeks", plans["StartDate"], on_time),
            ratio(plans[~exceptions], "ehcp_within_20_weeks_excl_exceptions",
                  plans.loc[~exceptions, "StartDate"], on_time[~exceptions])]


def open_assessments(requests):
    """At each quarter end, over every area at once; each area keeps the
    quarters from its first request's to its last's."""
    assess = requests[requests["RequestOutcome"] == "assess"]
    span = requests.groupby("area")["ReceivedDate"].agg(["min", "max"])
    first, last = span["min"].dt.to_period("Q"), span["max"].dt.to_period("Q")
    parts = []
    for period in pd.period_range(first.min(), last.max(), freq="Q"):
        end = period.end_time.normalize()
        is_open = (assess["ReceivedDate"] <= end) & ~(assess["AssessmentOutcomeDate"] <= end)
        late = is_open & ((end - assess["ReceivedDate"]).dt.days > 140)
        counts = pd.DataFrame({"area": assess["area"], "numerator": late, "denominator": is_open})
        counts = counts.groupby("area").sum()
        counts = counts[counts.index.isin(span.index[(first <= period) & (last >= period)])]
        parts.append(counts.reset_index().assign(quarter="%d-Q%d" % (period.year, period.quarter)))
    result = pd.concat(parts, ignore_index=True)
    result.insert(1, "indicator", "open_assessments_over_20_weeks")
    return [result]


def reviews_on_time(reviews):
    on_time = reviews["ReviewHeldDate"] <= reviews["ReviewDueDate"]
    return [ratio(reviews, "annual_reviews_on_time", reviews["ReviewDueDate"], on_time)]


def refused(requests):
    decided = requests[requests["RequestOutcome"].notna()]
    return [ratio(decided, "requests_refused", decided["RequestOutcomeDate"],
                  decided["RequestOutcome"] == "refused")]


def main(folder, out):
    cases = load(folder)
    requests = cases[cases["Module"] == "request"]
    reviews = cases[cases["Module"] == "review"]
    parts = issued(requests) + open_assessments(requests) + reviews_on_time(reviews) + refused(requests)
    result = pd.concat(parts, ignore_index=True)
    result = result[result["denominator"] > 0].sort_values(["area", "indicator", "quarter"])
    result[["numerator", "denominator"]] = result[["numerator", "denominator"]].astype(int)
    result.to_csv(out, index=False, lineterminator="\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: pandas_indicators.py CSV_DIR OUT.csv")
    main(sys.argv[1], sys.argv[2])
