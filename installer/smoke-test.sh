#!/usr/bin/env bash
# Smoke test of the packaged app: starts the app-image (and, with --deb, the installed .deb) under Xvfb
# with an empty HOME (a true first launch), takes a screenshot, checks the process is still alive and that
# neither its output nor ~/.config/dcgan-explorer/app.log holds an exception, then stops it.
#
#   installer/smoke-test.sh            # test target/installer/DCGAN Explorer (built first if missing)
#   installer/smoke-test.sh --build    # rebuild with installer/build-linux.sh first
#   installer/smoke-test.sh --deb      # also: dpkg -i the .deb, start /opt/dcgan-explorer, dpkg -r, check /opt
#
# Needs xvfb-run and ImageMagick's `import` (apt-get install xvfb imagemagick); --deb needs root.
# Screenshots and logs go to target/smoke/. Env: SMOKE_WAIT seconds before the screenshot (default 30).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

build=0; deb=0
for a in "$@"; do
  case "$a" in
    --build) build=1 ;;
    --deb) deb=1 ;;
    *) echo "usage: $0 [--build] [--deb]" >&2; exit 2 ;;
  esac
done
wait_s="${SMOKE_WAIT:-30}"
image="target/installer/DCGAN Explorer"

for t in xvfb-run import; do
  command -v "$t" >/dev/null || { echo "error: $t missing (apt-get install xvfb imagemagick)" >&2; exit 1; }
done
if [ "$build" = 1 ] || [ ! -x "$image/bin/DCGAN Explorer" ] || { [ "$deb" = 1 ] && ! ls target/installer/*.deb >/dev/null 2>&1; }; then
  if [ "$deb" = 1 ]; then installer/build-linux.sh; else installer/build-linux.sh --no-deb; fi
fi

out="$root/target/smoke"
rm -rf "$out"; mkdir -p "$out"
failures=0

# run_app NAME LAUNCHER: starts LAUNCHER under Xvfb from an empty folder with an empty HOME, so the shipped
# models must come from -Ddcganexplorer.models=$APPDIR/models, not from ./models.
run_app() {
  local name="$1" launcher="$2"
  local home="$out/$name/home" work="$out/$name/cwd"
  mkdir -p "$home" "$work"
  echo "== $name: $launcher (wait ${wait_s} s)"
  local t0; t0=$(date +%s)
  (cd "$work" && HOME="$home" xvfb-run -a -s "-screen 0 1400x900x24" bash -c '
      "$1" > "$2/stdout.log" 2>&1 &
      pid=$!
      sleep "$3"
      import -window root "$2/screenshot.png" || echo "import failed" >> "$2/stdout.log"
      # The launcher hosts the JVM in its own process: ask it how $APPDIR was expanded.
      jcmd $pid VM.system_properties > "$2/system-properties.txt" 2>&1 || true
      if kill -0 $pid 2>/dev/null; then echo alive > "$2/status"; kill $pid; else echo "exited" > "$2/status"; fi
      for i in $(seq 1 20); do kill -0 $pid 2>/dev/null || break; sleep 0.5; done
      kill -9 $pid 2>/dev/null || true
    ' _ "$launcher" "$out/$name" "$wait_s") || true
  local status; status="$(cat "$out/$name/status" 2>/dev/null || echo "no status")"
  local applog="$out/$name/home/.config/dcgan-explorer/app.log"
  local exceptions
  exceptions="$(cat "$out/$name/stdout.log" "$applog" 2>/dev/null | grep -c -E 'Exception|Error:|\bat [a-z]+\.' || true)"
  echo "   process after ${wait_s} s: $status; lines with an exception: $exceptions; elapsed $(( $(date +%s) - t0 )) s"
  local models
  models="$(sed -n 's/^dcganexplorer\.models=//p' "$out/$name/system-properties.txt" | sed 's/\\:/:/g')"
  if [ -n "$models" ] && [ -f "$models/faces32/generator.zip" ]; then
    echo "   -Ddcganexplorer.models expanded to $models (shipped models found)"
  else
    echo "   FAIL: -Ddcganexplorer.models='$models' does not hold the shipped models"
    failures=$((failures + 1))
  fi
  echo "   screenshot: $out/$name/screenshot.png"
  [ -f "$applog" ] && echo "   app.log: $applog ($(wc -l < "$applog") lines)"
  if [ "$status" != alive ] || [ "$exceptions" != 0 ] || [ ! -s "$out/$name/screenshot.png" ]; then
    echo "   FAIL ($name); last lines of its output:"; tail -20 "$out/$name/stdout.log" | sed 's/^/     /'
    failures=$((failures + 1))
  else
    echo "   PASS ($name)"
  fi
  # JavaCPP unpacks ~400 MB of natives into the empty HOME: drop them, keep the logs.
  rm -rf "$out/$name/home/.javacpp"
}

run_app app-image "$root/$image/bin/DCGAN Explorer"

if [ "$deb" = 1 ]; then
  [ "$(id -u)" = 0 ] || { echo "error: --deb needs root (dpkg -i)" >&2; exit 1; }
  pkg="$(ls target/installer/*.deb | head -1)"
  echo "== dpkg -i $pkg"
  dpkg -i "$pkg" || { DEBIAN_FRONTEND=noninteractive apt-get install -f -y -qq; }
  dpkg -s dcgan-explorer | grep -E '^(Status|Version):'
  echo "   installed size: $(du -sh /opt/dcgan-explorer | cut -f1)"
  run_app deb "/opt/dcgan-explorer/bin/DCGAN Explorer"
  echo "== dpkg -r dcgan-explorer"
  dpkg -r dcgan-explorer
  if [ -e /opt/dcgan-explorer ]; then
    echo "   FAIL: left behind under /opt/dcgan-explorer:"; find /opt/dcgan-explorer | head -20
    failures=$((failures + 1))
  else
    echo "   PASS: /opt/dcgan-explorer removed"
  fi
fi

echo "== smoke test: $failures failure(s)"
[ "$failures" = 0 ]
