#!/usr/bin/env bash
# Measures training and prediction on a CSV larger than memory allows to load: generates a classification CSV of at
# least 5 GB (tools/data/generate-stream-data.cs), trains on it with `perceptron train --stream` (64-32, 2 epochs) and
# predicts every row with `perceptron predict`, and reports the wall time and peak resident memory (GNU time's
# "Maximum resident set size") of each, with the CPU. Heavy: about 5 GB of disk for the data and as much again for the
# predictions (both deleted at the end), and several minutes per pass. Not part of CI.
# Run from anywhere: bash tools/data/stream-measure.sh [gigabytes=5.1] [folder=a new temporary folder]
set -euo pipefail
cd "$(dirname "$0")/../.."
gigabytes=${1:-5.1}
folder=${2:-$(mktemp -d "${TMPDIR:-/tmp}/perceptron-stream-XXXXXX")}
mkdir -p "$folder"
trap 'rm -rf "$folder/big.csv" "$folder/predictions.csv" "$folder/cli"' EXIT

if [ ! -x /usr/bin/time ]; then
    echo "GNU time is needed: apt-get install time" >&2
    exit 1
fi

dotnet build src/Perceptron.Cli/Perceptron.Cli.csproj -c Release -v quiet -nologo > /dev/null
# A copy of the build, so that rebuilding the repository during the run cannot change what is measured.
rm -rf "$folder/cli" && cp -r artifacts/bin/Perceptron.Cli/release "$folder/cli"
cli=(dotnet "$folder/cli/Perceptron.Cli.dll")

echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; memory: $(free -g | awk '/Mem:/ {print $2}') GB"
dotnet run -c Release tools/data/generate-stream-data.cs -- "$folder/big.csv" "$gigabytes"
ls -l "$folder/big.csv"

measure() {
    local name=$1
    shift
    /usr/bin/time -v "$@" 2> "$folder/$name.time" > "$folder/$name.out" || { cat "$folder/$name.time" >&2; exit 1; }
    printf '%s: wall %s, peak RSS %s MB\n' "$name" \
        "$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$folder/$name.time")" \
        "$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$folder/$name.time")"
}

measure train "${cli[@]}" train "$folder/big.csv" --stream --target label --layers 64,32 --epochs 2 --batch-size 128 \
    --test-split 0.1 --out "$folder/model.json" --json
cat "$folder/train.out"
measure predict "${cli[@]}" predict "$folder/model.json" "$folder/big.csv" --out "$folder/predictions.csv"
cat "$folder/predict.out"
echo "predictions: $(($(wc -l < "$folder/predictions.csv") - 1)) rows, $(stat -c %s "$folder/predictions.csv") bytes"
