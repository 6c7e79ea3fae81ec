#!/usr/bin/env bash
# Builds the Linux app-image and .deb of DCGAN Explorer: jar + runtime jars -> jdeps -> jlink -> jpackage.
#
#   installer/build-linux.sh              # mvn package + copy-dependencies, then jlink and jpackage
#   installer/build-linux.sh --skip-maven # target/libs already filled (what `mvn -Pinstaller package` does)
#   installer/build-linux.sh --no-deb     # app-image only
#
# Output: target/installer/DCGAN Explorer/ (app-image) and target/installer/dcgan-explorer_<version>-1_amd64.deb
# Env: MVN (default mvn), MVN_FLAGS (default -B -q), JLINK_MODULES (skip jdeps and use this list).
# The app is a class-path app (src/main/java/org/nd4j/nativeblas is a split package with nd4j's jar), so
# jpackage gets --input/--main-jar/--main-class and a jlinked runtime, never a module path.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

skip_maven=0; deb=1
for a in "$@"; do
  case "$a" in
    --skip-maven) skip_maven=1 ;;
    --no-deb) deb=0 ;;
    *) echo "usage: $0 [--skip-maven] [--no-deb]" >&2; exit 2 ;;
  esac
done

JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
for t in jdeps jlink jpackage; do
  [ -x "$JAVA_HOME/bin/$t" ] || { echo "error: $JAVA_HOME/bin/$t missing (need a full JDK 17+)" >&2; exit 1; }
done

# Version from the pom (the project's own <version>, the first one after <artifactId>dcgan-explorer).
pom_version="$(sed -n '/<artifactId>dcgan-explorer<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q}' pom.xml)"
[ -n "$pom_version" ] || { echo "error: cannot read the version from pom.xml" >&2; exit 1; }
app_version="${pom_version%-SNAPSHOT}"        # jpackage wants numbers only
main_jar="dcgan-explorer-$pom_version.jar"

t0=$(date +%s)
stamp() { echo "[$(( $(date +%s) - t0 )) s] $*"; }

if [ "$skip_maven" = 0 ]; then
  rm -rf target/libs
  stamp "mvn package + copy-dependencies (runtime scope, tests skipped)"
  ${MVN:-mvn} ${MVN_FLAGS:--B -q} -DskipTests package dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory=target/libs
fi
[ -f "target/$main_jar" ] || { echo "error: target/$main_jar missing" >&2; exit 1; }
cp "target/$main_jar" target/libs/

# Bundle only the host's natives. .mvn/maven.config (-Djavacpp.platform=linux-x86_64) already keeps other
# platforms' jars out of the download; this is the guard for a build without it (an IDE, a plain `mvn`
# with another maven.config), and it drops host jars that would never load:
#  - nd4j-native's plain linux-x86_64 build (about 90 MB) when a variant such as -onednn-avx2 is present:
#    JavaCPP tries the variant first, and that jar carries every library it needs (libnd4jcpu, libjnind4jcpu,
#    libgomp);
#  - MKL's JNI glue (mkl-platform comes with nd4j-native-platform): only loaded when
#    -Dorg.bytedeco.openblas.load=mkl is set, and useless without MKL's own libraries (mkl-platform-redist),
#    which are not a dependency.
trim_natives() {
  local jar name dropped=()
  for jar in target/libs/*.jar; do
    name="$(basename "$jar")"
    case "$name" in
      *-windows-*.jar|*-macosx-*.jar|*-android-*.jar|*-ios-*.jar \
      |*-linux-arm64*.jar|*-linux-armhf*.jar|*-linux-ppc64le*.jar|*-linux-x86.jar|*-linux-x86-*.jar \
      |*-linux-aarch64.jar|*-win.jar|*-mac.jar|*-mac-aarch64.jar)
        dropped+=("$name (other platform)") ;;
      mkl-*-linux-x86_64.jar)
        dropped+=("$name (MKL glue, never loaded)") ;;
      nd4j-native-[0-9]*-linux-x86_64.jar)
        if compgen -G "target/libs/nd4j-native-[0-9]*-linux-x86_64-*.jar" >/dev/null; then
          dropped+=("$name (plain build; the variant jar is used)")
        fi ;;
    esac
  done
  for name in "${dropped[@]}"; do
    rm -f "target/libs/${name%% (*}"
    echo "   dropped $name"
  done
  local variants
  variants="$(cd target/libs && ls nd4j-native-[0-9]*-linux-x86_64-*.jar 2>/dev/null | wc -l)"
  [ "$variants" -le 1 ] || { echo "error: several nd4j-native variants in target/libs; keep one" >&2; exit 1; }
}
stamp "trim natives to linux-x86_64"
trim_natives

# Shipped models travel in the input folder: jpackage puts them in lib/app/models ($APPDIR/models).
rm -rf target/libs/models
cp -r models target/libs/models

# jdeps over every jar (class-path mode); fall back to the list verified with the CLI if it fails.
fallback_modules="java.se,jdk.unsupported,jdk.management,jdk.zipfs"
if [ -n "${JLINK_MODULES:-}" ]; then
  modules="$JLINK_MODULES"
else
  stamp "jdeps --print-module-deps"
  if modules="$("$JAVA_HOME/bin/jdeps" -q --multi-release 17 --ignore-missing-deps --print-module-deps \
        --class-path "target/libs/*" "target/libs/$main_jar" 2>/tmp/jdeps.$$.err | tail -1)" && [ -n "$modules" ]; then
    # jdeps cannot see reflective and ServiceLoader use (JavaFX, JavaCPP, zip file systems): add them.
    modules="$modules,jdk.unsupported,jdk.management,jdk.zipfs,java.naming,jdk.crypto.ec"
  else
    echo "warning: jdeps failed ($(head -c 300 /tmp/jdeps.$$.err)); using $fallback_modules" >&2
    modules="$fallback_modules"
  fi
  rm -f /tmp/jdeps.$$.err
fi
modules="$(echo "$modules" | tr ',' '\n' | sort -u | paste -sd, -)"
stamp "jlink --add-modules $modules"
rm -rf target/jlink
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
    --compress=2 --output target/jlink/runtime

stamp "jpackage app-image $app_version"
rm -rf "target/installer/DCGAN Explorer"
mkdir -p target/installer
"$JAVA_HOME/bin/jpackage" @installer/linux/jpackage.args --type app-image --app-version "$app_version" \
    --input target/libs --main-jar "$main_jar" --runtime-image target/jlink/runtime --dest target/installer
# The desktop entry also ships inside the app-image, for people who unpack it by hand.
cp "installer/linux/resources/dcgan-explorer.desktop" "target/installer/DCGAN Explorer/lib/dcgan-explorer.desktop"

if [ "$deb" = 1 ]; then
  stamp "jpackage deb"
  rm -f target/installer/*.deb
  "$JAVA_HOME/bin/jpackage" @installer/linux/deb.args --type deb --app-version "$app_version" \
      --app-image "target/installer/DCGAN Explorer" --dest target/installer
fi

stamp "done"
du -sh "target/installer/DCGAN Explorer"
ls -l target/installer/*.deb 2>/dev/null || true
