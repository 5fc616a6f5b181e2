-- rules.lua: how local wording maps onto the common themes
-- (schemas/themes.json) and onto common indicator ids.
--
-- Each rule names a theme and the Lua patterns that give it. Patterns are
-- matched against the text in lower case, so write them in lower case; `%-`
-- is a literal hyphen. A rule's id is stored beside every theme it gives,
-- with the phrase it matched, so `sendlens show AREA --why` can say why.
--
-- Edit freely: no recompiling. Per-area additions and exclusions go in
-- areas/<plugin>.lua.

return {
  version = "1",

  themes = {
    { id = "leadership-joint-working", theme = "leadership_governance",
      patterns = { "leaders in education, health and care", "united vision",
                   "strategic plan", "governance" } },
    { id = "coproduction-words", theme = "coproduction",
      patterns = { "co%-?production", "did not listen", "relationships with parents",
                   "meaningful engagement" } },
    { id = "ehcp-quality", theme = "ehcp_quality",
      patterns = { "quality of ehc", "poor%-quality ehc", "quality of ehcps?",
                   "quality of education, health and care plans?" } },
    { id = "ehcp-timescales", theme = "ehcp_timeliness",
      patterns = { "statutory timescales?", "timeliness", "20 weeks?" } },
    { id = "annual-reviews", theme = "annual_reviews",
      patterns = { "annual reviews?" } },
    { id = "agency-contributions", theme = "multiagency_contribution",
      patterns = { "health and care workers did not contribute",
                   "contributions? from health", "contributions? from partners" } },
    { id = "local-offer", theme = "local_offer",
      patterns = { "local offer" } },
    { id = "mainstream-inclusion", theme = "mainstream_inclusion",
      patterns = { "mainstream schools?", "graduated response", "spirit of inclusion" } },
    { id = "specialist-provision", theme = "specialist_provision",
      patterns = { "specialist provision", "special schools?" } },
    { id = "transition", theme = "transition_pfa",
      patterns = { "transition points?", "preparing for adulthood", "next stage of learning" } },
    { id = "access-help", theme = "access_to_services",
      patterns = { "access to the right help", "arrangements for accessing" } },
    { id = "oversight-of-provision", theme = "provision_oversight",
      patterns = { "oversight of improvement work", "alternative provision",
                   "independent sector" } },
    { id = "aspirations", theme = "aspirations_outcomes",
      patterns = { "aspirations and expectations" } },
    { id = "workforce", theme = "workforce_capacity",
      patterns = { "lack of capacity", "turnover of staff", "workforce" } },
    { id = "checking-quality", theme = "quality_assurance_data",
      patterns = { "process to check and review", "quality assurance", "data dashboard" } },
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
