#!/usr/bin/env bash
# deploy_systemd_unit: the unit parses cleanly and its sandbox stays tight.
#   check_unit.sh <systemd-analyze> <unit file> <parametric-server binary>
# `systemd-analyze verify` exits 0 even for unknown keys or bad values (it only prints them), so any output
# is a failure. ExecStart is pointed at the build tree's binary, which verify requires to exist.
set -euo pipefail
analyze=$1 unit=$2 binary=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
sed "s#/usr/bin/parametric-server#$binary#g" "$unit" >"$dir/parametric-server.service"
out=$("$analyze" verify --man=no "$dir/parametric-server.service" 2>&1 || true)
if [[ -n $out ]]; then
    echo "FAIL: systemd-analyze verify reported:"; echo "$out"; exit 1
fi
# Exposure score 0 (locked down) … 10 (unprotected); 1.2 when written. --threshold fails above 2.0.
if ! "$analyze" security --offline=yes --threshold=20 "$dir/parametric-server.service" >"$dir/security.txt" 2>&1; then
    cat "$dir/security.txt"; echo "FAIL: sandbox exposure above 2.0"; exit 1
fi
tail -n 1 "$dir/security.txt"
for key in EnvironmentFile=/etc/parametric/server.env ProtectSystem=strict ProtectHome=yes PrivateTmp=yes \
           NoNewPrivileges=yes "CapabilityBoundingSet=" "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX" \
           SystemCallFilter=@system-service DynamicUser=yes; do
    grep -qx "$key" "$unit" || { echo "FAIL: $unit lacks the line: $key"; exit 1; }
done
echo "unit OK"
