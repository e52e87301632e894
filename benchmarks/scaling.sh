#!/usr/bin/env bash
# Scaling curves: time per epoch and peak memory against rows (1k -> 1M), hidden width (64 -> 4096), depth (1 -> 16)
# and threads (1, 2), each point trained in its own process (so its peak memory is its own), then drawn as PNGs with
# the expected slope beside the measured one, under benchmarks/results/<cpu>/scaling/ (or --out DIR).
# Usage: bash benchmarks/scaling.sh [--quick] [--out DIR]          (also: bash benchmarks/compare.sh --scaling ...)
set -euo pipefail
cd "$(dirname "$0")/.."

quick="" out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --out) out="$2"; shift ;;
    *) echo "usage: bash benchmarks/scaling.sh [--quick] [--out DIR]" >&2; exit 2 ;;
  esac
  shift
done

dotnet build benchmarks/Perceptron.Benchmarks -c Release --nologo -v q
ours=(dotnet artifacts/bin/Perceptron.Benchmarks/release/Perceptron.Benchmarks.dll)
[ -n "$out" ] || out="benchmarks/results/$("${ours[@]}" machine-slug)/scaling"
records=$(mktemp)
trap 'rm -f "$records"' EXIT
threads=$(getconf _NPROCESSORS_ONLN)

point() { "${ours[@]}" scaling-point --sweep "$1" --rows "$2" --width "$3" --depth "$4" --threads "$5" --epochs "$6" --out "$records"; }

if [ -n "$quick" ]; then
  rows=(1000 4000 16000 64000 256000); widths=(64 256 1024 2048); depths=(1 2 4 8); epochs=2
else
  rows=(1000 4000 16000 64000 256000 1000000); widths=(64 128 256 512 1024 2048 4096); depths=(1 2 4 8 16); epochs=3
fi

echo "== time and memory vs rows (width 256, depth 2, $threads threads) =="
for r in "${rows[@]}"; do point rows "$r" 256 2 "$threads" "$epochs"; done
echo "== vs hidden width (8,000 rows, depth 2) =="
for w in "${widths[@]}"; do point width 8000 "$w" 2 "$threads" "$epochs"; done
echo "== vs depth (16,000 rows, width 256) =="
for d in "${depths[@]}"; do point depth 16000 256 "$d" "$threads" "$epochs"; done
echo "== vs threads (64,000 rows, depth 2; widths 256 and 1024) =="
for w in 256 1024; do
  for t in $(seq 1 "$threads"); do point threads 64000 "$w" 2 "$t" "$epochs"; done
done

"${ours[@]}" scaling-plot "$records" "$out"
