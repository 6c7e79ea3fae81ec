#!/usr/bin/env bash
# Trains the shipped models one after the other, exactly as models/README.md records them, resuming any run
# folder that already exists (an interrupted run continues from its newest checkpoint: resume is exact).
#
#   scripts/train-shipped-models.sh RUNS_DIR [MODEL...]     MODEL: fashion32 faces64 rooms64 (default: all three)
#
# Keep RUNS_DIR outside the checkout, so that a fresh checkout never touches a run in progress. Each finished
# model is exported (without optimiser state) to RUNS_DIR/export/MODEL and marked RUNS_DIR/MODEL.done; copy the
# export into models/ by hand. Quality classifiers are looked up in $QUALITY_MODELS (default: models/).
# DCGAN, if set, is the command to run instead of scripts/dcgan (for example a frozen build, so that edits in the
# checkout never change the code under a run that takes hours).
set -u
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:?usage: scripts/train-shipped-models.sh RUNS_DIR [MODEL...]}"; shift
mkdir -p "$runs/export"
runs="$(cd "$runs" && pwd)"
cd "$root"
quality="${QUALITY_MODELS:-models}"
dcgan() { if [ -n "${DCGAN:-}" ]; then $DCGAN "$@"; else scripts/dcgan "$@"; fi; }
last_step() { tail -1 "$runs/$1/metrics.csv" 2>/dev/null | cut -d, -f1; }

train() {
  local name=$1 steps=$2; shift 2
  if [ -f "$runs/$name.done" ]; then echo "$name: done already"; return 0; fi
  if [ -d "$runs/$name/checkpoints" ]; then
    echo "$(date -u +%FT%T) $name: resuming to step $steps"
    dcgan train --resume "$runs/$name" --iterations "$steps" --export "$runs/export/$name" --progress lines \
      --quality-models "$quality"
  else
    rm -rf "${runs:?}/$name"
    echo "$(date -u +%FT%T) $name: starting, $steps steps"
    dcgan train "$@" --iterations "$steps" --runs "$runs" --name "$name" --export "$runs/export/$name" \
      --progress lines --quality-models "$quality"
  fi
  local rc=$?
  echo "$(date -u +%FT%T) $name: exit code $rc at step $(last_step "$name")"
  if [ $rc -eq 0 ] && [ "$(last_step "$name")" = "$((steps - 1))" ] && [ -f "$runs/export/$name/generator.zip" ]; then
    touch "$runs/$name.done"
  fi
  return $rc
}

# fashion32: the paper's width on all 60,000 Fashion-MNIST images, 9,400 steps at batch 128 (20 epochs).
# faces64, rooms64: 64x64x3 at ngf = ndf = 32, the widest that reaches 8,000 steps at batch 128 in about two hours
# alone on the 2-core machine (bench --shapes 64x64x3: 147.9 images/s at 32 filters, 108.9 at 40, 85.8 at 48);
# 50,000 procedural images from seed 1.
for model in "${@:-fashion32 faces64 rooms64}"; do
  for m in $model; do
    case "$m" in
      fashion32) train fashion32 9400 --data fashion-mnist --size 32 --channels 1 --ngf 64 --ndf 64 --batch 128 \
                   --seed 1 --sample-every 200 --checkpoint-minutes 5 ;;
      faces64)   train faces64 8000 --data faces --limit 50000 --size 64 --channels 3 --ngf 32 --ndf 32 --batch 128 \
                   --seed 1 --sample-every 200 --checkpoint-minutes 5 --quality-every 500 ;;
      rooms64)   train rooms64 8000 --data rooms --limit 50000 --size 64 --channels 3 --ngf 32 --ndf 32 --batch 128 \
                   --seed 1 --sample-every 200 --checkpoint-minutes 5 --quality-every 500 ;;
      *) echo "unknown model '$m': expected fashion32, faces64 or rooms64" >&2; exit 2 ;;
    esac
  done
done
