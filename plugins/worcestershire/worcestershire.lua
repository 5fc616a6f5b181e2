-- worcestershire.lua: Worcestershire's own mapping rules, shipped with its
-- plugin (installed beside worcestershire.so; core/mapping.c reads it).
-- Workstream 1 is about the skills of mainstream school staff: a workforce
-- concern as well as an inclusion one, which no generic phrase can tell.
return {
  assign = {
    { id = "workstream-1-skills", kind = "concern", ref = "1",
      theme = "workforce_capacity", why = "SKILLS AND COMMITMENT OF SOME MAINSTREAM SCHOOLS" },
  },
}
