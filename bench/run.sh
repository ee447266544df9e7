#!/usr/bin/env bash
# bench/run.sh BUILD_DIR — starts the server on a throwaway PostgreSQL cluster and prints, side by
# side in one run: the bare QHttpServer ceiling, liveness, readiness, /auth/me, icon generation,
# history listing at two table sizes, and sanitiser throughput. Figures only; no pass/fail.
set -euo pipefail
BUILD=${1:?usage: bench/run.sh BUILD_DIR}
DURATION=${BENCH_DURATION:-8s}
CONNECTIONS=${BENCH_CONNECTIONS:-50}
THREADS=2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/cluster.bash
source "$ROOT/bench/cluster.bash"
export QT_LOGGING_RULES="parametric.server.http.info=false"

wait_port() { for _ in $(seq 200); do grep -q "listening on" "$1" 2>/dev/null && return 0; sleep 0.05; done; return 1; }

"$BUILD/bench/hello/bench_hello" > "$WORK/hello.port" & PIDS+=($!)
for _ in $(seq 100); do [[ -s $WORK/hello.port ]] && break; sleep 0.05; done
HELLO_PORT=$(head -n1 "$WORK/hello.port")

"$BUILD/server/parametric-server" --port 0 > "$WORK/server.log" 2>&1 & PIDS+=($!)
wait_port "$WORK/server.log"
API_PORT=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$WORK/server.log" | grep -o '[0-9]*$')
API="http://127.0.0.1:$API_PORT"
for _ in $(seq 100); do curl -sf "$API/api/health/readiness" >/dev/null && break; sleep 0.1; done

# wrk prints requests/s and, with --latency, the percentile table; pull out req/s and p99.
measure() { # name url [extra wrk args…]
  local name=$1 url=$2; shift 2
  local out; out=$(wrk -t$THREADS -c$CONNECTIONS -d"$DURATION" --latency "$@" "$url" 2>&1)
  local rps p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); non2xx=${non2xx:-0}
  printf '%-34s %12s req/s   p99 %9s   non-2xx %s\n' "$name" "$rps" "$p99" "$non2xx"
  echo "$rps"  > "$WORK/$name.rps"
}
ratio() { python3 -c "import sys;a=float(open('$WORK/$1.rps').read());b=float(open('$WORK/$2.rps').read());print(f'{a/b*100:.0f}%')"; }

echo "== HTTP (wrk -t$THREADS -c$CONNECTIONS -d$DURATION, server and wrk share this machine's $(nproc) cores)"
measure hello-ceiling "http://127.0.0.1:$HELLO_PORT/hello"
measure liveness "$API/api/health/liveness"
measure readiness "$API/api/health/readiness"
echo "liveness  = $(ratio liveness hello-ceiling) of the ceiling (target >= 80%)"
echo "readiness = $(ratio readiness hello-ceiling) of the ceiling (target >= 50%)"

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
  "$BUILD/bench/sanitizer/bench_sanitizer"
fi
