# Sourced by bench/run.sh: icon generation with the built-in generator, and history listing for a user
# with 10,000 icons in a 1,000,000-row table next to a user with 100 icons in a small table.
echo "== Icons"
start_server() { # logfile, then VAR=value… for the server's environment; sets STARTED_PORT
  local log=$1; shift
  env "$@" "$BUILD/server/parametric-server" --port 0 > "$log" 2>&1 &
  PIDS+=($!)
  wait_port "$log" || { cat "$log"; return 1; }
  STARTED_PORT=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$log" | grep -o '[0-9]*$')
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$STARTED_PORT/api/health/readiness" >/dev/null && break; sleep 0.1; done
}

# POST /api/icons: one user, limits raised so the figure measures generation rather than the limiter.
GEN_ENV=(QT_LOGGING_RULES=parametric.server.http.info=true POSTGRES_DB=bench ICON_GENERATOR=builtin GENERATION_BUILTIN_RATE_PER_MIN=100000 GENERATION_BUILTIN_DAILY_CAP=10000000
         GENERATION_MAX_IN_FLIGHT_PER_USER=100)
start_server "$WORK/gen.log" "${GEN_ENV[@]}"; GEN_PORT=$STARTED_PORT
cat > "$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"prompt":"fillet two curves","variantCount":3}'
wrk.headers["Content-Type"] = "application/json"
LUA
eval "$(POSTGRES_DB=bench "$BUILD/bench/seed/bench_seed_icons" --rows 1 --icons 1)"
CONNECTIONS=8 measure icons-post "http://127.0.0.1:$GEN_PORT/api/icons" -s "$WORK/post.lua" -H "Authorization: Bearer $BENCH_ACCESS_TOKEN"
python3 - "$WORK/gen.log" <<'PY'
import re, sys, statistics
ms = sorted(int(m) for m in re.findall(r'POST /api/icons 201 (\d+) ms', open(sys.argv[1]).read()))
if ms:
    p = lambda q: ms[min(len(ms) - 1, int(q * len(ms)))]
    print(f"icons-post server time: p50 {p(0.5)} ms, p99 {p(0.99)} ms over {len(ms)} generations (3 variants each)")
PY

# GET /api/icons?limit=20 at two table sizes.
echo "(seeding 1,000,000 rows; about two minutes)"
eval "$(POSTGRES_DB=bench_big "$BUILD/bench/seed/bench_seed_icons" --rows 1000000 --icons 10000)"
BIG_TOKEN=$BENCH_ACCESS_TOKEN
eval "$(POSTGRES_DB=bench_small "$BUILD/bench/seed/bench_seed_icons" --rows 100 --icons 100)"
SMALL_TOKEN=$BENCH_ACCESS_TOKEN
start_server "$WORK/big.log" POSTGRES_DB=bench_big; BIG_PORT=$STARTED_PORT
start_server "$WORK/small.log" POSTGRES_DB=bench_small; SMALL_PORT=$STARTED_PORT
measure icons-list-small "http://127.0.0.1:$SMALL_PORT/api/icons?limit=20" -H "Authorization: Bearer $SMALL_TOKEN"
measure icons-list-big "http://127.0.0.1:$BIG_PORT/api/icons?limit=20" -H "Authorization: Bearer $BIG_TOKEN"
python3 -c "a=float(open('$WORK/icons-list-small.rps').read());b=float(open('$WORK/icons-list-big.rps').read());print(f'list 10k-in-1M vs 100-in-100: {a/b:.2f}x slower (target within 1.5x)')"
