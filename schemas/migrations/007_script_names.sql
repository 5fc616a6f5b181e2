-- 007_script_names.sql: schema version 6 -> 7. Indicator results name the
-- script that computed them by its file name alone (core/indicators.c):
-- a folder is a path on the machine that ran it, and results are
-- published. Results stored before keep their script's name, without the
-- folder (everything up to the last '/' dropped).
UPDATE indicator_result
SET script = substr(script, length(rtrim(script, replace(script, '/', ''))) + 1)
WHERE instr(script, '/') > 0;
