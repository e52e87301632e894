#!/usr/bin/env bash
# Reruns the kernel, layer and training tests under every kernel variant this machine supports, forced with
# PERCEPTRON_KERNEL, and once more for the preferred SIMD variant with the row-streaming path off
# (PERCEPTRON_ROW_STREAMING=off: every product through the blocked kernel). Tests that already loop over every variant themselves
# (Category=EveryVariant) and slow ones are skipped. Needs a Release build (run after `dotnet test -c Release`).
# Prints each run's `dotnet test` summary (counted by .ci/run); exits non-zero if any run fails.
set -uo pipefail
cd "$(dirname "$0")/../.."

filter='(FullyQualifiedName~Perceptron.Tests.Kernels|FullyQualifiedName~Perceptron.Tests.Layers|FullyQualifiedName~Perceptron.Tests.Training)&Category!=Slow&Category!=EveryVariant'
probe=artifacts/bin/Perceptron.Benchmarks/release/Perceptron.Benchmarks.dll
# `dotnet test` on the solution need not build the benchmark project: build the probe when it is missing.
if [ ! -f "$probe" ]; then
  dotnet build benchmarks/Perceptron.Benchmarks -c Release --nologo -v q || { echo "cannot build $probe"; exit 1; }
fi
variants=$(dotnet "$probe" variants) || { echo "cannot list the kernel variants with $probe"; exit 1; }

status=0
run() {
  local kernel=$1 streaming=$2
  echo "== kernel tests with PERCEPTRON_KERNEL=$kernel PERCEPTRON_ROW_STREAMING=$streaming =="
  PERCEPTRON_KERNEL=$kernel PERCEPTRON_ROW_STREAMING=$streaming timeout 900 \
    dotnet test tests/Perceptron.Tests -c Release --no-build --filter "$filter" --nologo -v q || status=1
}

# Row streaming off once, for the variant Auto picks: GemmTests already prove every width's row-streaming kernel
# bit-identical to its blocked one, and each extra run costs CI ~30 s.
best=""
for kernel in $variants; do
  run "$kernel" on
  if [ -z "$best" ] && [ "$kernel" != Reference ]; then
    best=$kernel
    run "$kernel" off
  fi
done
exit "$status"
