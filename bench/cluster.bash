# Sourced by bench/run.sh and bench/soak/soak.sh: a throwaway PostgreSQL cluster (fsync off) in $WORK,
# POSTGRES_* exported for the server, and on exit every pid in PIDS stopped, the cluster stopped and
# $WORK removed.
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
