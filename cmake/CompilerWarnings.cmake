# Warnings applied to every target of ours (not to Qt's generated code).
function(parametric_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-unused-parameter)
endfunction()
