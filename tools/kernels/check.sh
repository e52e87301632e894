#!/usr/bin/env bash
# Fails if a generated kernel file differs from what tools/kernels/generate.py prints for it (someone edited the
# output instead of the generator, or changed the generator without regenerating). Run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/../.."

status=0
diffs=$(mktemp)
trap 'rm -f "$diffs"' EXIT
for kind in micro row-streaming; do
  for width in 512 256 128; do
    case "$kind" in
      micro) file="src/Perceptron/Kernels/Gemm.MicroKernel$width.cs" ;;
      row-streaming) file="src/Perceptron/Kernels/Gemm.RowStreaming$width.cs" ;;
    esac
    if ! python3 tools/kernels/generate.py "$kind" "$width" | diff -u "$file" - > "$diffs" 2>&1; then
      echo "$file differs from 'python3 tools/kernels/generate.py $kind $width':"
      head -40 "$diffs"
      status=1
    fi
  done
done
if [ "$status" -ne 0 ]; then
  echo "Generated kernels are stale: edit tools/kernels/generate.py, then run 'python3 tools/kernels/generate.py'."
else
  echo "Generated kernels match tools/kernels/generate.py."
fi
exit "$status"
