#!/usr/bin/env bash
# bench/studio/memory.sh BUILD_DIR [ICONS] — the desktop app's memory and cold start with a full history.
#  1. fills a fresh integrated-mode data folder with ICONS (default 1000) icons through the real API:
#     the app's own backend run headless (`--headless`), local sign-in, POST /api/icons (built-in
#     generator, 1–3 variants each);
#  2. starts the app on that folder (offscreen, or the X display in $DISPLAY with BENCH_PLATFORM=xcb),
#     waits for the history to load and 10 s of idle, and prints PSS (/proc/PID/smaps_rollup: the
#     app process with its in-process server; the PostgreSQL processes are separate and not counted),
#     the largest mappings, and the cold-start time to the first frame and to a ready backend.
# Figures only; no pass/fail.
set -euo pipefail
BUILD=${1:?usage: bench/studio/memory.sh BUILD_DIR [ICONS]}
ICONS=${2:-1000}
APP=$BUILD/app/parametric-icons
PLATFORM=${BENCH_PLATFORM:-offscreen}
WORK=$(mktemp -d /tmp/parametric-studio-bench.XXXXXX)
chmod 755 "$WORK"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
export HOME=$WORK/home XDG_RUNTIME_DIR=$WORK/run
mkdir -p "$HOME" && mkdir -p -m700 "$XDG_RUNTIME_DIR"
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

# 1. Fill the history through the API of the app's own backend.
PORT=$(free_port)
head -c 32 /dev/urandom | base64 | tr -d '/+=\n' > "$WORK/secret"
GENERATION_RATE_PER_MIN=100000 GENERATION_DAILY_CAP=100000 GENERATION_MAX_IN_FLIGHT_PER_USER=8 \
  QT_LOGGING_RULES="parametric.server.http.info=false" \
  "$APP" --headless --data-dir "$WORK/data" --port "$PORT" --local-login-secret-file "$WORK/secret" \
  > "$WORK/headless.log" 2>&1 & HEADLESS=$!; PIDS+=($HEADLESS)
API=http://127.0.0.1:$PORT
for _ in $(seq 1800); do curl -sf "$API/api/health/readiness" >/dev/null 2>&1 && break; kill -0 "$HEADLESS" 2>/dev/null || { cat "$WORK/headless.log" >&2; exit 1; }; sleep 0.1; done
TOKEN=$(curl -sf -X POST -H 'Content-Type: application/json' -d "{\"secret\":\"$(cat "$WORK/secret")\"}" \
  "$API/api/auth/local" | python3 -c 'import json,sys;print(json.load(sys.stdin)["accessToken"])')
start=$(date +%s.%N)
PROMPTS=("fillet two curves" "polar array" "loft between sections" "boolean difference" "offset surface"
         "extrude along path" "mirror across plane" "hex nut" "gear with eight teeth" "chamfer edge")
for i in $(seq 1 "$ICONS"); do
  printf '{"prompt":"%s %d","variantCount":%d}\n' "${PROMPTS[$((i % 10))]}" "$i" $((i % 3 + 1))
done | xargs -P 4 -d '\n' -I{} curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' \
  -H "Authorization: Bearer $TOKEN" -d '{}' "$API/api/icons"
stored=$(curl -sf -H "Authorization: Bearer $TOKEN" "$API/api/icons?limit=1" | python3 -c 'import json,sys;print(json.load(sys.stdin)["total"])')
printf 'filled history: %s icons in %.0f s\n' "$stored" "$(echo "$(date +%s.%N) - $start" | bc)"
kill -TERM "$HEADLESS"; wait "$HEADLESS" 2>/dev/null || true

# 2. The app, cold, on that history.
QT_QPA_PLATFORM=$PLATFORM "$APP" --data-dir "$WORK/data" --settings-file "$WORK/settings.ini" --no-keychain \
  > "$WORK/app.log" 2>&1 & APPPID=$!; PIDS+=($APPPID)
for _ in $(seq 1200); do grep -q "GET /api/icons 200" "$WORK/app.log" && break; sleep 0.1; done
sleep 10
first=$(grep -o 'first frame after [0-9]* ms' "$WORK/app.log" | grep -o '[0-9]*' || echo "?")
ready=$(grep -o 'backend ready after [0-9]* ms' "$WORK/app.log" | grep -o '[0-9]*' || echo "?")
echo "== studio with $stored icons in history ($PLATFORM)"
echo "cold start: first frame after $first ms, backend ready (cluster, server, sign-in) after $ready ms"
awk '/^(Rss|Pss|Pss_Anon|Pss_File|Pss_Shmem):/ {printf "%-10s %8.1f MB\n", $1, $2/1024}' "/proc/$APPPID/smaps_rollup"
echo "largest mappings (PSS):"
awk '/^[0-9a-f]+-[0-9a-f]+ / {name=($6==""?"[anon]":$6)} /^Pss:/ {pss[name]+=$2} END {for (n in pss) printf "%8.1f MB  %s\n", pss[n]/1024, n}' \
  "/proc/$APPPID/smaps" | sort -rn | head -12
echo "threads: $(ls /proc/$APPPID/task | wc -l)"
kill -TERM "$APPPID"; wait "$APPPID" 2>/dev/null || true
