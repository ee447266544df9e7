# The fuzz targets: one line each. fuzz/<name>.cpp defines LLVMFuzzerTestOneInput; SOURCES are the
# repository files it needs (only those: the fuzz build compiles them with clang and libFuzzer),
# LIBS the Qt libraries, SEEDS folders of example inputs (relative to the repository).
# tests/fuzz/<name>/ holds the inputs that once crashed; the main build replays them and the seeds
# (CTest: fuzz_replay_<name>), ./dev test fuzzes each target briefly and ./dev fuzz for longer.
parametric_fuzz_target(http_framing SOURCES server/http/httpframing.cpp LIBS Qt6::Core SEEDS tests/fuzz/seeds/http_framing)
parametric_fuzz_target(json_body SOURCES server/http/request.cpp server/http/apierror.cpp LIBS Qt6::Core Qt6::Network SEEDS tests/fuzz/seeds/json_body)
parametric_fuzz_target(svg_sanitizer SOURCES shared/svg/svgsanitizer.cpp shared/svg/svgsanitizerrules.cpp shared/svg/svgsanitizercss.cpp shared/svg/svgsanitizerwriter.cpp shared/svg/svgpath.cpp shared/svg/svgsyntax.cpp LIBS Qt6::Core Qt6::Gui Qt6::Xml SEEDS tests/shared/data/benign tests/shared/data/malicious)
parametric_fuzz_target(svg_path SOURCES shared/svg/svgpath.cpp shared/svg/svgsyntax.cpp LIBS Qt6::Core Qt6::Gui SEEDS tests/fuzz/seeds/svg_path)
parametric_fuzz_target(scene SOURCES shared/scene/scene.cpp shared/scene/sceneparser.cpp shared/scene/sceneparserobjects.cpp shared/scene/flatdrawing.cpp shared/scene/flatten.cpp shared/scene/kit3d.cpp shared/scene/kit3dshapes.cpp shared/scene/scenerenderer.cpp shared/icons/icondesign.cpp shared/icons/designcheck.cpp shared/svg/svgsanitizer.cpp shared/svg/svgsanitizerrules.cpp shared/svg/svgsanitizercss.cpp shared/svg/svgsanitizerwriter.cpp shared/svg/svgpath.cpp shared/svg/svgsyntax.cpp LIBS Qt6::Core Qt6::Gui Qt6::Xml SEEDS tests/fuzz/seeds/scene)
