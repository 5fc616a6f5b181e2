# Included by tests/CMakeLists.txt in every build. The fuzz targets of this
# folder, their seed corpora (made from the real documents at configure
# time), and the test fuzz/replay: each target's entry, compiled with
# replay.c as main, run on its seeds and on regressions/<target>/.
set(SENDLENS_FUZZ_TARGETS fuzz_letter fuzz_table fuzz_paragraphs fuzz_areas fuzz_json fuzz_csv fuzz_xlsx
    fuzz_cases fuzz_statistics fuzz_period fuzz_wire fuzz_manifest)
set(SENDLENS_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})
set(SENDLENS_FUZZ_CORPUS ${CMAKE_BINARY_DIR}/fuzz-corpus)

file(GLOB SENDLENS_FUZZ_DOCUMENTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/plugins/*/sources/*.txt)

# Seeds: every document for the parsers; for fuzz_areas the same with a
# first line naming the document it replaces; the JSON files for fuzz_json;
# the progress return example and a file of quoting cases for fuzz_csv;
# the hand-made case file of tests/data/cases/ for fuzz_cases; small
# statistics files in seeds/fuzz_statistics/ for fuzz_statistics;
# for fuzz_period, a file of the period forms of docs/periods.md and the
# documents (a line each); for fuzz_wire, what a plugin's child wrote to
# its pipe (seeds/fuzz_wire/, made by tests/fuzz/seeds/fuzz_wire/README.md's
# command); for fuzz_xlsx, sheets (and their shared strings) of workbooks written by
# openpyxl and by libxlsxwriter, kept in seeds/fuzz_xlsx/; for fuzz_manifest,
# every plugin's and fixture's sources/sources.json.
function(sendlens_fuzz_seeds)
  file(REMOVE_RECURSE ${SENDLENS_FUZZ_CORPUS})
  foreach(document ${SENDLENS_FUZZ_DOCUMENTS})
    get_filename_component(name ${document} NAME)
    get_filename_component(sources ${document} DIRECTORY)
    get_filename_component(plugin_dir ${sources} DIRECTORY)
    get_filename_component(plugin ${plugin_dir} NAME)
    foreach(target fuzz_letter fuzz_table fuzz_paragraphs)
      configure_file(${document} ${SENDLENS_FUZZ_CORPUS}/${target}/${plugin}-${name} COPYONLY)
    endforeach()
    file(READ ${document} text)
    file(WRITE ${SENDLENS_FUZZ_CORPUS}/fuzz_areas/${plugin}-${name} "${plugin}/${name}\n${text}")
  endforeach()
  configure_file(${CMAKE_SOURCE_DIR}/schemas/progress-return.example.csv
                 ${SENDLENS_FUZZ_CORPUS}/fuzz_csv/progress-return.example.csv COPYONLY)
  file(WRITE ${SENDLENS_FUZZ_CORPUS}/fuzz_csv/quoting.csv
       "# comment\nid,\"a \"\"quoted\"\", cell\",\"two\r\nlines\"\r\n,,\n\"open")
  configure_file(${CMAKE_SOURCE_DIR}/tests/data/cases/ehc_small.csv
                 ${SENDLENS_FUZZ_CORPUS}/fuzz_cases/ehc_small.csv COPYONLY)
  file(GLOB statistics_seeds ${SENDLENS_FUZZ_DIR}/seeds/fuzz_statistics/*.csv)
  foreach(seed ${statistics_seeds})
    get_filename_component(name ${seed} NAME)
    configure_file(${seed} ${SENDLENS_FUZZ_CORPUS}/fuzz_statistics/${name} COPYONLY)
  endforeach()
  configure_file(${SENDLENS_FUZZ_DIR}/seeds/fuzz_period/forms.txt
                 ${SENDLENS_FUZZ_CORPUS}/fuzz_period/forms.txt COPYONLY)
  foreach(document ${SENDLENS_FUZZ_DOCUMENTS})
    get_filename_component(name ${document} NAME)
    get_filename_component(sources ${document} DIRECTORY)
    get_filename_component(plugin_dir ${sources} DIRECTORY)
    get_filename_component(plugin ${plugin_dir} NAME)
    configure_file(${document} ${SENDLENS_FUZZ_CORPUS}/fuzz_period/${plugin}-${name} COPYONLY)
  endforeach()
  file(GLOB wire_seeds ${SENDLENS_FUZZ_DIR}/seeds/fuzz_wire/*.wire)
  foreach(seed ${wire_seeds})
    get_filename_component(name ${seed} NAME)
    configure_file(${seed} ${SENDLENS_FUZZ_CORPUS}/fuzz_wire/${name} COPYONLY)
  endforeach()
  file(GLOB xlsx_seeds ${SENDLENS_FUZZ_DIR}/seeds/fuzz_xlsx/*.seed)
  foreach(seed ${xlsx_seeds})
    get_filename_component(name ${seed} NAME)
    configure_file(${seed} ${SENDLENS_FUZZ_CORPUS}/fuzz_xlsx/${name} COPYONLY)
  endforeach()
  file(GLOB manifests ${CMAKE_SOURCE_DIR}/plugins/*/sources/sources.json
       ${CMAKE_SOURCE_DIR}/tests/plugins/fixtures/*/sources/sources.json)
  foreach(manifest ${manifests})
    get_filename_component(sources ${manifest} DIRECTORY)
    get_filename_component(plugin_dir ${sources} DIRECTORY)
    get_filename_component(plugin ${plugin_dir} NAME)
    configure_file(${manifest} ${SENDLENS_FUZZ_CORPUS}/fuzz_manifest/${plugin}.json COPYONLY)
  endforeach()
  file(WRITE ${SENDLENS_FUZZ_CORPUS}/fuzz_manifest/plan.json
       "{\"documents\": {\"plan.txt\": {\"title\": \"A plan\", \"publisher\": \"A council\", "
       "\"url\": \"https://example.org:8443/plan.pdf?v=1&f=pdf#p2\", \"licence\": \"OGL\"}}}\n")
  foreach(json themes.json model.schema.json)
    configure_file(${CMAKE_SOURCE_DIR}/schemas/${json} ${SENDLENS_FUZZ_CORPUS}/fuzz_json/${json}
                   COPYONLY)
  endforeach()
endfunction()
sendlens_fuzz_seeds()

get_property(sendlens_fuzz_plugins GLOBAL PROPERTY SENDLENS_PLUGINS)
foreach(target ${SENDLENS_FUZZ_TARGETS})
  add_executable(replay_${target} ${SENDLENS_FUZZ_DIR}/${target}.c ${SENDLENS_FUZZ_DIR}/replay.c)
  target_link_libraries(replay_${target} PRIVATE sendlens_core)
endforeach()
foreach(plugin ${sendlens_fuzz_plugins})
  add_dependencies(replay_fuzz_areas sendlens_plugin_${plugin})
endforeach()

string(REPLACE ";" "," sendlens_fuzz_list "${SENDLENS_FUZZ_TARGETS}")
add_test(NAME fuzz/replay
  COMMAND ${CMAKE_COMMAND} -DTARGETS=${sendlens_fuzz_list} -DBIN=$<TARGET_FILE_DIR:replay_fuzz_json>
          -DCORPUS=${SENDLENS_FUZZ_CORPUS} -DREGRESSIONS=${SENDLENS_FUZZ_DIR}/regressions
          -P ${SENDLENS_FUZZ_DIR}/replay_all.cmake)
set_tests_properties(fuzz/replay PROPERTIES ENVIRONMENT "${SENDLENS_TEST_ENV}" TIMEOUT 300)
