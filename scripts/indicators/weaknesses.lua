-- weaknesses.lua: what the latest revisit judged. Counts come from the
-- revisit's own figures ("sufficient progress in addressing six of the
-- eight"), not from the weakness texts stored, since an area may publish
-- only the texts of the weaknesses that remain.
VERSION = "1"

indicator {
  id = "share_weaknesses_insufficient",
  title = "Share of weaknesses judged insufficient progress at the revisit",
  unit = "percent",
  direction = "down",
  compute = function(ctx)
    local revisit = ctx.sql([[
      SELECT i.weaknesses_found AS found, i.weaknesses_sufficient AS sufficient
      FROM inspection i JOIN fact f ON f.id = i.id
      WHERE f.area = ? AND i.kind = 'revisit' ORDER BY i.started DESC LIMIT 1]], ctx.area.code)[1]
    if not revisit then return nil, "no revisit in the documents" end
    if not revisit.found or not revisit.sufficient or revisit.found == 0 then
      return nil, "the revisit's counts are not given"
    end
    local insufficient = revisit.found - revisit.sufficient
    return 100 * insufficient / revisit.found,
           string.format("%d of %d", insufficient, revisit.found)
  end,
}
