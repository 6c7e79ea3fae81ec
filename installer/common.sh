# Steps shared by installer/build-linux.sh and installer/build-macos.sh: sourced (bash), not run.
# build-windows.ps1 does the same steps in PowerShell.
#
# installer_init sets root (and cd's there), JAVA_HOME, pom_version, app_version and main_jar; the other
# functions work on target/libs (the jpackage input), target/jlink/runtime and target/installer.
# The app is a class-path app (src/main/java/org/nd4j/nativeblas is a split package with nd4j's jar), so
# jpackage gets --input/--main-jar/--main-class and a jlinked runtime, never a module path.

installer_init() {
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  cd "$root"
  JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
  local t
  for t in jdeps jlink jpackage; do
    [ -x "$JAVA_HOME/bin/$t" ] || { echo "error: $JAVA_HOME/bin/$t missing (need a full JDK 17+)" >&2; exit 1; }
  done
  # The project's own <version>: the first one after <artifactId>dcgan-explorer. (`q;}`, not `q}`: BSD sed.)
  pom_version="$(sed -n '/<artifactId>dcgan-explorer<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q;}' pom.xml)"
  [ -n "$pom_version" ] || { echo "error: cannot read the version from pom.xml" >&2; exit 1; }
  app_version="${pom_version%-SNAPSHOT}"        # jpackage wants numbers only
  main_jar="dcgan-explorer-$pom_version.jar"
  t0=$(date +%s)
}

# build_args NO_PACKAGE_FLAG ARGS...: the build scripts' options. Sets skip_maven (--skip-maven: target/libs is
# already filled) and package (0 with NO_PACKAGE_FLAG, such as --no-deb or --no-dmg: the app-image only).
build_args() {
  local flag="$1" a
  shift
  skip_maven=0; package=1
  for a in "$@"; do
    case "$a" in
      --skip-maven) skip_maven=1 ;;
      "$flag") package=0 ;;
      *) echo "usage: $0 [--skip-maven] [$flag]" >&2; exit 2 ;;
    esac
  done
}

stamp() { echo "[$(( $(date +%s) - t0 )) s] $*"; }

# maven_libs PLATFORM: the app jar and its runtime-scope jars, with PLATFORM's natives only, in target/libs.
# A -D on the command line wins over .mvn/maven.config's -Djavacpp.platform=linux-x86_64.
maven_libs() {
  rm -rf target/libs
  stamp "mvn package + copy-dependencies for $1 (runtime scope, tests skipped)"
  ${MVN:-mvn} ${MVN_FLAGS:--B -q} -Djavacpp.platform="$1" -DskipTests package dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory=target/libs
}

# input_folder: adds the app jar and the shipped models to target/libs. jpackage puts the input folder in the
# app's lib/app (Contents/app on macOS, app\ on Windows), which its launcher calls $APPDIR; JDK 17's
# jpackage has no --app-content (that came in JDK 18), so the models travel in the input folder.
input_folder() {
  [ -f "target/$main_jar" ] || { echo "error: target/$main_jar missing" >&2; exit 1; }
  cp "target/$main_jar" target/libs/
  rm -rf target/libs/models
  cp -r models target/libs/models
}

# trim_natives PLATFORM FX_CLASSIFIER: bundle only the host's natives. -Djavacpp.platform already keeps other
# platforms' jars out of the download; this is the guard for a build without it (an IDE, a plain `mvn` with
# another maven.config), and it drops host jars that would never load:
#  - nd4j-native's plain build (about 90 MB) when a variant such as -onednn-avx2 is present: JavaCPP tries
#    the variant first, and that jar carries every library it needs (libnd4jcpu, libjnind4jcpu, libgomp);
#  - MKL's JNI glue (mkl-platform comes with nd4j-native-platform): only loaded when
#    -Dorg.bytedeco.openblas.load=mkl is set, and useless without MKL's own libraries (mkl-platform-redist),
#    which are not a dependency.
# FX_CLASSIFIER is JavaFX's name for the host: linux, mac, mac-aarch64, win.
trim_natives() {
  local platform="$1" fx="$2" jar name reason variants
  stamp "trim natives to $platform"
  for jar in target/libs/*.jar; do
    name="$(basename "$jar")"
    reason=""
    if [[ "$name" =~ -(android|ios|linux|macosx|windows)-(arm|arm64|armhf|ppc64le|x86|x86_64)(-[a-z0-9-]+)?\.jar$ ]]; then
      if [ "${BASH_REMATCH[1]}-${BASH_REMATCH[2]}" != "$platform" ]; then
        reason="other platform"
      elif [[ "$name" == mkl-*-"$platform".jar ]]; then
        reason="MKL glue, never loaded"
      elif [[ "$name" == nd4j-native-[0-9]*-"$platform".jar ]] \
          && compgen -G "target/libs/nd4j-native-[0-9]*-$platform-*.jar" >/dev/null; then
        reason="plain build; the variant jar is used"
      fi
    elif [[ "$name" =~ ^javafx-[a-z]+-[0-9.]+-([a-z0-9-]+)\.jar$ ]] && [ "${BASH_REMATCH[1]}" != "$fx" ]; then
      reason="other platform"
    fi
    if [ -n "$reason" ]; then
      rm -f "$jar"
      echo "   dropped $name ($reason)"
    fi
  done
  variants="$(cd target/libs && ls nd4j-native-[0-9]*-"$platform"-*.jar 2>/dev/null | wc -l)"
  [ "$variants" -le 1 ] || { echo "error: several nd4j-native variants in target/libs; keep one" >&2; exit 1; }
}

# jlink_runtime: jdeps over every jar (class-path mode) for the modules, then a trimmed runtime in
# target/jlink/runtime. JLINK_MODULES skips jdeps.
jlink_runtime() {
  local modules fallback="java.se,jdk.unsupported,jdk.management,jdk.zipfs" err
  if [ -n "${JLINK_MODULES:-}" ]; then
    modules="$JLINK_MODULES"
  else
    stamp "jdeps --print-module-deps"
    err="$(mktemp)"
    if modules="$("$JAVA_HOME/bin/jdeps" -q --multi-release 17 --ignore-missing-deps --print-module-deps \
          --class-path "target/libs/*" "target/libs/$main_jar" 2>"$err" | tail -1)" && [ -n "$modules" ]; then
      # jdeps cannot see reflective and ServiceLoader use (JavaFX, JavaCPP, zip file systems): add them.
      modules="$modules,jdk.unsupported,jdk.management,jdk.zipfs,java.naming,jdk.crypto.ec"
    else
      echo "warning: jdeps failed ($(head -c 300 "$err")); using $fallback" >&2
      modules="$fallback"
    fi
    rm -f "$err"
  fi
  modules="$(echo "$modules" | tr ',' '\n' | sort -u | paste -sd, -)"
  stamp "jlink --add-modules $modules"
  rm -rf target/jlink
  "$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
      --compress=2 --output target/jlink/runtime
}

# app_image OS_ARGS_FILE IMAGE_NAME: jpackage --type app-image into target/installer/IMAGE_NAME, from the
# options every system shares (installer/common.args, installer/launcher.args) and the system's own file.
app_image() {
  stamp "jpackage app-image $app_version"
  rm -rf "target/installer/$2"
  mkdir -p target/installer
  "$JAVA_HOME/bin/jpackage" @installer/common.args @installer/launcher.args "@$1" --type app-image \
      --app-version "$app_version" --input target/libs --main-jar "$main_jar" \
      --runtime-image target/jlink/runtime --dest target/installer
}

# size_mib PATH: disk usage in MiB, rounded up (du -sm), as the README's table reports it.
size_mib() { du -sm "$1" | cut -f1; }
