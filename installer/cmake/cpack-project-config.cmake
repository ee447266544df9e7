# CPACK_PROJECT_CONFIG_FILE: runs inside cpack, once per generator, so it always sees the QML as it is now.

# The macOS disk image is the app bundle only (a server on a Mac runs from Docker or `parametric-icons --headless`).
if(CPACK_GENERATOR STREQUAL "DragNDrop")
  list(GET CPACK_INSTALL_CMAKE_PROJECTS 0 _parametric_build_dir)
  list(GET CPACK_INSTALL_CMAKE_PROJECTS 1 _parametric_project)
  set(CPACK_INSTALL_CMAKE_PROJECTS "${_parametric_build_dir};${_parametric_project};app;/")
endif()

# Debian: shlibdeps cannot see QML modules, which Qt loads at run time; a missing one only shows up as
# "module ... is not installed" when the window opens. qmlimportscanner resolves every import of qml/
# (transitively, e.g. Controls → Templates, Basic → Shapes) to a directory, and dpkg says which package
# owns that directory's qmldir. The result is the exact package list for this build of the QML.
list(FIND CPACK_COMPONENTS_ALL app _parametric_app_index)
if(CPACK_GENERATOR STREQUAL "DEB" AND _parametric_app_index GREATER -1)
  if(NOT CPACK_PARAMETRIC_QMLIMPORTSCANNER OR NOT EXISTS "${CPACK_PARAMETRIC_QMLIMPORTSCANNER}")
    message(FATAL_ERROR "DEB: qmlimportscanner not found; it is needed to declare the QML module packages.")
  endif()
  find_program(_parametric_dpkg_query dpkg-query)
  if(NOT _parametric_dpkg_query)
    message(FATAL_ERROR "DEB: dpkg-query not found; build the Debian package on Debian with Debian's Qt.")
  endif()

  set(_scan_args)
  foreach(root IN LISTS CPACK_PARAMETRIC_QML_ROOTS)
    if(IS_DIRECTORY "${root}")
      list(APPEND _scan_args -rootPath "${root}")
    endif()
  endforeach()
  execute_process(
    COMMAND "${CPACK_PARAMETRIC_QMLIMPORTSCANNER}" ${_scan_args} -importPath "${CPACK_PARAMETRIC_QML_IMPORT_PATH}"
    OUTPUT_VARIABLE _imports RESULT_VARIABLE _rc ERROR_VARIABLE _err)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "DEB: qmlimportscanner failed (${_rc}): ${_err}")
  endif()

  set(_qmldirs)
  set(_names)
  string(JSON _count LENGTH "${_imports}")
  if(_count GREATER 0)
    math(EXPR _last "${_count} - 1")
    foreach(i RANGE ${_last})
      string(JSON _name ERROR_VARIABLE _e GET "${_imports}" ${i} name)
      string(JSON _path ERROR_VARIABLE _no_path GET "${_imports}" ${i} path)
      if(_name)
        list(APPEND _names "${_name}")
      endif()
      # Imports without a path are the app's own module (compiled in) or styles for other platforms.
      if(NOT _no_path AND EXISTS "${_path}/qmldir")
        list(APPEND _qmldirs "${_path}/qmldir")
      endif()
    endforeach()
  endif()

  set(_qml_packages)
  if(_qmldirs)
    execute_process(COMMAND "${_parametric_dpkg_query}" -S ${_qmldirs}
      OUTPUT_VARIABLE _owners RESULT_VARIABLE _rc ERROR_VARIABLE _err)
    if(NOT _rc EQUAL 0)
      message(FATAL_ERROR "DEB: some QML modules are not from a Debian package (${_err}). "
                          "Build the .deb against Debian's Qt.")
    endif()
    string(REPLACE "\n" ";" _owners "${_owners}")
    foreach(line IN LISTS _owners)
      if(line MATCHES "^([^:]+):[^:]*: ")
        string(REPLACE ", " ";" _pkgs "${CMAKE_MATCH_1}")
        list(APPEND _qml_packages ${_pkgs})
      endif()
    endforeach()
  endif()
  # QtQuick.Dialogs' implementation imports these from its QML files, which the scanner does not follow.
  list(FIND _names "QtQuick.Dialogs" _dialogs_index)
  if(_dialogs_index GREATER -1)
    list(APPEND _qml_packages qml6-module-qt-labs-folderlistmodel qml6-module-qtquick-layouts)
  endif()
  list(REMOVE_DUPLICATES _qml_packages)
  list(SORT _qml_packages)
  string(REPLACE ";" ", " _qml_depends "${_qml_packages}")
  set(CPACK_DEBIAN_APP_PACKAGE_DEPENDS "${CPACK_PARAMETRIC_DEB_APP_DEPENDS}")
  if(_qml_depends)
    string(APPEND CPACK_DEBIAN_APP_PACKAGE_DEPENDS ", ${_qml_depends}")
  endif()
  message(STATUS "parametric-icons QML dependencies: ${_qml_depends}")
endif()
