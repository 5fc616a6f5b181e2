# sendlens_embed(FILE SYMBOL OUTPUT): compile a text file into the program as
# `const char SYMBOL[]`, so the binary carries its own schema.
function(sendlens_embed input symbol output)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${input})
  file(READ ${input} hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  file(WRITE ${output}.tmp "/* Generated from ${input}; do not edit. */\nconst char ${symbol}[] = {${bytes}0x00};\n")
  file(COPY_FILE ${output}.tmp ${output} ONLY_IF_DIFFERENT)
endfunction()

# sendlens_embed_migrations(DIR OUTPUT VERSION_VARIABLE): every DIR/NNN_*.sql,
# numbered from 002 without a gap, compiled into the program as one table
# `const char *const sl_store_migration_sql[]` (the step from version N - 1
# to N at index N - 2), so a migration is a file and nothing else; sets
# VERSION_VARIABLE to the schema version they reach (store.sql is 1).
function(sendlens_embed_migrations dir output version_variable)
  file(GLOB migrations CONFIGURE_DEPENDS ${dir}/[0-9][0-9][0-9]_*.sql)
  list(SORT migrations)
  set(body "/* Generated from ${dir}; do not edit. */\n")
  set(table "const char *const sl_store_migration_sql[] = {\n")
  set(expected 2)
  foreach(migration ${migrations})
    get_filename_component(name ${migration} NAME)
    string(SUBSTRING ${name} 0 3 number)
    math(EXPR number "${number}")
    if(NOT number EQUAL expected)
      message(FATAL_ERROR "${name}: migrations are numbered from 002 without a gap; expected ${expected}")
    endif()
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${migration})
    file(READ ${migration} hex HEX)
    string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
    string(APPEND body "static const char migration_${number}[] = {${bytes}0x00};\n")
    string(APPEND table "    migration_${number},\n")
    math(EXPR expected "${expected} + 1")
  endforeach()
  file(WRITE ${output}.tmp "${body}${table}    0};\n")
  file(COPY_FILE ${output}.tmp ${output} ONLY_IF_DIFFERENT)
  math(EXPR version "${expected} - 1")
  set(${version_variable} ${version} PARENT_SCOPE)
endfunction()
