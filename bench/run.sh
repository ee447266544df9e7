#!/usr/bin/env bash
# bench/run.sh BUILD_DIR — starts the server on a throwaway PostgreSQL cluster and prints, side by
# side in one run: the bare QHttpServer ceiling, liveness, readiness, /auth/me, icon generation,
# history listing at two table sizes next to pgbench running the same SQL, the server's memory, and
# sanitiser throughput; then issue 12's table with every figure next to its target as a ratio from
# this run. Figures only; no pass/fail exit status.
#
# Environment: BENCH_DURATION (wrk/pgbench run length, default 8s), BENCH_CONNECTIONS (the
# connection counts, default "32 50").
set -euo pipefail
BUILD=${1:?usage: bench/run.sh BUILD_DIR}
BUILD=$(cd "$BUILD" && pwd)
DURATION=${BENCH_DURATION:-8s}
CONNECTION_COUNTS=(${BENCH_CONNECTIONS:-32 50})
THREADS=2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/cluster.bash
source "$ROOT/bench/cluster.bash"
export QT_LOGGING_RULES="parametric.server.http.info=false"

wait_port() { for _ in $(seq 200); do grep -q "listening on" "$1" 2>/dev/null && return 0; sleep 0.05; done; return 1; }

# Figures of this run, one "key value" per line, for the summary at the end.
RESULTS=$WORK/results
: > "$RESULTS"
record() { echo "$1 $2" >> "$RESULTS"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# wrk prints requests/s and, with --latency, the percentile table; pull out req/s and p99.
measure() { # name connections url [extra wrk args…]
  local name=$1 connections=$2 url=$3; shift 3
  local threads=$((connections < THREADS ? connections : THREADS))
  local out; out=$(wrk -t$threads -c"$connections" -d"$DURATION" --latency "$@" "$url" 2>&1)
  local rps p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); non2xx=${non2xx:-0}
  printf '  %-30s %12s req/s   p99 %9s   non-2xx %s\n' "$name@$connections" "$rps" "$p99" "$non2xx"
  record "$name@$connections" "$rps"
}

# Figures that are compared as ratios are measured interleaved: ROUNDS short wrk runs of each
# target in turn, so a build starting on the shared machine halfway through slows all of them alike.
ROUNDS=${BENCH_ROUNDS:-4}
measure_interleaved() { # connections, then "name|url|extra wrk args" per target
  local connections=$1; shift
  local seconds=$(( ${DURATION%s} / ROUNDS )); ((seconds >= 1)) || seconds=1
  declare -A requests=() elapsed=() errors=()
  local round target name url extra out
  for ((round = 0; round < ROUNDS; ++round)); do
    for target in "$@"; do
      IFS='|' read -r name url extra <<<"$target"
      # shellcheck disable=SC2086 # extra holds wrk options
      out=$(wrk -t$THREADS -c"$connections" -d${seconds}s $extra "$url" 2>&1)
      requests[$name]=$(( ${requests[$name]:-0} + $(awk '/requests in/ {print $1}' <<<"$out") ))
      elapsed[$name]=$(python3 -c "print(${elapsed[$name]:-0} + float('$(awk '/requests in/ {print $4}' <<<"$out")'.rstrip('ms,')))")
      errors[$name]=$(( ${errors[$name]:-0} + $(awk '/Non-2xx/ {print $NF}' <<<"$out" | grep . || echo 0) ))
    done
  done
  for target in "$@"; do
    IFS='|' read -r name url extra <<<"$target"
    local rps; rps=$(python3 -c "print(f'{${requests[$name]} / ${elapsed[$name]}:.2f}')")
    printf '  %-30s %12s req/s   (%d runs of %ds)   non-2xx %s\n' "$name@$connections" "$rps" "$ROUNDS" "$seconds" "${errors[$name]}"
    record "$name@$connections" "$rps"
  done
}
value() { awk -v k="$1" '$1==k {v=$2} END {print v}' "$RESULTS"; }
ratio() { python3 -c "a=float('$(value "$1")' or 0);b=float('$(value "$2")' or 0);print(f'{a/b:.2f}' if b else 'n/a')"; }

# Resident memory of a process: now, and its peak so far (kB).
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }

echo "== Load: $(load) (1/5/15-minute load averages of this $(nproc)-core machine, shared with builds)"
record load-start "$(load | tr ' ' '/')"

"$BUILD/bench/hello/bench_hello" > "$WORK/hello.port" & PIDS+=($!)
for _ in $(seq 100); do [[ -s $WORK/hello.port ]] && break; sleep 0.05; done
HELLO_PORT=$(head -n1 "$WORK/hello.port")

"$BUILD/server/parametric-server" --port 0 > "$WORK/server.log" 2>&1 & PIDS+=($!)
wait_port "$WORK/server.log"
API_PORT=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$WORK/server.log" | grep -o '[0-9]*$')
API="http://127.0.0.1:$API_PORT"
for _ in $(seq 100); do curl -sf "$API/api/health/readiness" >/dev/null && break; sleep 0.1; done

eval "$("$BUILD/bench/authtoken/bench_auth_token")"
printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$BENCH_AUTH_TOKEN" > "$WORK/me.lua"
echo "== HTTP and /auth/me (wrk -t$THREADS, interleaved; server and wrk share the cores)"
for c in "${CONNECTION_COUNTS[@]}"; do
  measure_interleaved "$c" "hello-ceiling|http://127.0.0.1:$HELLO_PORT/hello|" "liveness|$API/api/health/liveness|" \
    "readiness|$API/api/health/readiness|" "auth-me|$API/api/auth/me|-s $WORK/me.lua"
  echo "  liveness@$c = $(ratio "liveness@$c" "hello-ceiling@$c") of the ceiling (target >= 0.80), readiness@$c = $(ratio "readiness@$c" "hello-ceiling@$c") (target >= 0.50), auth-me@$c = $(ratio "auth-me@$c" "liveness@$c") of liveness (target >= 0.50)"
done

for extra in "$ROOT"/bench/*.sh; do
  [[ $(basename "$extra") == run.sh ]] && continue
  # Domain benchmarks share the running server and the helpers above.
  # shellcheck source=/dev/null
  source "$extra"
done

if [[ -x "$BUILD/bench/generator/bench_generator" ]]; then
  echo "== Built-in generator (CPU per call, no HTTP or database)"
  "$BUILD/bench/generator/bench_generator"
fi

if [[ -x "$BUILD/bench/sanitizer/bench_sanitizer" ]]; then
  echo "== SVG sanitiser"
  line=$("$BUILD/bench/sanitizer/bench_sanitizer" 2>/dev/null)
  echo "  $line"
  record sanitizer-mbps "$(grep -o '[0-9.]* MB/s' <<<"$line" | cut -d' ' -f1)"
fi

record load-end "$(load | tr ' ' '/')"
echo
python3 "$ROOT/bench/summary.py" "$RESULTS"
