# installer_nsis: cpack -G NSIS on this build tree. makensis compiles the generated script, so a setting
# it rejects fails here; then the script is checked for what a Windows user relies on (icon, Start-menu
# entry, uninstaller, both components). The binaries inside are Linux ones: this validates the settings.
#   cmake -DBUILD_DIR=<build> -P nsis_test.cmake
string(RANDOM LENGTH 8 _suffix)
set(out "${BUILD_DIR}/nsis-test-${_suffix}")
execute_process(COMMAND ${CMAKE_CPACK_COMMAND} -G NSIS -B "${out}"
  WORKING_DIRECTORY "${BUILD_DIR}" RESULT_VARIABLE rc OUTPUT_VARIABLE log ERROR_VARIABLE log)
file(GLOB exe "${out}/*.exe")
file(GLOB_RECURSE nsi "${out}/_CPack_Packages/*/NSIS/project.nsi")
set(errors "")
if(NOT rc EQUAL 0 OR NOT exe)
  string(APPEND errors "cpack -G NSIS failed (${rc}):\n${log}\n")
else()
  file(READ "${exe}" magic LIMIT 2 HEX)
  if(NOT magic STREQUAL "4d5a")
    string(APPEND errors "${exe} is not a Windows executable\n")
  endif()
  file(READ "${nsi}" script)
  foreach(needle
      "!define MUI_ICON"                       # installer icon = the app icon
      "io.parametric.icons.ico"
      "WriteUninstaller"                       # uninstaller written …
      "Section \"Uninstall\""                  # … and its section
      "Parametric Icons.lnk"                   # Start-menu entry for the app
      "Uninstall.lnk"
      "Section \"Parametric Icons\" app"       # component: app
      "Headless server")                       # component: server
    string(FIND "${script}" "${needle}" at)
    if(at EQUAL -1)
      string(APPEND errors "project.nsi lacks: ${needle}\n")
    endif()
  endforeach()
endif()
file(REMOVE_RECURSE "${out}")
if(errors)
  message(FATAL_ERROR "${errors}")
endif()
message(STATUS "NSIS installer built and checked: ${exe}")
