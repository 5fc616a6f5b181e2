-- dfe_ehcp.lua: which columns of the DfE's "Education, health and care
-- plans" release (Explore education statistics, reporting year 2025) are
-- common indicators. `sendlens import-statistics` runs every file of
-- scripts/statistics/ (and any given with --mapping) in the sandbox before
-- it reads a data file; docs/statistics.md describes the two declarations.
--
-- A statistic applies to every imported file that has all the columns it
-- names (compared without regard to case: the release itself writes
-- PC_plans_issued_20_weeks_ex), and to no other; `file`, where given,
-- narrows it to files of that base name. An older release whose columns
-- have other names is one more declaration with the same id.
--
-- Ids are the case-record indicators' of scripts/indicators/ehc.lua where
-- the two measure the same thing; docs/indicators.md says where the
-- official definitions differ from the local quarterly ones.

publication {
  id = "dfe-ehcp",
  title = "Education, health and care plans",
  publisher = "Department for Education",
  url = "https://explore-education-statistics.service.gov.uk/find-statistics/education-health-and-care-plans",
  licence = "Open Government Licence v3.0",
}

-- timeliness_20_week.csv: plans issued in the calendar year.
statistic {
  id = "ehcp_within_20_weeks",
  title = "EHC plans issued within 20 weeks, including exceptions",
  unit = "percent",
  direction = "up",
  definition = "New EHC plans issued in the calendar year within the statutory 20 weeks "
    .. "of the request, as a percentage of all plans issued that year.",
  value = "pc_plans_issued_within_20_weeks",
  numerator = "plans_issued_within_20_weeks",
  denominator = "plans_issued_den",
  total = {breakdown_topic = "All EHC plans issued", breakdown = "All EHC plans issued"},
}

statistic {
  id = "ehcp_within_20_weeks_excl_exceptions",
  title = "EHC plans issued within 20 weeks, excluding exceptions",
  unit = "percent",
  direction = "up",
  definition = "As ehcp_within_20_weeks, counting only plans to which no exception to the "
    .. "20-week time limit applied.",
  value = "pc_plans_issued_20_weeks_ex",
  numerator = "plans_issued_20_weeks_ex",
  denominator = "plans_issued_den_ex",
  total = {breakdown_topic = "All EHC plans issued", breakdown = "All EHC plans issued"},
}

-- requests.csv: requests for an EHC needs assessment received in the year.
statistic {
  id = "requests_refused",
  title = "Requests for an EHC needs assessment refused",
  unit = "percent",
  direction = "none",
  definition = "Requests received in the calendar year where the local authority decided "
    .. "not to assess, as a percentage of all requests received that year (ongoing and "
    .. "withdrawn requests included in the denominator).",
  value = "request_not_assess_pc",
  numerator = "requests_decided_not_to_assess",
  denominator = "requests_received_in_year",
  total = {breakdown_topic = "All requests for EHC needs assessments", breakdown = "All requests for EHC needs assessments"},
}

statistic {
  id = "requests_decided_within_6_weeks",
  title = "Requests for an EHC needs assessment decided within 6 weeks",
  unit = "percent",
  direction = "up",
  definition = "Requests received in the calendar year whose outcome was decided within the "
    .. "statutory 6 weeks, as a percentage of requests decided.",
  value = "request_outcome_six_weeks_pc",
  numerator = "request_outcome_six_weeks",
  total = {breakdown_topic = "All requests for EHC needs assessments", breakdown = "All requests for EHC needs assessments"},
}

statistic {
  id = "requests_received",
  title = "Requests for an EHC needs assessment received",
  unit = "count",
  direction = "none",
  definition = "Requests for an EHC needs assessment received in the calendar year.",
  value = "requests_received_in_year",
  total = {breakdown_topic = "All requests for EHC needs assessments", breakdown = "All requests for EHC needs assessments"},
}

-- assessments.csv
statistic {
  id = "assessments_plan_issued",
  title = "EHC needs assessments that led to a plan",
  unit = "percent",
  direction = "none",
  definition = "EHC needs assessments in the calendar year where a plan was issued, as a "
    .. "percentage of assessments where a decision was made.",
  value = "assess_issued_pc",
  numerator = "assess_issued",
  denominator = "assess_in_year",
  total = {breakdown_topic = "All EHC needs assessments", breakdown = "All EHC needs assessments"},
}

-- annual_reviews.csv: one year (2024) in this release.
statistic {
  id = "annual_review_decisions_within_4_weeks",
  title = "Annual review decisions communicated within 4 weeks",
  unit = "percent",
  direction = "up",
  definition = "Annual reviews whose outcome was communicated within 4 weeks of the review "
    .. "meeting, as a percentage of reviews with a decision recorded.",
  value = "pc_decsion_4weeks",
  numerator = "number_decsion_4weeks",
  total = {breakdown_topic = "All annual reviews", breakdown = "All annual reviews"},
}

-- caseload.csv: plans in place in January (academic years).
statistic {
  id = "ehc_plans",
  title = "EHC plans in place in January",
  unit = "count",
  direction = "none",
  definition = "Children and young people with an EHC plan in January of the academic year.",
  value = "ehcplans",
  total = {breakdown_topic = "All EHC plans", breakdown = "All EHC plans"},
}

statistic {
  id = "ehc_plans_in_mainstream",
  title = "EHC plans with a mainstream school placement",
  unit = "percent",
  direction = "none",
  definition = "EHC plans in place in January whose placement is a mainstream school, as a "
    .. "percentage of all plans.",
  value = "mainstream_total_pc",
  numerator = "mainstream_total",
  denominator = "ehcplans",
  total = {breakdown_topic = "All EHC plans", breakdown = "All EHC plans"},
}

statistic {
  id = "ehc_plans_in_special_schools",
  title = "EHC plans with a special school placement",
  unit = "percent",
  direction = "none",
  definition = "EHC plans in place in January whose placement is a special school, as a "
    .. "percentage of all plans.",
  value = "special_total_pc",
  numerator = "special_total",
  denominator = "ehcplans",
  total = {breakdown_topic = "All EHC plans", breakdown = "All EHC plans"},
}

-- newplans.csv
statistic {
  id = "new_ehc_plans",
  title = "New EHC plans made in the year",
  unit = "count",
  direction = "none",
  definition = "EHC plans made for the first time in the calendar year.",
  value = "new_ehc_plans",
  total = {breakdown_topic = "New EHC plans", breakdown = "New EHC plans"},
}

-- personal_budgets.csv
statistic {
  id = "personal_budgets",
  title = "EHC plans with a personal budget",
  unit = "count",
  direction = "none",
  definition = "EHC plans in place in January with a personal budget.",
  value = "personal_budget",
  total = {breakdown_topic = "All personal budgets", breakdown = "All personal budgets"},
}

-- ceased_plans.csv
statistic {
  id = "ehc_plans_ceased",
  title = "EHC plans ceased in the year",
  unit = "count",
  direction = "none",
  definition = "EHC plans that ended in the calendar year, for any reason.",
  value = "total_ceased",
  total = {breakdown_topic = "All ceased EHC plans", breakdown = "All ceased EHC plans"},
}
