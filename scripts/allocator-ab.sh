#!/usr/bin/env bash
# The allocator comparison of docs/PERFORMANCE.md item 12: StepPhasesBenchmark (25 GAN steps at batch 128 with
# the trainer's memory schedule; it prints the median of the last 20) run in turns on the C library's malloc and
# on jemalloc, PAIRS times each, with each process's peak RSS and minor page faults (GNU time).
#   scripts/allocator-ab.sh [SIZE CHANNELS [PAIRS]]      default: 64 3 3
# Needs jemalloc and GNU time (apt-get install libjemalloc2 time). Compiles the test classes first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
size="${1:-64}"; channels="${2:-3}"; pairs="${3:-3}"
[ -n "$(. scripts/native-allocator.sh; dcgan_jemalloc_library)" ] || { echo "no libjemalloc.so.2 found (apt-get install libjemalloc2)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "no GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test >&2
cp="target/test-classes:target/classes:$(cat target/test-cp.txt)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
echo "StepPhasesBenchmark $size $channels, $pairs pairs, $(date '+%F %T')"
# run LABEL MODE: the benchmark with DCGAN_MALLOC=MODE, started as scripts/dcgan starts Java.
run() {
  local label="$1" mode="$2"
  /usr/bin/time -f "%M %R" -o "$tmp/time" env -u LD_PRELOAD DCGAN_MALLOC="$mode" \
      sh -c '. scripts/native-allocator.sh && dcgan_preload_jemalloc && exec "$@"' sh \
      java -cp "$cp" io.dcganexplorer.core.gan.StepPhasesBenchmark "$size" "$channels" > "$tmp/log" 2>&1 \
      || { tail -5 "$tmp/log" >&2; exit 1; }
  local step kb faults
  step="$(awk '$1 == "total" {print $2}' "$tmp/log")"
  read -r kb faults < "$tmp/time"
  printf "%-17s median step %7s ms   peak RSS %5d MiB   minor page faults %8d\n" "$label" "$step" $((kb / 1024)) "$faults"
  echo "$label $step" >> "$tmp/steps"
}
for i in $(seq 1 "$pairs"); do
  run "C library malloc" system
  run "jemalloc" jemalloc
done
awk '{n[$1]++; s[$1] += $NF} END {printf "mean of the medians: C library malloc %.1f ms, jemalloc %.1f ms (%+.1f%%)\n",
     s["C"] / n["C"], s["jemalloc"] / n["jemalloc"], 100 * (s["jemalloc"] / n["jemalloc"] - s["C"] / n["C"]) / (s["C"] / n["C"])}' "$tmp/steps"
