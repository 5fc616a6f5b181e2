-- measures_by_kind.lua: how each area's measures split between interval
-- (numbers, percentages), nominal (commenced / established / completed)
-- and not said, as a breakdown indicator.
--   sendlens indicators scripts/examples/measures_by_kind.lua
VERSION = "1"

indicator {
  id = "measures_by_kind",
  title = "Measures by kind",
  unit = "measures",
  direction = "none",
  compute = function(ctx)
    local counts = { interval = 0, nominal = 0, not_said = 0 }
    for _, measure in ipairs(ctx.measures()) do
      local kind = measure.kind or "not_said"
      counts[kind] = counts[kind] + 1
    end
    return counts
  end,
}
