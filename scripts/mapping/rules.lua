-- rules.lua: how local wording maps onto the common themes
-- (schemas/themes.json, documented in docs/themes.md) and onto common
-- indicator ids.
--
-- Each theme rule names a theme and where its words are looked for
-- (engine.lua gives the details):
--   patterns  a record's own words: a weakness's text; a concern's title,
--             the heading its measures are listed under, and the weakness
--             it answers. What the record is about.
--   actions   a concern's actions, and
--   measures  its measures: only phrases that name the work itself. A word
--             that is a means there (co-production as a way of working,
--             the graduated response as where an action sits, "special
--             schools" as partners of mainstream outreach, a "data
--             dashboard" built to hear families) is left out on purpose,
--             so a concern takes the themes of what it sets out to change.
-- Patterns are Lua patterns matched against the text in lower case, so
-- write them in lower case; `%-` is a literal hyphen. A rule's id is stored
-- beside every theme it gives, with the phrase it matched and where it
-- matched it, so `sendlens show AREA` can say why.
--
-- Edit freely: no recompiling. Per-area additions and exclusions go in
-- areas/<plugin>.lua.

return {
  version = "2",

  themes = {
    { id = "leadership-joint-working", theme = "leadership_governance",
      patterns = { "leaders in education, health and care", "united vision",
                   "strategic plan", "governance", "strategic leadership" } },
    { id = "joint-commissioning", theme = "joint_commissioning",
      patterns = { "joint commissioning", "jointly commission", "commissioning arrangements",
                   "commissioning of services" } },
    { id = "coproduction-words", theme = "coproduction",
      patterns = { "co%-?production", "did not listen", "relationships with parents",
                   "meaningful engagement" },
      measures = { "co%-?production activity", "include co%-?production" } },
    { id = "communication-with-families", theme = "communication_families",
      patterns = { "communication with parents", "communication with families",
                   "clear communication", "communicate with parents", "communicate with families",
                   "kept informed", "keep families informed" } },
    { id = "ehcp-quality", theme = "ehcp_quality",
      patterns = { "quality of ehc", "poor%-quality ehc", "quality of ehcps?",
                   "quality of education, health and care plans?" },
      actions = { "ehc plan writing", "quality of ehc" },
      measures = { "plans which meet quality standards", "audits judged to be good" } },
    { id = "ehcp-timescales", theme = "ehcp_timeliness",
      patterns = { "statutory timescales?", "timeliness", "20 weeks?", "20%-week" },
      actions = { "within 20 weeks", "20%-week" },
      measures = { "within 20 weeks", "over 20 weeks", "20%-week" } },
    { id = "annual-reviews", theme = "annual_reviews",
      patterns = { "annual reviews?" },
      actions = { "annual reviews?", "ehc reviews" },
      measures = { "annual reviews?", "reviews? completed on time" } },
    { id = "agency-contributions", theme = "multiagency_contribution",
      patterns = { "health and care workers did not contribute",
                   "contributions? from health", "contributions? from partners",
                   "statutory advice" },
      actions = { "advice provided from across the partnership", "advice givers?" },
      measures = { "advices? .*by partner agency" } },
    { id = "local-offer", theme = "local_offer",
      patterns = { "local offer" },
      measures = { "local offer" } },
    { id = "mainstream-inclusion", theme = "mainstream_inclusion",
      patterns = { "mainstream schools?", "graduated response", "spirit of inclusion" } },
    { id = "specialist-provision", theme = "specialist_provision",
      patterns = { "specialist provision", "special schools?", "specialist settings?" } },
    { id = "transition", theme = "transition_pfa",
      patterns = { "transition points?", "preparing for adulthood", "next stage of learning" } },
    { id = "neurodevelopmental", theme = "neurodevelopmental_pathways",
      patterns = { "autis", "asd assessments?", "asd diagnos", "adhd",
                   "neurodevelopmental", "neuro%-developmental" },
      actions = { "autism assessment", "asd assessment", "neurodevelopmental pathway",
                  "adhd assessment" },
      measures = { "autism assessment", "asd assessment", "neurodevelopmental assessment",
                   "adhd assessment" } },
    { id = "health-services", theme = "health_provision",
      patterns = { "speech and language therap", "occupational therap", "physiotherap",
                   "therapy services", "therapies", "camhs", "mental health services?",
                   "emotional and mental health", "audiology", "health services?",
                   "health provision" },
      measures = { "waiting times? for speech", "waiting times? for therap", "camhs waiting" } },
    { id = "access-help", theme = "access_to_services",
      patterns = { "access to the right help", "arrangements for accessing", "short breaks" } },
    { id = "exclusions-attendance", theme = "exclusions_attendance",
      patterns = { "exclusions?", "excluded from school", "persistent absence", "absenteeism",
                   "school attendance", "poor attendance", "part%-time timetables?",
                   "missing education" } },
    { id = "oversight-of-provision", theme = "provision_oversight",
      patterns = { "oversight of improvement work", "alternative provision",
                   "independent sector" } },
    { id = "aspirations", theme = "aspirations_outcomes",
      patterns = { "aspirations and expectations" } },
    { id = "workforce", theme = "workforce_capacity",
      patterns = { "lack of capacity", "turnover of staff", "workforce" } },
    { id = "checking-quality", theme = "quality_assurance_data",
      patterns = { "process to check and review", "quality assurance", "data dashboard",
                   "use information and data", "inaccurate view" },
      measures = { "quality assurance audit" } },
  },

  -- Measures that are really the same thing across areas share an id.
  indicators = {
    { id = "annual_reviews_on_time", title = "Annual reviews held on time",
      patterns = { "reviews? completed on time", "annual reviews? .*on time" } },
    { id = "ehcp_issued_within_20_weeks", title = "EHC plans issued within 20 weeks",
      patterns = { "completed within 20 weeks", "issued within 20 weeks" } },
    { id = "open_assessments_over_20_weeks", title = "Open assessments over 20 weeks",
      patterns = { "open assessments over 20 weeks" } },
    { id = "requests_refused", title = "Requests for assessment refused",
      patterns = { "requests for assessment that are refused" } },
    { id = "ehcp_quality_audit", title = "EHC plans meeting quality standards in audit",
      patterns = { "plans which meet quality standards", "audits judged to be good or outstanding" } },
    { id = "new_ehcp_in_mainstream", title = "New EHC plans placed in mainstream settings",
      patterns = { "new ehc plans that are placed in mainstream" } },
  },
}
