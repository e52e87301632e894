#!/usr/bin/env bash
# Checks the exercises as a learner first sees them: built from Holes/, every graded test must fail, each with its
# "Not done yet. Exercise N: …" hint. Exits 0 when they do. (.ci/run counts this as one check; the reference answers
# are graded separately: dotnet test exercises -p:Solutions=true.)
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test exercises -c Release > "$log" 2>&1
total=$(grep -Eo 'Total: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
hints=$(grep -c 'Not done yet\. Exercise' "$log")
if [ "$total" -gt 0 ] && [ "$failed" -eq "$total" ] && [ "$hints" -ge "$total" ]; then
  echo "the unfilled exercises fail all $total graded tests, each with a 'Not done yet' hint, as expected"
  exit 0
fi

# Shown for diagnosis, with the summary words changed so that nothing counts them as test results.
sed 's/Passed!/passed/g; s/Failed!/failed/g' "$log"
echo "expected every graded test of the unfilled exercises to fail with a hint; $failed of $total failed, $hints hints"
exit 1
