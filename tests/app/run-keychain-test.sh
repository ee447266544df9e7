#!/usr/bin/env bash
# Runs tst_keychain inside a private D-Bus session with an unlocked gnome-keyring (platform notes §4).
# Usage: run-keychain-test.sh <tst_keychain>   (CTest runs it as tst_keychain_real)
set -euo pipefail
test_binary=$1
if [[ -z "${IN_KEYCHAIN_SESSION:-}" ]]; then
  for tool in dbus-run-session gnome-keyring-daemon dbus-send; do
    command -v "$tool" >/dev/null || { echo "missing $tool (install dbus and gnome-keyring: ./dev test does)" >&2; exit 1; }
  done
  export IN_KEYCHAIN_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi
tmp=$(mktemp -d /tmp/parametric-keychain.XXXXXX)
trap 'kill "${gk:-}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
export HOME=$tmp/home XDG_DATA_HOME=$tmp/home/.local/share XDG_RUNTIME_DIR=$tmp/home/run
mkdir -p "$XDG_DATA_HOME" && mkdir -p -m700 "$XDG_RUNTIME_DIR"
printf 'testpw' | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
gk=$!
for _ in $(seq 50); do
  dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner \
    string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true" && break
  sleep 0.1
done
"$test_binary"
