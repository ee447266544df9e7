# QML sources and resources of the ParametricIcons module, relative to qml/ (included by app/CMakeLists.txt,
# which sets QT_RESOURCE_ALIAS from these paths and marks `pragma Singleton` files as singletons).
#   Main.qml, Theme.qml (singleton)   → qrc:/ParametricIcons/<name>.qml (6.4)
#   pages/*.qml, components/*.qml     → types of the module, named after the file
#   icons/*.svg                       → line icons, tinted at run time (Theme.icon(name))
file(GLOB PARAMETRIC_QML_FILES RELATIVE ${CMAKE_CURRENT_LIST_DIR} CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_LIST_DIR}/*.qml
     ${CMAKE_CURRENT_LIST_DIR}/pages/*.qml
     ${CMAKE_CURRENT_LIST_DIR}/components/*.qml)
file(GLOB PARAMETRIC_QML_RESOURCES RELATIVE ${CMAKE_CURRENT_LIST_DIR} CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_LIST_DIR}/icons/*.svg)
list(SORT PARAMETRIC_QML_FILES)
list(SORT PARAMETRIC_QML_RESOURCES)
