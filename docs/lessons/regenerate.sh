#!/usr/bin/env bash
# Re-runs every lesson with seed 1 and rewrites what docs/lessons/ quotes from it: each page's generated block, its
# <!--f:KEY-->value<!--/f--> facts, and the pictures (PNG, GIF) under images/ that the pages show.
# Usage: bash docs/lessons/regenerate.sh      (LessonPagesTests then checks the pages against fresh runs)
set -euo pipefail
cd "$(dirname "$0")/../.."

PERCEPTRON_REGENERATE_LESSONS=1 dotnet test tests/Perceptron.Cli.Tests -c Release --filter "FullyQualifiedName~LessonPagesTests.Page_"

dotnet build src/Perceptron.Cli -c Release
out=$(mktemp -d)
for page in docs/lessons/[0-9][0-9]-*.md; do
  number=$(basename "$page" | cut -c1-2)
  dotnet artifacts/bin/Perceptron.Cli/release/Perceptron.Cli.dll lesson "$((10#$number))" --seed 1 --out "$out" > /dev/null
  mkdir -p "docs/lessons/images/$number"
  rm -f "docs/lessons/images/$number"/*
  for picture in $(grep -oE "images/$number/[a-z0-9-]+\.(png|gif)" "$page" | sort -u); do
    cp "$out/$number/$(basename "$picture")" "docs/lessons/$picture"
  done
done
rm -rf "$out"
