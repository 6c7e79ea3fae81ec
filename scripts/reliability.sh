#!/usr/bin/env bash
# Long reliability checks that do not belong in CI (see README, "Reliability"):
#   scripts/reliability.sh kill [ROUNDS]     kill -9 a 32x32 trainer at random moments ROUNDS times (default 20),
#                                            resume each time, check the newest checkpoint loads and metrics are whole
#   scripts/reliability.sh soak [MINUTES]    train 32x32x1 for MINUTES (default 30) and sample RSS every 10 s;
#                                            prints the RSS slope (MB per hour) over the second half and the
#                                            mean RSS of each quarter of the run
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dcgan="$here/dcgan"
work="${WORK:-$(mktemp -d)}"
mode="${1:-kill}"

case "$mode" in
kill)
  rounds="${2:-20}"
  run="$work/runs/kill"
  "$dcgan" train --data rooms --limit 2000 --size 32 --channels 3 --ngf 16 --ndf 16 --batch 32 --iterations 1000000 \
      --checkpoint-every 5 --checkpoint-minutes 0 --runs "$work/runs" --name kill --progress lines >"$work/log" 2>&1 &
  pid=$!
  for i in $(seq 1 "$rounds"); do
    sleep "$(awk -v s=$RANDOM 'BEGIN{srand(s); printf "%.2f", 2 + rand()*6}')"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    ls "$run/checkpoints" | tail -n 1
    "$dcgan" sample "$run" -o "$work/check.png" --count 4 >/dev/null || { echo "round $i: checkpoint does not load"; exit 1; }
    "$dcgan" train --resume "$run" --progress lines >>"$work/log" 2>&1 &
    pid=$!
    echo "round $i: killed, newest checkpoint loads, resumed"
  done
  kill "$pid"; wait "$pid" || true
  awk -F, 'NR>1 {if ($1 != n) {print "metrics gap/duplicate at " $1 " (expected " n ")"; bad=1} n=$1+1} END {exit bad}' "$run/metrics.csv"
  echo "ok: $rounds kills, metrics.csv has every step once"
  ;;
soak)
  minutes="${2:-30}"
  "$dcgan" train --data rooms --limit 5000 --size 32 --channels 1 --iterations 10000000 --max-minutes "$minutes" \
      --runs "$work/runs" --name soak --progress lines >"$work/log" 2>&1 &
  pid=$!
  : >"$work/rss.csv"
  start=$(date +%s)
  while kill -0 "$pid" 2>/dev/null; do
    java_pid=$(pgrep -P "$pid" java || echo "$pid")
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$java_pid/status" 2>/dev/null || echo "")
    [ -n "$rss" ] && echo "$(( $(date +%s) - start )),$rss" >>"$work/rss.csv"
    sleep 10
  done
  awk -F, -v half=$(( minutes * 30 )) '$1 >= half {n++; sx+=$1; sy+=$2; sxx+=$1*$1; sxy+=$1*$2}
      END {slope=(n*sxy-sx*sy)/(n*sxx-sx*sx); printf "RSS slope over the second half: %.1f MB/hour (%d samples, mean %.0f MB)\n", slope*3600/1024, n, sy/n/1024}' "$work/rss.csv"
  # RSS saw-tooths with each collection, so the slope of a few hundred samples is noisy; the mean of each
  # quarter of the run shows a trend (or its absence) more plainly.
  awk -F, -v q=$(( minutes * 15 )) '{i=int($1/q); if (i>3) i=3; n[i]++; s[i]+=$2}
      END {printf "RSS mean by quarter:"; for (i=0; i<4; i++) if (n[i]) printf " %.0f", s[i]/n[i]/1024; print " MB"}' "$work/rss.csv"
  ;;
*) echo "usage: $0 kill [ROUNDS] | soak [MINUTES]" >&2; exit 2 ;;
esac
