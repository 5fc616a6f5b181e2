# The test fuzz/replay (cmake -P): every replay_<target> of BIN on its seed
# corpus (CORPUS/<target>, which must not be empty) and on the inputs that
# once crashed it (REGRESSIONS/<target>, which may be). TARGETS is a comma
# list. Fails if any replay fails.
string(REPLACE "," ";" targets "${TARGETS}")
set(failed "")
foreach(target ${targets})
  execute_process(COMMAND ${BIN}/replay_${target} ${CORPUS}/${target} ${REGRESSIONS}/${target}
                  RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    list(APPEND failed ${target})
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "fuzz/replay: failed: ${failed}")
endif()
message("fuzz/replay: ${TARGETS}: all replayed")
