#!/usr/bin/env bash
# Builds the macOS app bundle and .dmg of DCGAN Explorer, on a Mac: jar + runtime jars -> jdeps -> jlink ->
# jpackage. UNTESTED: written on Linux, where jpackage cannot build for macOS; the steps are those of
# build-linux.sh (installer/common.sh), which are tested.
#
#   installer/build-macos.sh              # mvn package + copy-dependencies (this Mac's natives), jlink, jpackage
#   installer/build-macos.sh --skip-maven # target/libs already filled with this Mac's natives
#   installer/build-macos.sh --no-dmg     # app bundle only
#
# Output: target/installer/DCGAN Explorer.app and target/installer/DCGAN Explorer-<version>.dmg (unsigned:
# see installer/macos/jpackage.args).
# Natives: Intel Macs get macosx-x86_64 with oneDNN (nd4j-native's -onednn-avx2 build); Apple silicon gets
# macosx-arm64, the plain build (M2.1 has no oneDNN build for it). The pom's natives-* profiles switch on by
# themselves from -Djavacpp.platform, which maven_libs passes.
# Needs a full JDK 17+ for the Mac's own architecture (JAVA_HOME, else /usr/libexec/java_home -v 17+).
# Version: jpackage on macOS rejects a version whose first number is 0 (the CFBundleVersion rule), so while the
# pom says 0.x the bundle gets APP_VERSION (default 1.0.0).
set -euo pipefail
source "$(dirname "$0")/common.sh"

build_args --no-dmg "$@"
case "$(uname -s)-$(uname -m)" in
  Darwin-x86_64) platform=macosx-x86_64; fx=mac ;;
  Darwin-arm64) platform=macosx-arm64; fx=mac-aarch64 ;;
  *) echo "error: build-macos.sh runs on macOS (this is $(uname -s)-$(uname -m))" >&2; exit 1 ;;
esac
# /usr/bin/javac on a Mac is a stub, so common.sh's guess from `command -v javac` would not find the JDK.
[ -n "${JAVA_HOME:-}" ] || JAVA_HOME="$(/usr/libexec/java_home -v 17+)"

installer_init
if [ "${app_version%%.*}" = 0 ]; then
  echo "note: jpackage on macOS rejects version $app_version (first number 0); the bundle gets ${APP_VERSION:-1.0.0}"
  app_version="${APP_VERSION:-1.0.0}"
fi
[ "$skip_maven" = 1 ] || maven_libs "$platform"
input_folder
trim_natives "$platform" "$fx"
jlink_runtime
image="target/installer/DCGAN Explorer.app"
app_image installer/macos/jpackage.args "DCGAN Explorer.app"

if [ "$package" = 1 ]; then
  stamp "jpackage dmg"
  rm -f target/installer/*.dmg
  "$JAVA_HOME/bin/jpackage" @installer/common.args --type dmg --app-version "$app_version" \
      --app-image "$image" --dest target/installer
fi

stamp "done"
echo "build $(( $(date +%s) - t0 )) s; runtime (jlink) $(size_mib target/jlink/runtime) MiB; app bundle $(size_mib "$image") MiB"
ls -l target/installer/*.dmg 2>/dev/null || true
