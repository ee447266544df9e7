# Sourced by bench/run.sh: icon generation with the built-in generator; history listing for a user with
# 10,000 icons in a 1,000,000-row table and for one with 100 icons in a small table, each next to pgbench
# running the very statement the server runs; and the list servers' resident memory.
echo "== Icons"
start_server() { # logfile, then VAR=value… for the server's environment; sets STARTED_PORT, STARTED_PID
  local log=$1; shift
  env "$@" "$BUILD/server/parametric-server" --port 0 > "$log" 2>&1 &
  STARTED_PID=$!
  PIDS+=($STARTED_PID)
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
# Server time from the request log, for one connection (latency: nothing queues behind the request);
# then the throughput with 8 connections of the same user.
measure icons-post 1 "http://127.0.0.1:$GEN_PORT/api/icons" -s "$WORK/post.lua" -H "Authorization: Bearer $BENCH_ACCESS_TOKEN"
python3 - "$WORK/gen.log" "$RESULTS" <<'PY'
import re, sys
ms = sorted(int(m) for m in re.findall(r'POST /api/icons 201 (\d+) ms', open(sys.argv[1], errors='replace').read()))
if ms:
    p = lambda q: ms[min(len(ms) - 1, int(q * len(ms)))]
    print(f"  icons-post server time: p50 {p(0.5)} ms, p99 {p(0.99)} ms over {len(ms)} generations (3 variants each, one connection)")
    with open(sys.argv[2], 'a') as out:
        out.write(f"icons-post-p50-ms {p(0.5)}\nicons-post-p99-ms {p(0.99)}\n")
PY
measure icons-post 8 "http://127.0.0.1:$GEN_PORT/api/icons" -s "$WORK/post.lua" -H "Authorization: Bearer $BENCH_ACCESS_TOKEN"

# GET /api/icons?limit=20 at two table sizes, and the same statement under pgbench.
echo "  (seeding 1,000,000 rows; about two minutes)"
eval "$(POSTGRES_DB=bench_big "$BUILD/bench/seed/bench_seed_icons" --rows 1000000 --icons 10000)"
BIG_TOKEN=$BENCH_ACCESS_TOKEN; BIG_USER=$BENCH_USER_ID
eval "$(POSTGRES_DB=bench_small "$BUILD/bench/seed/bench_seed_icons" --rows 100 --icons 100)"
SMALL_TOKEN=$BENCH_ACCESS_TOKEN; SMALL_USER=$BENCH_USER_ID
start_server "$WORK/big.log" POSTGRES_DB=bench_big; BIG_PORT=$STARTED_PORT; BIG_PID=$STARTED_PID
start_server "$WORK/small.log" POSTGRES_DB=bench_small; SMALL_PORT=$STARTED_PORT
curl -sf -o /dev/null -H "Authorization: Bearer $BIG_TOKEN" "http://127.0.0.1:$BIG_PORT/api/icons?limit=20"
record rss-idle-kb "$(rss_kb "$BIG_PID")"

for view in full thumbnail; do "$BUILD/bench/listsql/bench_list_sql" "$view" > "$WORK/list-$view.sql"; done
for size in small big; do
  token_var=${size^^}_TOKEN
  printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "${!token_var}" > "$WORK/list-$size.lua"
done
# The API and pgbench on the very statement the server runs, interleaved like the HTTP figures; the
# full page (every variant) and the thumbnail page (?view=thumbnail, the selected variant).
list_round() { # connections seconds size port database user view
  local out n t name=icons-list-$3 query=limit=20
  [[ $7 == thumbnail ]] && { name=icons-thumbnails-$3; query="limit=20&view=thumbnail"; }
  out=$(wrk -t$THREADS -c"$1" -d"$2"s -s "$WORK/list-$3.lua" "http://127.0.0.1:$4/api/icons?$query" 2>&1)
  n=$(awk '/requests in/ {print $1}' <<<"$out"); t=$(awk '/requests in/ {print $4}' <<<"$out" | tr -d 's,')
  echo "$name@$1 $n $t" >> "$WORK/list-rounds"
  out=$(env PGHOST="$WORK" PGPORT="$PGPORT" PGUSER=postgres pgbench -n -M prepared -f "$WORK/list-$7.sql" \
        -D user="$6" -D count_user="$6" -D limit=20 -D offset=0 -D time_format='YYYY-MM-DD"T"HH24:MI:SS.MS"Z"' \
        -c "$1" -j "$THREADS" -T "$2" "$5" 2>&1)
  n=$(awk '/number of transactions actually processed/ {print $NF}' <<<"$out" | cut -d/ -f1)
  echo "pgbench-${name#icons-}@$1 ${n:-0} $2" >> "$WORK/list-rounds"
}
seconds=$(( ${DURATION%s} / ROUNDS )); ((seconds >= 1)) || seconds=1
for c in "${CONNECTION_COUNTS[@]}"; do
  for ((round = 0; round < ROUNDS; ++round)); do
    for view in full thumbnail; do
      list_round "$c" "$seconds" small "$SMALL_PORT" bench_small "$SMALL_USER" "$view"
      list_round "$c" "$seconds" big "$BIG_PORT" bench_big "$BIG_USER" "$view"
    done
  done
  for name in icons-list-small pgbench-list-small icons-list-big pgbench-list-big \
              icons-thumbnails-small pgbench-thumbnails-small icons-thumbnails-big pgbench-thumbnails-big; do
    rps=$(awk -v k="$name@$c" '$1==k {n+=$2; t+=$3} END {if (t > 0) printf "%.2f", n / t}' "$WORK/list-rounds")
    printf '  %-30s %12s %s   (%d runs of %ds)\n' "$name@$c" "$rps" "$([[ $name == pgbench* ]] && echo 'tx/s ' || echo 'req/s')" "$ROUNDS" "$seconds"
    record "$name@$c" "$rps"
  done
  echo "  list@$c: 100-in-100 = $(ratio "icons-list-small@$c" "pgbench-list-small@$c") of pgbench, 10k-in-1M = $(ratio "icons-list-big@$c" "pgbench-list-big@$c") of pgbench (target >= 0.60); 10k-in-1M is $(ratio "icons-list-small@$c" "icons-list-big@$c")x slower (target within 1.5x)"
  echo "  thumbnails@$c: 100-in-100 = $(ratio "icons-thumbnails-small@$c" "pgbench-thumbnails-small@$c") of pgbench, 10k-in-1M = $(ratio "icons-thumbnails-big@$c" "pgbench-thumbnails-big@$c") of pgbench"
done
record rss-peak-kb "$(hwm_kb "$BIG_PID")"
sleep 2
record rss-after-kb "$(rss_kb "$BIG_PID")"
echo "  server RSS (10k-in-1M list server): idle $(($(value rss-idle-kb) / 1024)) MB, peak under the list load $(($(value rss-peak-kb) / 1024)) MB, 2 s after it $(($(value rss-after-kb) / 1024)) MB (target <= 60 MB)"
