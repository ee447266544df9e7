#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/targets.cmake) into build-fuzz/ with clang and runs them.
#   scripts/fuzz.sh SECONDS [TARGET]   each target (or only TARGET) for SECONDS
# The working corpus grows in build-fuzz/corpus/<target>/ (the seeds in the repository are only
# read); a crash leaves its reproducer in build-fuzz/artifacts/ and fails the run.
# PARAMETRIC_FUZZ_SEED fixes libFuzzer's random seed: ./dev test sets it, so a gate's verdict on a
# tree is the one a developer reproduces from the same tree; ./dev fuzz explores with a new seed.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${PARAMETRIC_FUZZ_BUILD_DIR:-$ROOT/build-fuzz}
SECONDS_EACH=${1:?seconds per target}
ONLY=${2:-}

gen=()
[[ -f "$BUILD/CMakeCache.txt" ]] || gen=(-G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo)
cmake -S "$ROOT/fuzz" -B "$BUILD" "${gen[@]}" >/dev/null
cmake --build "$BUILD" --parallel "$(nproc)"

mkdir -p "$BUILD/corpus" "$BUILD/artifacts" "$BUILD/logs"
failed=0
found=0
while read -r name regressions seeds; do
  [[ -n $ONLY && $name != "$ONLY" ]] && continue
  found=1
  corpus=$BUILD/corpus/$name
  mkdir -p "$corpus"
  dirs=("$corpus")
  [[ -d $regressions ]] && dirs+=("$regressions")
  read -ra seed_dirs <<<"$seeds"
  dirs+=("${seed_dirs[@]}")
  log=$BUILD/logs/$name.log
  # Qt keeps allocations in static data until exit; those are not leaks of the code under test.
  if ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 "$BUILD/fuzz_$name" \
       -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       ${PARAMETRIC_FUZZ_SEED:+-seed="$PARAMETRIC_FUZZ_SEED"} \
       -artifact_prefix="$BUILD/artifacts/$name-" "${dirs[@]}" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    printf 'fuzz %-14s %10s executions in %ss, corpus %s inputs, nothing found\n' \
      "$name" "${runs:-?}" "$SECONDS_EACH" "$(find "$corpus" -type f | wc -l)"
  else
    failed=1
    echo "fuzz $name FOUND A PROBLEM; log: $log" >&2
    grep -E "ERROR|SUMMARY|Test unit written|deadly signal|==[0-9]+==" "$log" | head -20 >&2 || tail -30 "$log" >&2
    echo "Copy the reproducer into tests/fuzz/$name/ (replayed by CTest fuzz_replay_$name), then fix it." >&2
  fi
done <"$BUILD/targets.txt"
[[ $found == 1 ]] || { echo "no fuzz target named '$ONLY' (see fuzz/targets.cmake)" >&2; exit 2; }
exit "$failed"
