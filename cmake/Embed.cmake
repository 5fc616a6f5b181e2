# sendlens_embed(FILE SYMBOL OUTPUT): compile a text file into the program as
# `const char SYMBOL[]`, so the binary carries its own schema.
function(sendlens_embed input symbol output)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${input})
  file(READ ${input} hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  file(WRITE ${output}.tmp "/* Generated from ${input}; do not edit. */\nconst char ${symbol}[] = {${bytes}0x00};\n")
  file(COPY_FILE ${output}.tmp ${output} ONLY_IF_DIFFERENT)
endfunction()
