#!/usr/bin/env bash
# Smoke test of the packaged app: starts the app-image (and, with --deb, the installed .deb) under Xvfb
# with an empty HOME (a true first launch), takes a screenshot, checks the process is still alive and that
# neither its output nor ~/.config/dcgan-explorer/app.log holds an exception, then quits it with Ctrl+Q and
# checks that it exits (with code 0 where the test started it itself). Each start is checked for the native
# memory allocator too: jemalloc through lib/dcgan-explorer.sh (the menu entry's command) where the machine has
# it, the C library's malloc through bin/DCGAN Explorer.
#
#   installer/smoke-test.sh            # test target/installer/DCGAN Explorer (built first if missing)
#   installer/smoke-test.sh --build    # rebuild with installer/build-linux.sh first
#   installer/smoke-test.sh --deb      # also: check the .deb's Depends, dpkg -i it, check the menu entry, start
#                                      # /opt/dcgan-explorer/bin/... directly and through the menu entry
#                                      # (gtk-launch), dpkg -r, check /opt and the menu entry are gone,
#                                      # dpkg --purge
#
# Needs xvfb-run, ImageMagick's `import` and xdotool (apt-get install xvfb imagemagick xdotool); --deb needs root.
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

for t in xvfb-run import xdotool; do
  command -v "$t" >/dev/null || { echo "error: $t missing (apt-get install xvfb imagemagick xdotool)" >&2; exit 1; }
done
if [ "$build" = 1 ] || [ ! -x "$image/bin/DCGAN Explorer" ] || { [ "$deb" = 1 ] && ! ls target/installer/*.deb >/dev/null 2>&1; }; then
  if [ "$deb" = 1 ]; then installer/build-linux.sh; else installer/build-linux.sh --no-deb; fi
fi

out="$root/target/smoke"
rm -rf "$out"; mkdir -p "$out"
failures=0

# run_app NAME LAUNCHER [EXE]: starts LAUNCHER under Xvfb from an empty folder with an empty HOME, so the
# shipped models must come from -Ddcganexplorer.models=$APPDIR/models, not from ./models. LAUNCHER is the
# app's launcher itself, or (with EXE) a command that starts EXE and returns, such as `gtk-launch`: the test
# then finds the app's process as the one whose /proc/PID/exe is EXE.
# Set wrapped=1 for a launcher that goes through lib/dcgan-explorer.sh (it checks the allocator then).
run_app() {
  local name="$1" launcher="$2" exe="${3:-}"
  local home="$out/$name/home" work="$out/$name/cwd"
  mkdir -p "$home" "$work"
  echo "== $name: $launcher (wait ${wait_s} s)"
  local t0; t0=$(date +%s)
  # Java takes user.home from the password database, not from $HOME: without -Duser.home the app would read
  # the real ~/.config/dcgan-explorer and JavaCPP would reuse the real ~/.javacpp cache. _JAVA_OPTIONS reaches
  # the launcher's JVM (also through gtk-launch) and not jcmd, which is started without it.
  (cd "$work" && unset XDG_CONFIG_HOME && HOME="$home" xvfb-run -a -s "-screen 0 1400x900x24" bash -c '
      if [ -z "$4" ]; then
        _JAVA_OPTIONS="-Duser.home=$HOME" "$1" > "$2/stdout.log" 2>&1 &
        pid=$!
      else
        _JAVA_OPTIONS="-Duser.home=$HOME" $1 > "$2/stdout.log" 2>&1
        pid=""
        for i in $(seq 1 40); do
          # The installed launcher forks briefly at start (a child that still shows its exe before it execs
          # something else): take the process whose parent is not the launcher too.
          for p in /proc/[0-9]*; do
            [ "$(readlink "$p/exe" 2>/dev/null)" = "$4" ] || continue
            ppid="$(awk "/^PPid:/{print \$2}" "$p/status" 2>/dev/null)"
            [ "$(readlink "/proc/$ppid/exe" 2>/dev/null)" = "$4" ] || pid="${p#/proc/}"
          done
          [ -n "$pid" ] && break; sleep 0.25
        done
        [ -n "$pid" ] || { echo "no process runs $4" >> "$2/stdout.log"; echo "not started" > "$2/status"; exit 0; }
      fi
      sleep "$3"
      import -window root "$2/screenshot.png" || echo "import failed" >> "$2/stdout.log"
      # The launcher hosts the JVM in its own process: ask it how $APPDIR was expanded, and which
      # libnd4jcpu.so JavaCPP mapped (the bundled natives, not a copy from elsewhere).
      jcmd $pid VM.system_properties > "$2/system-properties.txt" 2>&1 || true
      grep -o "/.*libnd4jcpu\.so$" /proc/$pid/maps | head -1 > "$2/native-library.txt" || true
      if grep -q "/libjemalloc\.so" /proc/$pid/maps; then echo jemalloc; else echo "C library malloc"; fi > "$2/allocator.txt"
      if ! kill -0 $pid 2>/dev/null; then echo "exited" > "$2/status"; exit 0; fi
      echo alive > "$2/status"
      # Quit as a user would, with Ctrl+Q (File > Quit) in the main window, and give it 20 s to exit.
      win="$(timeout 10 xdotool search --sync --onlyvisible --name "^DCGAN Explorer\$" | head -1)"
      [ -n "$win" ] && xdotool windowfocus --sync "$win" key ctrl+q
      t0=$(date +%s)
      for i in $(seq 1 40); do kill -0 $pid 2>/dev/null || break; sleep 0.5; done
      if kill -0 $pid 2>/dev/null; then
        echo "still running 20 s after Ctrl+Q (window '"'"'${win:-not found}'"'"'); killed" > "$2/exit"
        kill $pid; sleep 5; kill -9 $pid 2>/dev/null || true
      elif [ -z "$4" ]; then
        wait $pid && rc=0 || rc=$?
        echo "exit code $rc after Ctrl+Q ($(( $(date +%s) - t0 )) s)" > "$2/exit"
      else
        echo "exited after Ctrl+Q ($(( $(date +%s) - t0 )) s; not its parent, so no exit code)" > "$2/exit"
      fi
    ' _ "$launcher" "$out/$name" "$wait_s" "$exe") || true
  local status; status="$(cat "$out/$name/status" 2>/dev/null || echo "no status")"
  local applog="$out/$name/home/.config/dcgan-explorer/app.log"
  local exceptions
  exceptions="$(cat "$out/$name/stdout.log" "$applog" 2>/dev/null | grep -c -E 'Exception|Error:|\bat [a-z]+\.' || true)"
  local quit; quit="$(cat "$out/$name/exit" 2>/dev/null || echo "not asked to quit")"
  echo "   process after ${wait_s} s: $status; then $quit; lines with an exception: $exceptions; elapsed $(( $(date +%s) - t0 )) s"
  local models
  models="$(sed -n 's/^dcganexplorer\.models=//p' "$out/$name/system-properties.txt" 2>/dev/null | sed 's/\\:/:/g')"
  if [ -n "$models" ] && [ -f "$models/faces32/generator.zip" ]; then
    echo "   -Ddcganexplorer.models expanded to $models (shipped models found)"
  else
    echo "   FAIL: -Ddcganexplorer.models='$models' does not hold the shipped models"
    failures=$((failures + 1))
  fi
  local native; native="$(cat "$out/$name/native-library.txt" 2>/dev/null || true)"
  case "$native" in
    "$home"/.javacpp/*/linux-x86_64-onednn-avx2/libnd4jcpu.so) echo "   natives: $native" ;;
    *) echo "   FAIL: libnd4jcpu.so mapped: '${native:-none}' (expected the bundled onednn-avx2 build, unpacked under the test HOME)"
       failures=$((failures + 1)) ;;
  esac
  # Started through lib/dcgan-explorer.sh (the menu entry's command), the app runs on jemalloc wherever
  # native-allocator.sh finds it; started as bin/DCGAN Explorer, on the C library's malloc.
  local allocator; allocator="$(cat "$out/$name/allocator.txt" 2>/dev/null || echo unknown)"
  local expected="C library malloc"
  if [ "$wrapped" = 1 ] && [ -n "$(. "$root/scripts/native-allocator.sh"; dcgan_jemalloc_library)" ]; then
    expected=jemalloc
  fi
  if [ "$allocator" = "$expected" ]; then echo "   native memory allocator: $allocator"; else
    echo "   FAIL: native memory allocator '$allocator', expected '$expected'"; failures=$((failures + 1)); fi
  echo "   screenshot: $out/$name/screenshot.png"
  [ -f "$applog" ] && echo "   app.log: $applog ($(wc -l < "$applog") lines)"
  case "$quit" in "exit code 0 "*|"exited after Ctrl+Q"*) clean=1 ;; *) clean=0 ;; esac
  if [ "$status" != alive ] || [ "$clean" != 1 ] || [ "$exceptions" != 0 ] || [ ! -s "$out/$name/screenshot.png" ]; then
    echo "   FAIL ($name); last lines of its output:"; tail -20 "$out/$name/stdout.log" | sed 's/^/     /'
    failures=$((failures + 1))
  else
    echo "   PASS ($name)"
  fi
  # JavaCPP unpacks ~400 MB of natives into the empty HOME: drop them, keep the logs.
  rm -rf "$out/$name/home/.javacpp"
}

wrapped=1 run_app app-image "$root/$image/lib/dcgan-explorer.sh"
wrapped=0 run_app app-image-bin "$root/$image/bin/DCGAN Explorer"

if [ "$deb" = 1 ]; then
  [ "$(id -u)" = 0 ] || { echo "error: --deb needs root (dpkg -i)" >&2; exit 1; }
  pkg="$(ls target/installer/*.deb | head -1)"
  menu=/usr/share/applications/dcgan-explorer.desktop
  launcher="/opt/dcgan-explorer/bin/DCGAN Explorer"
  start=/opt/dcgan-explorer/lib/dcgan-explorer.sh
  echo "== $pkg: $(du -h "$pkg" | cut -f1)"
  depends="$(dpkg-deb -f "$pkg" Depends)"
  echo "   Depends: $depends"
  if grep -q 'libgtk-3-0' <<<"$depends"; then echo "   PASS: declares GTK 3"; else
    echo "   FAIL: Depends does not name libgtk-3-0"; failures=$((failures + 1)); fi
  if grep -q 'libjemalloc2' <<<"$depends"; then echo "   PASS: declares jemalloc"; else
    echo "   FAIL: Depends does not name libjemalloc2"; failures=$((failures + 1)); fi
  echo "== dpkg -i $pkg"
  dpkg -i "$pkg" || { DEBIAN_FRONTEND=noninteractive apt-get install -f -y -qq; }
  dpkg -s dcgan-explorer | grep -E '^(Status|Version|Installed-Size):'
  echo "   installed size: $(du -sh /opt/dcgan-explorer | cut -f1) under /opt/dcgan-explorer"
  if [ -f "$menu" ] && grep -qxF "Exec=$start" "$menu"; then
    echo "   PASS: menu entry $menu (Exec=$start)"
  else
    echo "   FAIL: no menu entry $menu that starts $start"; failures=$((failures + 1))
  fi
  wrapped=0 run_app deb "$launcher"
  # What a desktop menu does: look the entry up by its id in XDG_DATA_DIRS and run its Exec line.
  if command -v gtk-launch >/dev/null; then
    wrapped=1 run_app deb-menu "gtk-launch dcgan-explorer" "$launcher"
  else
    echo "== deb-menu: skipped (no gtk-launch; apt-get install libgtk-3-bin)"
  fi
  echo "== dpkg -r dcgan-explorer"
  dpkg -r dcgan-explorer
  if [ -e /opt/dcgan-explorer ]; then
    echo "   FAIL: left behind under /opt/dcgan-explorer:"; find /opt/dcgan-explorer | head -20
    failures=$((failures + 1))
  else
    echo "   PASS: /opt/dcgan-explorer removed"
  fi
  if [ -e "$menu" ]; then echo "   FAIL: $menu left behind"; failures=$((failures + 1)); else
    echo "   PASS: menu entry removed"; fi
  # jpackage's .deb has a postrm, so dpkg keeps the package in state "rc" (no files, no conffiles) until purged.
  echo "== dpkg --purge dcgan-explorer"
  dpkg --purge dcgan-explorer
  if dpkg-query -W dcgan-explorer >/dev/null 2>&1; then
    echo "   FAIL: dpkg still knows dcgan-explorer: $(dpkg -l dcgan-explorer | tail -1)"; failures=$((failures + 1))
  else
    echo "   PASS: dpkg no longer lists dcgan-explorer"
  fi
fi

echo "== smoke test: $failures failure(s)"
[ "$failures" = 0 ]
