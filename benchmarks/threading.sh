#!/usr/bin/env bash
# The hand-off between the GEMM's threads at batch 64: W3's epoch on 1 and N threads and the batch-64 products,
# with the default spin of a waiting thread (50 µs) and with PERCEPTRON_GEMM_SPIN_US = 0, 200 and 1000 µs (the
# threads spin that long, keeping their core, before sleeping). Run it on a quiet machine: on a loaded one the
# second core is somebody else's and every figure is noise. Usage: bash benchmarks/threading.sh [--threads N]
set -euo pipefail
cd "$(dirname "$0")/.."
threads=2
[ "${1:-}" = "--threads" ] && threads=$2

dotnet build benchmarks/Perceptron.Benchmarks -c Release --nologo -v q
ours=(dotnet artifacts/bin/Perceptron.Benchmarks/release/Perceptron.Benchmarks.dll)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The host's FMA throughput on 1 and N threads before and after: on a shared VM the second vCPU is at times not a whole
# core, and then no speed-up below can exceed the probe's.
probe() { "${ours[@]}" peak --threads "$threads" --out "$work/peak.jsonl" | grep peak-fma; }
echo "== FMA probe, before =="
probe
for spin in default 0 200 1000; do
  if [ "$spin" = default ]; then unset PERCEPTRON_GEMM_SPIN_US; else export PERCEPTRON_GEMM_SPIN_US=$spin; fi
  echo "== spin: $spin =="
  "${ours[@]}" w3 --quick --threads "$threads" --export "$work" --out "$work/w3-$spin.jsonl" | grep sgd
  "${ours[@]}" gemm --size 512 | grep -E "NN|NT|TN"
done
echo "== FMA probe, after =="
probe
