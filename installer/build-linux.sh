#!/usr/bin/env bash
# Builds the Linux app-image and .deb of DCGAN Explorer: jar + runtime jars -> jdeps -> jlink -> jpackage.
#
#   installer/build-linux.sh              # mvn package + copy-dependencies, then jlink and jpackage
#   installer/build-linux.sh --skip-maven # target/libs already filled (what `mvn -Pinstaller package` does)
#   installer/build-linux.sh --no-deb     # app-image only
#
# Output: target/installer/DCGAN Explorer/ (app-image) and target/installer/dcgan-explorer_<version>-1_amd64.deb,
# and a last line with the build time and the sizes that README "Install" reports.
# Env: MVN (default mvn), MVN_FLAGS (default -B -q), JLINK_MODULES (skip jdeps and use this list).
# The steps shared with build-macos.sh are in installer/common.sh.
set -euo pipefail
source "$(dirname "$0")/common.sh"

build_args --no-deb "$@"

installer_init
[ "$skip_maven" = 1 ] || maven_libs linux-x86_64
input_folder
trim_natives linux-x86_64 linux
jlink_runtime
image="target/installer/DCGAN Explorer"
app_image installer/linux/jpackage.args "DCGAN Explorer"
# The desktop entry also ships inside the app-image, for people who unpack it by hand; the .deb's postinst
# copies it to /usr/share/applications. Its Exec is lib/dcgan-explorer.sh, which preloads jemalloc where
# installed and then runs bin/DCGAN Explorer.
cp installer/linux/resources/dcgan-explorer.desktop "$image/lib/dcgan-explorer.desktop"
install -m 755 installer/linux/dcgan-explorer.sh "$image/lib/dcgan-explorer.sh"
install -m 644 scripts/native-allocator.sh "$image/lib/native-allocator.sh"

deb_file=""
if [ "$package" = 1 ]; then
  stamp "jpackage deb"
  rm -f target/installer/*.deb
  "$JAVA_HOME/bin/jpackage" @installer/common.args @installer/linux/deb.args --type deb \
      --app-version "$app_version" --app-image "$image" --dest target/installer
  deb_file="$(ls target/installer/*.deb)"
fi

stamp "done"
echo "build $(( $(date +%s) - t0 )) s; runtime (jlink) $(size_mib target/jlink/runtime) MiB;" \
     "app-image $(size_mib "$image") MiB${deb_file:+; .deb $(( ($(stat -c %s "$deb_file") + 1048575) / 1048576 )) MiB ($deb_file)}"
