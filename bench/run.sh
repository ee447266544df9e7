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
WORK=$(mktemp -d /tmp/parametric-bench.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

PGBIN=${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)}
RUN=(); if [[ $(id -u) -eq 0 ]]; then RUN=(runuser -u postgres --); chown postgres "$WORK"; fi
PGPORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
"${RUN[@]}" "$PGBIN/initdb" -D "$WORK/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$WORK/initdb.log"
"${RUN[@]}" "$PGBIN/pg_ctl" -D "$WORK/data" -l "$WORK/pg.log" -w -o "-k $WORK -c listen_addresses='' -p $PGPORT -c fsync=off -c synchronous_commit=off -c max_connections=200" start >/dev/null
stop_pg() { "${RUN[@]}" "$PGBIN/pg_ctl" -D "$WORK/data" -m fast -w stop >/dev/null 2>&1 || true; }
trap 'stop_pg; cleanup' EXIT
export POSTGRES_HOST=$WORK POSTGRES_PORT=$PGPORT POSTGRES_DB=bench POSTGRES_USER=postgres
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
