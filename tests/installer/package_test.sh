#!/usr/bin/env bash
# Package test: build the .deb packages from this build tree, install them with apt like a user would, run
# what they installed (server against a throwaway PostgreSQL, the command-line tool offline and against that
# server without a display, app offscreen until its first frame), then remove and purge them and check
# nothing of theirs is left.
#
#   package_test.sh <build-dir> <source-dir>
#
# Needs root (or password-less sudo): it installs packages. Exit 77 (CTest SKIP) only when neither is there.
# It refuses to run (fails) when parametric-icons/-server are already installed or /etc/parametric exists,
# because cleaning up afterwards would then touch the machine owner's installation.
set -euo pipefail

BUILD_DIR=$(cd "$1" && pwd)
SOURCE_DIR=$(cd "$2" && pwd)
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
APP_PKG=parametric-icons
SERVER_PKG=parametric-server
CLI_PKG=parametric-icons-cli

log() { printf '== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        SUDO=(sudo -n)
    else
        echo "SKIP: the package test installs .deb files and needs root or password-less sudo"
        exit 77
    fi
fi
as_root() { "${SUDO[@]}" "$@"; }

for tool in cpack dpkg-deb apt-get curl python3 "$PGBIN/initdb" "$PGBIN/pg_ctl"; do
    command -v "$tool" >/dev/null || [[ -x $tool ]] || fail "missing tool: $tool"
done
for pkg in $APP_PKG $SERVER_PKG $CLI_PKG; do
    if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'installed'; then
        fail "$pkg is already installed on this machine; remove it first (the test would remove it afterwards)"
    fi
done
[[ ! -e /etc/parametric ]] || fail "/etc/parametric exists; the test purges it afterwards, so it will not run here"

WORK=$(mktemp -d /tmp/parametric-package.XXXXXX)
chmod 755 "$WORK"
PG_DIR="$WORK/pg"
SERVER_PID=""
APP_PID=""
INSTALLED=0
BEFORE="$WORK/packages-before.txt"
dpkg-query -W -f='${Package}\n' | sort >"$BEFORE"

# Purges our packages (dpkg knows them even after `remove`; apt cannot find a local .deb's package once it
# is gone) and whatever apt pulled in for them that was not installed before.
purge_all() {
    local p extra
    for p in $APP_PKG $SERVER_PKG $CLI_PKG; do
        if dpkg-query -W "$p" >/dev/null 2>&1; then as_root dpkg --purge "$p" >>"$WORK/purge.log" 2>&1 || return 1; fi
    done
    extra=$(comm -13 "$BEFORE" <(dpkg-query -W -f='${Package}\n' | sort) || true)
    [[ -z $extra ]] && return 0
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive as_root apt-get purge -y -qq $extra >>"$WORK/purge.log" 2>&1
}

cleanup() {
    local rc=$?
    set +e
    [[ -n $APP_PID ]] && kill -KILL "$APP_PID" 2>/dev/null
    [[ -n $SERVER_PID ]] && kill -KILL "$SERVER_PID" 2>/dev/null
    if [[ -f $PG_DIR/data/PG_VERSION ]]; then
        as_root runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 \
            || "$PGBIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1
    fi
    if [[ $INSTALLED -eq 1 ]]; then
        purge_all
    fi
    as_root rm -rf "$WORK"
    exit $rc
}
trap cleanup EXIT

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

# --- 1. Build the packages from this build tree ---------------------------------------------------------
log "cpack -G DEB"
(cd "$BUILD_DIR" && cpack -G DEB -B "$WORK/cpack" >"$WORK/cpack.log" 2>&1) || { cat "$WORK/cpack.log"; fail "cpack -G DEB"; }
APP_DEB=$(ls "$WORK"/cpack/${APP_PKG}_*.deb 2>/dev/null | head -1)
SERVER_DEB=$(ls "$WORK"/cpack/${SERVER_PKG}_*.deb 2>/dev/null | head -1)
CLI_DEB=$(ls "$WORK"/cpack/${CLI_PKG}_*.deb 2>/dev/null | head -1)
[[ -f $SERVER_DEB ]] || fail "no $SERVER_PKG .deb produced"
[[ -f $CLI_DEB ]] || fail "no $CLI_PKG .deb produced"
[[ -f $APP_DEB ]] || fail "no $APP_PKG .deb produced (is the app built? PARAMETRIC_BUILD_APP=ON)"
ls -l "$APP_DEB" "$SERVER_DEB" "$CLI_DEB"

APP_DEPENDS=$(dpkg-deb -f "$APP_DEB" Depends)
SERVER_DEPENDS=$(dpkg-deb -f "$SERVER_DEB" Depends)
CLI_DEPENDS=$(dpkg-deb -f "$CLI_DEB" Depends)
log "$APP_PKG Depends: $APP_DEPENDS"
log "$SERVER_PKG Depends: $SERVER_DEPENDS"
log "$CLI_PKG Depends: $CLI_DEPENDS"
# shlibdeps must have run (ELF dependencies), and the run-time-loaded pieces must be declared.
for dep in libqt6core6 libqt6quick6 libqt6svg6 libqt6sql6-psql libqt6keychain1 qml6-module-qtquick \
           qml6-module-qtquick-controls qml6-module-qtquick-templates \
           qml6-module-qtqml-workerscript; do
    grep -qE "(^|, )$dep( |,|$)" <<<"$APP_DEPENDS" || fail "$APP_PKG does not depend on $dep"
done
for dep in libqt6core6 libqt6httpserver6 libqt6sql6-psql; do
    grep -qE "(^|, )$dep( |,|$)" <<<"$SERVER_DEPENDS" || fail "$SERVER_PKG does not depend on $dep"
done
grep -q postgresql <<<"$(dpkg-deb -f "$APP_DEB" Recommends)" || fail "$APP_PKG does not recommend postgresql"
if grep -qE 'qml6-module|libqt6quick' <<<"$SERVER_DEPENDS"; then
    fail "$SERVER_PKG depends on Qt Quick packages; a headless server must not pull them"
fi
# The tool comes with the app and with the server, and alone it pulls no Qt Quick either.
CLI_VERSION=$(dpkg-deb -f "$CLI_DEB" Version)
for deps in "$APP_DEPENDS" "$SERVER_DEPENDS"; do
    grep -qF "$CLI_PKG (= $CLI_VERSION)" <<<"$deps" || fail "a package does not depend on $CLI_PKG (= $CLI_VERSION): $deps"
done
for dep in libqt6core6 libqt6gui6 libqt6svg6 libqt6network6; do
    grep -qE "(^|, )$dep( |,|$)" <<<"$CLI_DEPENDS" || fail "$CLI_PKG does not depend on $dep"
done
if grep -qE 'qml6-module|libqt6quick|libqt6sql|libqt6httpserver' <<<"$CLI_DEPENDS"; then
    fail "$CLI_PKG depends on packages it does not use: $CLI_DEPENDS"
fi

# --- 2. Install them as a user would ----------------------------------------------------------------------
log "apt-get install ./*.deb"
INSTALLED=1
DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$APP_DEB" "$SERVER_DEB" \
    "$CLI_DEB" >"$WORK/apt-install.log" 2>&1 || { cat "$WORK/apt-install.log"; fail "apt-get install"; }
dpkg-query -L $APP_PKG $SERVER_PKG $CLI_PKG | sort -u >"$WORK/files.txt"

for f in /usr/bin/parametric-icons /usr/bin/parametric-server /usr/bin/parametric-icons-cli \
         /usr/share/applications/io.parametric.icons.desktop \
         /usr/share/metainfo/io.parametric.icons.metainfo.xml \
         /usr/share/icons/hicolor/scalable/apps/io.parametric.icons.svg \
         /usr/share/icons/hicolor/48x48/apps/io.parametric.icons.png \
         /usr/share/icons/hicolor/512x512/apps/io.parametric.icons.png \
         /usr/lib/systemd/system/parametric-server.service \
         /usr/share/parametric-server/server.env.example; do
    [[ -e $f ]] || fail "not installed: $f"
done
[[ -f /etc/parametric/server.env ]] || fail "postinst did not create /etc/parametric/server.env"
[[ $(stat -c %a /etc/parametric/server.env) == 600 ]] || fail "/etc/parametric/server.env is not mode 0600"

if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate /usr/share/applications/io.parametric.icons.desktop \
        || fail "installed .desktop file does not validate"
fi
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net /usr/share/metainfo/io.parametric.icons.metainfo.xml \
        || fail "installed metainfo does not validate"
fi
if command -v systemd-analyze >/dev/null; then
    out=$(systemd-analyze verify --man=no /usr/lib/systemd/system/parametric-server.service 2>&1 || true)
    [[ -z $out ]] || fail "systemd-analyze verify: $out"
fi

# --- 3. The installed server ------------------------------------------------------------------------------
log "parametric-server --version"
version=$(/usr/bin/parametric-server --version)
echo "$version"
grep -q "$(dpkg-deb -f "$SERVER_DEB" Version)" <<<"$version" || fail "--version does not print the package version"

log "throwaway PostgreSQL cluster"
mkdir -p "$PG_DIR"
PG_PORT=$(free_port)
PG=()
if [[ $(id -u) -eq 0 ]]; then
    chown postgres:postgres "$PG_DIR"
    PG=(runuser -u postgres --)
fi
"${PG[@]}" "$PGBIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
    >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log"; fail initdb; }
"${PG[@]}" "$PGBIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 \
    -o "-k $PG_DIR -c listen_addresses='' -p $PG_PORT -c fsync=off" start >/dev/null || fail "pg_ctl start"

API_PORT=$(free_port)
export POSTGRES_HOST="$PG_DIR" POSTGRES_PORT="$PG_PORT" POSTGRES_USER=postgres POSTGRES_DB=parametric_pkgtest
log "parametric-server migrate"
/usr/bin/parametric-server migrate || fail "parametric-server migrate"

log "parametric-server serve on 127.0.0.1:$API_PORT"
/usr/bin/parametric-server serve --port "$API_PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
ready=""
for _ in $(seq 1 150); do
    if ready=$(curl -fsS --max-time 2 "http://127.0.0.1:$API_PORT/api/health/readiness" 2>/dev/null); then break; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log"; fail "installed server exited"; }
    sleep 0.2
done
echo "readiness: $ready"
grep -q '"database":true' <<<"$ready" || { cat "$WORK/server.log"; fail "installed server never became ready"; }
curl -fsS "http://127.0.0.1:$API_PORT/api/openapi.json" -o /dev/null || fail "GET /api/openapi.json"

# --- 3b. The installed command-line tool, as on a headless CI machine: no display, no database ------------
log "parametric-icons-cli (offline batch, no display)"
CLI_HOME="$WORK/cli-home"
mkdir -p "$CLI_HOME"
# A clean environment: no DISPLAY, no WAYLAND_DISPLAY, nothing of ours; VAR=value arguments add to it.
cli() {
    local vars=()
    while [[ $# -gt 0 && $1 == *=* ]]; do vars+=("$1"); shift; done
    env -i PATH=/usr/bin:/bin HOME="$CLI_HOME" "${vars[@]}" /usr/bin/parametric-icons-cli "$@"
}
cli --version | grep -qF "$CLI_VERSION" || fail "parametric-icons-cli --version does not print $CLI_VERSION"
printf '# toolbar\nFillet: fillet two curves\npolar array\ngear\nExtrude: extrude a curve\n' >"$CLI_HOME/toolbar.txt"
(cd "$CLI_HOME" && cli batch toolbar.txt -o out/ --format png --size 24) >"$WORK/cli.log" 2>&1 \
    || { cat "$WORK/cli.log"; fail "parametric-icons-cli batch"; }
python3 - "$CLI_HOME/out" <<'PY' || { cat "$WORK/cli.log"; fail "the batch output is incomplete"; }
import json, struct, sys, os
out = sys.argv[1]
manifest = json.load(open(os.path.join(out, "manifest.json")))
assert [i["status"] for i in manifest["icons"]] == ["ok"] * 4, manifest
for icon in manifest["icons"]:
    for name in icon["files"]:
        data = open(os.path.join(out, name), "rb").read()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", name
        assert struct.unpack(">II", data[16:24]) == (24, 24), name
print("manifest lists", sum(len(i["files"]) for i in manifest["icons"]), "PNGs of 24 px")
PY
log "parametric-icons-cli against the installed server (an unknown key: 401, exit 4)"
set +e
cli PARAMETRIC_API_KEY=pi_unknown list --server "http://127.0.0.1:$API_PORT" >"$WORK/cli-list.log" 2>&1
rc=$?
set -e
[[ $rc -eq 4 ]] && grep -q "401 invalid_api_key" "$WORK/cli-list.log" \
    || { cat "$WORK/cli-list.log"; fail "parametric-icons-cli list with an unknown key: exit $rc, expected 4 and the 401"; }

# --- 4. The installed app, offscreen, until Qt reports its first rendered frame ---------------------------
log "parametric-icons offscreen (remote mode against the installed server)"
APP_HOME="$WORK/app-home"
mkdir -p "$APP_HOME/run" && chmod 700 "$APP_HOME/run"
# LD_DEBUG=files records every library the app loads, including QML plugins dlopen()ed at run time.
env -i PATH=/usr/bin:/bin HOME="$APP_HOME" XDG_RUNTIME_DIR="$APP_HOME/run" XDG_CONFIG_HOME="$APP_HOME/config" \
    XDG_DATA_HOME="$APP_HOME/data" XDG_CACHE_HOME="$APP_HOME/cache" \
    QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software \
    QT_LOGGING_RULES="qt.scenegraph.time.renderloop.debug=true" \
    LD_DEBUG=files LD_DEBUG_OUTPUT="$WORK/ld" \
    /usr/bin/parametric-icons --server "http://127.0.0.1:$API_PORT" >"$WORK/app.log" 2>&1 &
APP_PID=$!
rendered=0
for _ in $(seq 1 300); do
    if grep -q "Frame rendered with 'software' renderloop" "$WORK/app.log"; then rendered=1; break; fi
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.2
done
if [[ $rendered -ne 1 ]]; then
    cat "$WORK/app.log"
    fail "the installed app did not render a frame within 60 s"
fi
if grep -E "is not installed|module .* not found|failed to load component|Cannot load library" "$WORK/app.log"; then
    fail "the installed app reports missing QML modules or plugins"
fi
kill -TERM "$APP_PID"
for _ in $(seq 1 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$APP_PID" 2>/dev/null; then fail "the app did not exit within 10 s of SIGTERM"; fi
APP_PID=""

# Every Qt plugin and QML module library the app loaded must come from a package our Depends pull in
# (directly or transitively); otherwise a user without the dev packages installed would miss it.
log "run-time loaded Qt plugins are covered by Depends"
grep -ho 'file=/usr/lib/[^ ]*/qt6/\(qml\|plugins\)/[^ ]*\.so' "$WORK"/ld.* 2>/dev/null | sed 's/^file=//' | sort -u \
    >"$WORK/loaded.txt" || true
[[ -s $WORK/loaded.txt ]] || fail "no Qt plugin loads were recorded (LD_DEBUG)"
deps=$(sed 's/([^)]*)//g; s/|/,/g; s/,/\n/g' <<<"$APP_DEPENDS" | tr -d ' ' | sed '/^$/d')
# shellcheck disable=SC2086
closure=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces \
          --no-enhances --no-pre-depends $deps 2>/dev/null | grep -v '^ ' | sed 's/:.*//' | sort -u)
missing=0
while read -r lib; do
    owner=$(dpkg-query -S "$lib" 2>/dev/null | head -1 | sed 's/:.*//; s/,.*//')
    if [[ -z $owner ]] || ! grep -qx "$owner" <<<"$closure"; then
        echo "loaded $lib from ${owner:-no package}, which Depends does not pull in"
        missing=1
    fi
done <"$WORK/loaded.txt"
[[ $missing -eq 0 ]] || fail "Depends misses packages the app loads at run time"
echo "$(wc -l <"$WORK/loaded.txt") run-time loaded libraries, all covered"

kill -TERM "$SERVER_PID"
wait "$SERVER_PID" || fail "the installed server did not exit cleanly on SIGTERM (exit $?)"
SERVER_PID=""

# --- 5. Remove, then purge; nothing of ours may remain ----------------------------------------------------
log "apt-get remove"
DEBIAN_FRONTEND=noninteractive as_root apt-get remove -y -qq $APP_PKG $SERVER_PKG $CLI_PKG >"$WORK/apt-remove.log" 2>&1 \
    || { cat "$WORK/apt-remove.log"; fail "apt-get remove"; }
left=0
while read -r f; do
    if [[ -f $f || -L $f ]]; then echo "still present after remove: $f"; left=1; fi
done <"$WORK/files.txt"
[[ $left -eq 0 ]] || fail "files left behind by apt-get remove"
for p in $APP_PKG $SERVER_PKG $CLI_PKG; do
    if dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then fail "$p still installed"; fi
done
log "purge"
purge_all || { cat "$WORK/purge.log"; fail "purge"; }
INSTALLED=0
[[ ! -e /etc/parametric ]] || fail "/etc/parametric left behind after purge"
if dpkg-query -W -f='${Package}\n' | sort | diff -q - "$BEFORE" >/dev/null; then
    log "package set restored"
else
    dpkg-query -W -f='${Package}\n' | sort | diff - "$BEFORE" || true
    fail "the installed package set differs from before the test"
fi
log "PASS"
