-- coverage.lua: gaps in how the plans can be measured: measures the
-- documents give no baseline or no target for.
VERSION = "1"

local GAPS = [[
  SELECT count(*) FROM measure m JOIN fact f ON f.id = m.id
  WHERE f.area = ? AND (m.baseline IS NULL OR m.target IS NULL)]]

indicator {
  id = "measures_without_baseline_or_target",
  title = "Measures without a baseline or a target",
  unit = "measures",
  direction = "down",
  compute = function(ctx)
    return ctx.value(GAPS, ctx.area.code)
  end,
}

indicator {
  id = "share_measures_without_baseline_or_target",
  title = "Share of measures without a baseline or a target",
  unit = "percent",
  direction = "down",
  compute = function(ctx)
    local all = ctx.count("measure")
    if all == 0 then return nil, "no measures in the documents" end
    return 100 * ctx.value(GAPS, ctx.area.code) / all
  end,
}
