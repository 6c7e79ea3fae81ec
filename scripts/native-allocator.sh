# Sourced by scripts/dcgan and by the Linux app's launcher (lib/dcgan-explorer.sh in the installed app):
# dcgan_preload_jemalloc makes the Java process they start use jemalloc for native memory where the machine
# has it (Debian/Ubuntu: apt-get install libjemalloc2). Why: README "Speed" and docs/PERFORMANCE.md item 12;
# in short, glibc hands the GAN step's big arrays back to the kernel and faults them in again every step.
# DCGAN_MALLOC=system keeps the C library's malloc; DCGAN_MALLOC=jemalloc warns when jemalloc is missing.
# dcgan_jemalloc_library prints where libjemalloc.so.2 is, or nothing where the machine has none (.ci/run, the
# smoke test and scripts/allocator-ab.sh ask it too).

dcgan_jemalloc_library() {
  for dcgan_lib in /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 /usr/lib/aarch64-linux-gnu/libjemalloc.so.2 \
             /usr/lib64/libjemalloc.so.2 /usr/lib/libjemalloc.so.2 /usr/local/lib/libjemalloc.so.2; do
    if [ -r "$dcgan_lib" ]; then
      echo "$dcgan_lib"
      return 0
    fi
  done
  return 0
}

dcgan_preload_jemalloc() {
  case "${DCGAN_MALLOC:-auto}" in
    system) return 0 ;;
    auto|jemalloc) ;;
    *) echo "DCGAN_MALLOC=${DCGAN_MALLOC}: expected system, jemalloc or auto; using auto" >&2 ;;
  esac
  case "${LD_PRELOAD:-}" in *libjemalloc*) return 0 ;; esac
  dcgan_lib="$(dcgan_jemalloc_library)"
  if [ -n "$dcgan_lib" ]; then
    export LD_PRELOAD="$dcgan_lib${LD_PRELOAD:+:$LD_PRELOAD}"
    # Blocks of 8 MB and more stay in jemalloc's ordinary arenas, which keep freed pages for reuse (its
    # default gives them an arena of their own that returns them to the system at once, as glibc does).
    export MALLOC_CONF="${MALLOC_CONF:-oversize_threshold:0}"
    return 0
  fi
  if [ "${DCGAN_MALLOC:-auto}" = jemalloc ]; then
    echo "DCGAN_MALLOC=jemalloc, but no libjemalloc.so.2 was found (apt-get install libjemalloc2); using the C library's malloc" >&2
  fi
  return 0
}
