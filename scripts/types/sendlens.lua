---@meta
-- sendlens.lua: lua-language-server annotations for the sendlens Lua API.
-- Point your editor's Lua.workspace.library at scripts/types/ to get
-- completion and checks. This file is never run. docs/lua-api.md explains
-- each function with an example.

---A row of a query: column name -> value (number, string or nil).
---@alias sendlens.Row table<string, number|string|nil>

---@class sendlens.Area
---@field code string       GSS code, e.g. "E10000028"
---@field name string       "Staffordshire"
---@field la_number string? DfE local authority number, e.g. "860"
---@field region string?    "West Midlands"
---@field plugin string     the plugin that loaded it

---@class sendlens.Measure
---@field ref string?
---@field name string       the area's own words
---@field group string?     the local heading it is listed under
---@field kind "interval"|"nominal"|nil
---@field unit string?
---@field direction "up"|"down"|"none"|nil
---@field baseline number?
---@field baseline_date string?
---@field target number?
---@field target_date string? when the target is to be met, as written: "Aug 2023"
---@field indicator string? common indicator id given by the mapping

---@class sendlens.Observation
---@field measure_ref string?
---@field measure string
---@field period string     as written: "2022-Q3", "Dec 22", "academic year 21/22"
---@field kind "actual"|"milestone"|"projected"
---@field value number?
---@field state "not_started"|"commenced"|"established"|"completed"|nil
---@field note string?
---@field label string?      the document's words: "Milestone 2", "Projected"
---@field period_kind string "quarter", "month", "term", "academic_year", ...
---@field period_start string the period's first day, ISO
---@field period_end string   its last day, ISO

---A row of the table role (docs/lua-api.md, Roles): who a plan, concern
---or action names, in what role.
---@class sendlens.Role
---@field parent integer     the fact id of the plan, concern or action
---@field role string        the role as written
---@field kind "accountable_officer"|"adviser"|"sponsor"|"lead"|"chair"|"member"
---@field name string        who holds it, as written
---@field person string?
---@field post string?
---@field organisation string?
---@field organisation_kind "council"|"health"|"dfe"|"nhs_england"|"education"|"parent_carer_forum"|"sendiass"|nil

---The read-only database. Every function raises an error (with your
---script's file and line) on a query that would write or is malformed.
---@class sendlens.Database
local Database = {}

---Run one SELECT with `?` parameters bound to the extra arguments.
---@param query string
---@param ... number|string|boolean|nil
---@return sendlens.Row[]
function Database.sql(query, ...) end

---The first column of the first row, or nil.
---@param query string
---@param ... number|string|boolean|nil
---@return number|string|nil
function Database.value(query, ...) end

---Run one SELECT once per area's case records, on every core: ?1 is the
---import's id, ?2 and ?3 the range of its records' ids, the extra
---arguments ?4 on. The rows of all runs, by area code, each with `area`.
---@param query string
---@param ... number|string|boolean|nil
---@return sendlens.Row[]
function Database.per_import(query, ...) end

---Every loaded area.
---@return sendlens.Area[]
function Database.areas() end

---The context of one area, as an indicator's compute receives it.
---@param code string
---@param period string? "all" by default
---@return sendlens.Context
function Database.area(code, period) end

---What compute(ctx) receives: the database, bound to one area and period.
---@class sendlens.Context: sendlens.Database
---@field area sendlens.Area
---@field period string "all", or an observation period for per = "quarter"
local Context = {}

---The area's measures, or only those with one common indicator id.
---@param indicator string?
---@return sendlens.Measure[]
function Context.measures(indicator) end

---Observations of the area's measures with a common indicator id, in the
---context's period (all periods when the period is "all").
---@param indicator string
---@return sendlens.Observation[]
function Context.observations(indicator) end

---How many records of a kind the area has: "weakness", "concern",
---"action", "measure", "observation", ...
---@param kind string
---@return integer
function Context.count(kind) end

---@class sendlens.Indicator
---@field id string         lower_case id, unique across scripts
---@field title string
---@field unit string       "percent", "count", ...
---@field direction "up"|"down"|"none"  which way is better
---@field per "area"|"quarter"|nil       "area" (one value) by default
---@field compute? fun(ctx: sendlens.Context): (number|table<string, number>|nil), string?
---@field counts? fun(ctx: sendlens.Database): sendlens.CountsRow[]  instead of compute: once, every area

---One row of a counts indicator; the value is numerator / denominator.
---@class sendlens.CountsRow
---@field area string        an area code
---@field period string      e.g. "2023-Q1"
---@field numerator integer
---@field denominator integer
---@field breakdown string?
---@field note string?

---Declare an indicator (indicator scripts only).
---@param spec sendlens.Indicator
function indicator(spec) end

---The script's version, stored with every result it computes.
---@type string?
VERSION = nil

---In `sendlens run` scripts: the read-only database.
---@type sendlens.Database
sendlens = nil

-- Statistics mapping files (scripts/statistics/, `import-statistics
-- --mapping`; docs/statistics.md).

---@class sendlens.Publication
---@field id string          "dfe-ehcp"
---@field title string       "Education, health and care plans"
---@field publisher string?  "Department for Education"
---@field url string?        the publication's public page
---@field licence string?    "Open Government Licence v3.0"

--- The publication the statistics declared after it (in the same file) come from.
---@param publication sendlens.Publication
function publication(publication) end

---@class sendlens.Statistic
---@field id string          common indicator id: lower-case letters, digits and _
---@field title string
---@field unit string?       "percent", "count", ...
---@field direction "up"|"down"|"none"  is higher better
---@field definition string? what the publication counts
---@field value string       the column of the published value
---@field numerator string?  the column of its numerator, where published
---@field denominator string? the column of its denominator, where published
---@field total table<string, string>? filter column -> the text of the total row's cell
---@field file string?       only files of this base name ("timeliness_20_week.csv")

--- A published column that is a common indicator: applies to every imported
--- file that has all the columns it names (without regard to case).
---@param statistic sendlens.Statistic
function statistic(statistic) end
