-- 006_record_names.sql: schema version 5 -> 6. One name per field in every
-- layer (core/include/sendlens/records.def): the columns that were named
-- otherwise than the record's field take its name, the one the C struct,
-- the JSON export and Lua already used. Both are SQL keywords, so SQL
-- quotes them: measure."group", review."by".
ALTER TABLE measure RENAME COLUMN heading TO "group";
ALTER TABLE review RENAME COLUMN held_by TO "by";
