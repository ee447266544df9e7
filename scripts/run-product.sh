#!/usr/bin/env bash
# Started by `./dev run [app|server] [args…]` after the build.
#   app     the desktop app (integrated mode unless a server is configured) — default with a display
#   server  the headless API server on port 4000 — default without a display; with no POSTGRES_* or
#           DATABASE_URL it runs its own private PostgreSQL cluster under the user's data directory
set -euo pipefail
BUILD=$1; shift
mode=""
case "${1:-}" in
  app|server) mode=$1; shift ;;
esac
if [[ -z $mode ]]; then
  if [[ -n ${DISPLAY:-}${WAYLAND_DISPLAY:-} && -x $BUILD/app/parametric-icons ]]; then mode=app; else mode=server; fi
fi

if [[ $mode == app ]]; then
  exec "$BUILD/app/parametric-icons" "$@"
fi

args=("$@")
if [[ -z ${DATABASE_URL:-}${POSTGRES_HOST:-}${POSTGRES_PORT:-}${POSTGRES_DB:-}${POSTGRES_USER:-}${POSTGRES_PASSWORD:-} ]]; then
  data=${XDG_DATA_HOME:-$HOME/.local/share}/parametric-icons/server-db
  # PostgreSQL runs as the postgres user when we are root, and it cannot enter /root.
  [[ $(id -u) -eq 0 ]] && data=/var/lib/parametric-icons/server-db
  echo "No database configured: using a private PostgreSQL cluster in $data" >&2
  args=(--private-database "$data" "${args[@]}")
fi
exec "$BUILD/server/parametric-server" "${args[@]}"
