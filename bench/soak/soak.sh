#!/usr/bin/env bash
# bench/soak/soak.sh BUILD_DIR [SECONDS] — the bounded soak (issue 11 point 7): the Release
# parametric-server on a throwaway PostgreSQL cluster, driven by bench_soak at 80% of the capacity it
# measures first, for SECONDS (default 600). Prints errors, latency percentiles and the server's RSS at
# the start and the end of the soak. Figures only; no pass/fail.
set -euo pipefail
BUILD=${1:?usage: bench/soak/soak.sh BUILD_DIR [SECONDS]}
SECONDS_TO_RUN=${2:-600}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=bench/cluster.bash
source "$ROOT/bench/cluster.bash"
export POSTGRES_DB=soak
# One log line per request would measure the log, not the server.
export QT_LOGGING_RULES="parametric.server.http.info=false"
[[ -x $BUILD/bench/soak/bench_soak ]] || { echo "bench_soak is not built (needs BUILD_TESTING=ON)" >&2; exit 1; }
echo "== soak of $BUILD/server/parametric-server for ${SECONDS_TO_RUN}s ($(nproc) cores, shared with the driver and PostgreSQL)"
"$BUILD/bench/soak/bench_soak" --server "$BUILD/server/parametric-server" --seconds "$SECONDS_TO_RUN" \
  --capacity-seconds "${SOAK_CAPACITY_SECONDS:-20}" --load "${SOAK_LOAD:-0.8}"
