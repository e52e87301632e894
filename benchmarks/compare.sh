#!/usr/bin/env bash
# Runs every comparison workload (W1-W8, see benchmarks/README.md) for our engine and for the peers
# (PyTorch, scikit-learn, numpy, pandas, ONNX Runtime) in the same run, workload by workload, after a probe of the
# machine's peak (FMA and memory bandwidth), prints the ratio table and writes the JSON records.
# Usage: bash benchmarks/compare.sh [--quick] [--threads N] --json FILE
#        bash benchmarks/compare.sh --scaling [--quick] [--out DIR]     (the scaling curves: benchmarks/scaling.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--scaling" ]; then
  shift
  exec bash benchmarks/scaling.sh "$@"
fi

quick="" threads=2 json=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick="--quick" ;;
    --threads) threads="$2"; shift ;;
    --json) json="$2"; shift ;;
    *) echo "usage: bash benchmarks/compare.sh [--quick] [--threads N] --json FILE" >&2; exit 2 ;;
  esac
  shift
done
[ -n "$json" ] || { echo "usage: bash benchmarks/compare.sh [--quick] [--threads N] --json FILE" >&2; exit 2; }

# Debian's python3 with python3-torch/-sklearn/-numpy (benchmarks/setup.sh), not whatever python3 is first on PATH.
python=${PERCEPTRON_PYTHON:-/usr/bin/python3}
"$python" -c 'import numpy, sklearn, torch, pandas' 2>/dev/null || { echo "peers need Debian's python3-torch, python3-sklearn, python3-numpy and python3-pandas: run sudo bash benchmarks/setup.sh" >&2; exit 1; }

dotnet build benchmarks/Perceptron.Benchmarks -c Release --nologo -v q
dotnet build src/Perceptron.Cli -c Release --nologo -v q
ours=(dotnet artifacts/bin/Perceptron.Benchmarks/release/Perceptron.Benchmarks.dll)
cli=(dotnet artifacts/bin/Perceptron.Cli/release/Perceptron.Cli.dll)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
records="$work/records.jsonl"
common=(--export "$work" --out "$records" --data data/mnist-10k $quick)

# Peers: OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE (set on some machines for old OpenBLAS builds) slow a current one,
# so they are unset for the peers only. PyTorch: torch.set_num_threads(1) (in torch_peer.py) with OpenBLAS on
# 2 threads; the per-sample numpy loop on 1 BLAS thread; scikit-learn's GEMMs on OpenBLAS with 2 threads.
peer() { local blas=$1; shift; env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS="$blas" OMP_NUM_THREADS=1 "$python" "$@" "${common[@]}"; }

echo "== The machine: CPU, FMA peak and memory bandwidth on 1 and $threads threads =="
"${ours[@]}" peak --threads "$threads" "${common[@]}"

echo "== W1 per-sample 2-5-1 =="
"${ours[@]}" w1 --threads "$threads" "${common[@]}"
peer 1 benchmarks/peers/numpy_peer.py w1
peer 2 benchmarks/peers/torch_peer.py w1

echo "== W2 framework replica =="
"${ours[@]}" w2 --threads "$threads" "${common[@]}"
peer 2 benchmarks/peers/torch_peer.py w2
peer 2 benchmarks/peers/sklearn_peer.py w2

echo "== W3 MNIST-10k =="
"${ours[@]}" w3 --threads "$threads" "${common[@]}"
peer 2 benchmarks/peers/torch_peer.py w3
peer 2 benchmarks/peers/sklearn_peer.py w3

echo "== W4 GEMM-bound training and GEMM 4096^3 =="
"${ours[@]}" w4 --threads "$threads" "${common[@]}"
peer 2 benchmarks/peers/torch_peer.py w4
peer 2 benchmarks/peers/numpy_peer.py gemm

echo "== GEMM on the training shapes (W3, W4: forward and both backward products) =="
"${ours[@]}" gemm-shapes --threads "$threads" "${common[@]}"
peer 2 benchmarks/peers/numpy_peer.py gemm-shapes

echo "== W5 inference (ONNX Runtime runs in our process) =="
"${ours[@]}" w5 --threads "$threads" "${common[@]}"
peer 2 benchmarks/peers/torch_peer.py w5

echo "== W6 CLI overhead: perceptron train vs the engine's own Fit =="
"${ours[@]}" w6 --threads "$threads" "${common[@]}"
epochs=10; [ -n "$quick" ] && epochs=3
"${cli[@]}" train data/mnist-10k/images-idx3-ubyte.gz --labels data/mnist-10k/labels-idx1-ubyte.gz --layers 256,128 \
  --epochs "$epochs" --batch-size 64 --dropout 0 --l2 0 --scaling minmax --test-split 0.2 --threads "$threads" --quiet --json > "$work/cli.json"
"$python" - "$work/cli.json" "$records" "$threads" "$epochs" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
seconds = float(report["seconds"])
accuracy = 100.0 * float(report.get("test", {}).get("accuracy", float("nan")))
rec = {"workload": "W6-cli-overhead", "engine": "perceptron-cli", "threads": int(sys.argv[3]), "seconds": seconds, "unit": "total",
       "metric": accuracy, "metric_name": "test_accuracy", "detail": f"perceptron train, {sys.argv[4]} epochs, seconds from --json"}
print(f"W6-cli-overhead    perceptron-cli  threads {sys.argv[3]}  {seconds:.5g} s total")
open(sys.argv[2], "a").write(json.dumps(rec) + "\n")
PY

echo "== W7 tabular end to end and W8 CSV loading: a generated 200,000 x 50 CSV =="
csv="$work/tabular.csv"
"$python" benchmarks/peers/tabular_data.py "$csv"
# Our wall time is the whole `perceptron train` process (runtime start, load, split, scaling, 10 epochs, test).
"$python" - "$records" "$threads" "$epochs" "${cli[@]}" train "$csv" --target label --layers 64,32 --epochs "$epochs" \
  --batch-size 200 --optimizer adam --dropout 0 --l2 0 --scaling standard --test-split 0.2 --seed 42 --threads "$threads" --quiet --json <<'PY'
import json, subprocess, sys, time
out, threads, epochs, command = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
start = time.perf_counter()
result = subprocess.run(command, capture_output=True, text=True, check=True)
seconds = time.perf_counter() - start
accuracy = 100.0 * float(json.loads(result.stdout).get("test", {}).get("accuracy", float("nan")))
rec = {"workload": "W7-tabular", "engine": "perceptron-cli", "threads": threads, "seconds": seconds, "unit": "total",
       "metric": accuracy, "metric_name": "test_accuracy",
       "detail": f"perceptron train: whole process, load + split + scaling + 64-32 adam batch 200, {epochs} epochs + test"}
print(f"W7-tabular         perceptron-cli  threads {threads}  {seconds:.5g} s total      test_accuracy {accuracy:.4g}")
open(out, "a").write(json.dumps(rec) + "\n")
PY
peer 2 benchmarks/peers/pandas_peer.py w7 --csv "$csv"
"${ours[@]}" w8 --csv "$csv" "${common[@]}"
peer 1 benchmarks/peers/pandas_peer.py w8 --csv "$csv"

echo "== The peak again: the report takes the best of both probes =="
"${ours[@]}" peak --threads "$threads" "${common[@]}"

echo
"$python" benchmarks/peers/report.py "$records" "$json"
