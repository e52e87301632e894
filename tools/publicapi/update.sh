#!/usr/bin/env bash
# Rewrites each library's PublicAPI.Unshipped.txt from its current public API. Run it after an intended change to
# the public API (the build fails with RS0016/RS0017 until the files agree with the code), then review the diff:
# it is the API change a reviewer should see. PublicAPI.Shipped.txt is left alone (it changes only at a release).
set -euo pipefail
cd "$(dirname "$0")/../.."

for project in src/Perceptron/Perceptron.csproj src/Perceptron.Onnx/Perceptron.Onnx.csproj; do
  unshipped="$(dirname "$project")/PublicAPI.Unshipped.txt"
  printf '#nullable enable\n' > "$unshipped"
  # The analyzer's own code fix adds every public symbol the two files do not declare yet.
  dotnet format analyzers "$project" --diagnostics RS0016 --severity warn -v q
  echo "$unshipped: $(($(wc -l < "$unshipped") - 1)) symbols"
done
