# sendlens_add_plugin(NAME source.c ...): an area plugin, built as
# plugins/NAME.so in the build tree with its documents beside it in
# plugins/NAME/sources (a link to the source tree, so an edited document
# reloads without a rebuild), and installed the same way. A plugin's own
# mapping rules, plugins/NAME/NAME.lua when there is one, go beside its .so
# as NAME.lua (core/mapping.c reads them for that area).
function(sendlens_add_plugin name)
  add_library(sendlens_plugin_${name} MODULE ${ARGN})
  target_include_directories(sendlens_plugin_${name} PRIVATE ${CMAKE_SOURCE_DIR}/core/include)
  set_target_properties(sendlens_plugin_${name} PROPERTIES
    PREFIX "" OUTPUT_NAME ${name}
    LIBRARY_OUTPUT_DIRECTORY ${SENDLENS_PLUGIN_BUILD_DIR}
    C_VISIBILITY_PRESET hidden)
  file(MAKE_DIRECTORY ${SENDLENS_PLUGIN_BUILD_DIR}/${name})
  if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/sources AND NOT EXISTS ${SENDLENS_PLUGIN_BUILD_DIR}/${name}/sources)
    file(CREATE_LINK ${CMAKE_CURRENT_SOURCE_DIR}/sources ${SENDLENS_PLUGIN_BUILD_DIR}/${name}/sources SYMBOLIC)
  endif()
  set(rules ${CMAKE_CURRENT_SOURCE_DIR}/${name}.lua)
  if(EXISTS ${rules})
    if(NOT EXISTS ${SENDLENS_PLUGIN_BUILD_DIR}/${name}.lua)
      file(CREATE_LINK ${rules} ${SENDLENS_PLUGIN_BUILD_DIR}/${name}.lua SYMBOLIC)
    endif()
    install(FILES ${rules} DESTINATION ${SENDLENS_PLUGIN_INSTALL_DIR})
  endif()
  install(TARGETS sendlens_plugin_${name} LIBRARY DESTINATION ${SENDLENS_PLUGIN_INSTALL_DIR})
  install(DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/sources DESTINATION ${SENDLENS_PLUGIN_INSTALL_DIR}/${name})
  set_property(GLOBAL APPEND PROPERTY SENDLENS_PLUGINS ${name})
endfunction()
